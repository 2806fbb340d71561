import { describe, expect, it } from "vitest";
import type { PeriodFigures } from "@/server/reports/report-schema";
import { isEmptyReport, reportEmptyText } from "./report-empty-state";

const figures = (calls: number, leads: number) => ({ calls, leads }) as PeriodFigures;

describe("what an empty report says", () => {
  it("is empty only when neither the period nor the one before has a call or a lead", () => {
    expect(isEmptyReport({ current: figures(0, 0), previous: figures(0, 0) })).toBe(true);
    // A quiet month after a busy one still shows its zeros beside last month's figures.
    expect(isEmptyReport({ current: figures(0, 0), previous: figures(3, 2) })).toBe(false);
    expect(isEmptyReport({ current: figures(0, 1), previous: figures(0, 0) })).toBe(false);
    // A sales call is a call even though it is not a lead.
    expect(isEmptyReport({ current: figures(1, 0), previous: figures(0, 0) })).toBe(false);
  });

  it("tells a new owner what will appear and offers a test call and the setup checklist", () => {
    const text = reportEmptyText({
      ownLeadsOnly: false,
      hasRealLeads: false,
      canPlaceTestCalls: true,
      canSetUp: true,
      setupComplete: false,
    });
    expect(text.title).toBe("No calls or leads to report yet.");
    expect(text.body).toMatch(/missed calls the AI rescued/);
    expect(text).toMatchObject({ testCallHint: true, setupHint: true });
  });

  it("does not send an owner whose setup is done (or not yet known) back to the checklist", () => {
    for (const setupComplete of [true, undefined]) {
      const text = reportEmptyText({
        ownLeadsOnly: false,
        hasRealLeads: false,
        canPlaceTestCalls: true,
        canSetUp: true,
        setupComplete,
      });
      expect(text).toMatchObject({ testCallHint: true, setupHint: false });
    }
  });

  it("never points staff to pages they may not open, and speaks of their own leads", () => {
    const text = reportEmptyText({
      ownLeadsOnly: true,
      hasRealLeads: false,
      canPlaceTestCalls: false,
      canSetUp: false,
    });
    expect(text.title).toMatch(/of yours/);
    expect(text).toMatchObject({ testCallHint: false, setupHint: false });
  });

  it("tells a business with leads in other periods to pick another period, not to set up", () => {
    const text = reportEmptyText({
      ownLeadsOnly: false,
      hasRealLeads: true,
      canPlaceTestCalls: true,
      canSetUp: true,
    });
    expect(text.title).toBe("No calls or leads in this period or the one before.");
    expect(text).toMatchObject({ testCallHint: false, setupHint: false });
  });
});
