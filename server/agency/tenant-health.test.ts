// The agency console's health badge and "needs attention" order, and the local days it counts in.
import { describe, expect, it } from "vitest";
import { byNeedsAttention, lastLocalDays, localDay, QA_FAILURE_LIMIT, tenantHealth } from "./tenant-health";

const row = (name: string, leaks: number, gateOpen = true, paused = false) => ({
  name,
  openLeaks: { total: leaks },
  gate: { open: gateOpen },
  paused,
});

describe("tenant health", () => {
  it("shows a paused tenant as paused, whatever else is wrong", () => {
    expect(tenantHealth({ paused: true, gateOpen: false, openLeaks: 9, qaFailureRate: 0.5 })).toBe("paused");
  });
  it("shows the AI off when the service gate is closed", () => {
    expect(tenantHealth({ paused: false, gateOpen: false, openLeaks: 0, qaFailureRate: null })).toBe("off");
  });
  it("needs attention with any open leak, or a QA failure rate above 5 %", () => {
    expect(tenantHealth({ paused: false, gateOpen: true, openLeaks: 1, qaFailureRate: null })).toBe(
      "attention",
    );
    expect(
      tenantHealth({ paused: false, gateOpen: true, openLeaks: 0, qaFailureRate: QA_FAILURE_LIMIT + 0.01 }),
    ).toBe("attention");
    expect(
      tenantHealth({ paused: false, gateOpen: true, openLeaks: 0, qaFailureRate: QA_FAILURE_LIMIT }),
    ).toBe("ok");
    expect(tenantHealth({ paused: false, gateOpen: true, openLeaks: 0, qaFailureRate: null })).toBe("ok");
  });
});

describe("needs attention order", () => {
  it("puts the most open leaks first, then a closed gate, then by name", () => {
    const rows = [
      row("Able", 0),
      row("Zed", 3),
      row("Mid", 1),
      row("Bolt", 0, false),
      row("Calm", 0, false, true),
    ];
    expect(rows.sort(byNeedsAttention).map((r) => r.name)).toEqual(["Zed", "Mid", "Bolt", "Able", "Calm"]);
  });
});

describe("local days", () => {
  it("counts days in the business's own time zone", () => {
    const at = new Date("2026-11-23T03:00:00Z"); // still Nov 22 in Chicago
    expect(localDay(at, "America/Chicago")).toBe("2026-11-22");
    expect(localDay(at, "UTC")).toBe("2026-11-23");
  });
  it("lists the last 7 days oldest first, across a DST change and a month end", () => {
    expect(lastLocalDays(new Date("2026-11-02T18:00:00Z"), "America/Chicago", 7)).toEqual([
      "2026-10-27",
      "2026-10-28",
      "2026-10-29",
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ]);
  });
});
