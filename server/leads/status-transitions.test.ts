import { describe, expect, it } from "vitest";
import { checkStatusTransition, LEAD_STATUSES, statusChoices } from "./status-transitions";

describe("status contract (missed, answered_by_plumber, answered_by_ai, booked, not_booked, followup_needed, closed)", () => {
  it("keeps exactly the seven statuses", () => {
    expect(LEAD_STATUSES).toEqual([
      "missed",
      "answered_by_plumber",
      "answered_by_ai",
      "booked",
      "not_booked",
      "followup_needed",
      "closed",
    ]);
  });

  it("lets the office move a recovered call to follow-up needed or not booked", () => {
    expect(checkStatusTransition("answered_by_ai", "followup_needed")).toEqual({ ok: true });
    expect(checkStatusTransition("missed", "not_booked")).toEqual({ ok: true });
  });

  it("refuses to set how a call was answered: only the call flow does that", () => {
    const r = checkStatusTransition("followup_needed", "answered_by_plumber");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/only the call flow sets it/);
  });

  it("books only with an appointment time and closes only with a reason code", () => {
    expect(checkStatusTransition("followup_needed", "booked", "status")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Book appointment/),
    });
    expect(checkStatusTransition("followup_needed", "booked", "book")).toEqual({ ok: true });
    expect(checkStatusTransition("followup_needed", "closed", "status")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/reason code/),
    });
    expect(checkStatusTransition("followup_needed", "closed", "close")).toEqual({ ok: true });
  });

  it("reopens a closed lead only as follow-up needed", () => {
    expect(checkStatusTransition("closed", "followup_needed")).toEqual({ ok: true });
    expect(checkStatusTransition("closed", "booked", "book")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/reopen it as follow-up needed first/),
    });
    expect(checkStatusTransition("closed", "closed", "close").ok).toBe(false);
  });

  it("refuses a change to the same status with the reason", () => {
    expect(checkStatusTransition("not_booked", "not_booked")).toMatchObject({
      ok: false,
      reason: 'The lead is already "Not booked".',
    });
  });

  it("offers only sensible choices in the status menu", () => {
    expect(statusChoices("booked")).toEqual(["not_booked", "followup_needed"]);
    expect(statusChoices("closed")).toEqual(["followup_needed"]);
  });
});
