import { describe, expect, it } from "vitest";
import {
  isHandoffSamplingTime,
  noShare,
  pickHandoffSample,
  previousWeek,
  type HandoffCandidate,
} from "./handoff-qa";

const TZ = "America/Chicago";

describe("weekly handoff QA", () => {
  it("samples the previous Monday–Sunday in the business's zone, the DST week included", () => {
    // Monday March 9, 2026, 07:00 CDT: last week is March 2–8 (clocks moved on the 8th).
    const w = previousWeek(new Date("2026-03-09T12:00:00Z"), TZ);
    expect(w).toEqual({
      weekOf: "2026-03-02",
      start: new Date("2026-03-02T06:00:00Z"),
      end: new Date("2026-03-09T05:00:00Z"),
    });
    // Late Sunday night local time (Monday in UTC) is still the week before.
    expect(previousWeek(new Date("2026-03-16T04:00:00Z"), TZ).weekOf).toBe("2026-03-02");
  });

  it("is due on Monday from 6:00 local time", () => {
    expect(isHandoffSamplingTime(new Date("2026-03-09T10:59:00Z"), TZ)).toBe(false); // 05:59 CDT
    expect(isHandoffSamplingTime(new Date("2026-03-09T11:00:00Z"), TZ)).toBe(true);
    expect(isHandoffSamplingTime(new Date("2026-03-10T11:00:00Z"), TZ)).toBe(false); // Tuesday
  });

  it("picks every kind first, then fills to six, and the same leads on every run", () => {
    const c: HandoffCandidate[] = [
      ...Array.from({ length: 8 }, (_, i) => ({ leadId: `acc${i}`, kind: "accepted" as const })),
      { leadId: "rej0", kind: "rejected" },
      { leadId: "esc0", kind: "escalated" },
      // Escalated, then accepted: one handoff, counted as escalated.
      { leadId: "esc1", kind: "escalated" },
      { leadId: "esc1", kind: "accepted" },
    ];
    const picked = pickHandoffSample(c, "2026-03-02");
    expect(picked).toHaveLength(6);
    expect(new Set(picked.map((p) => p.leadId)).size).toBe(6);
    expect(picked.filter((p) => p.kind === "rejected")).toEqual([{ leadId: "rej0", kind: "rejected" }]);
    expect(
      picked
        .filter((p) => p.kind === "escalated")
        .map((p) => p.leadId)
        .sort(),
    ).toEqual(["esc0", "esc1"]);
    expect(picked.filter((p) => p.kind === "accepted")).toHaveLength(3);
    expect(pickHandoffSample([...c].reverse(), "2026-03-02")).toEqual(picked);
    expect(pickHandoffSample(c.slice(0, 3), "2026-03-02")).toHaveLength(3);
    expect(pickHandoffSample([], "2026-03-02")).toEqual([]);
  });

  it("gives the share of no answers among the answered questions", () => {
    expect(noShare([])).toBeNull();
    expect(noShare([{ ownerCorrect: null }])).toBeNull();
    expect(
      noShare([
        {
          ownerCorrect: true,
          notesSufficient: false,
          waitReasonable: true,
          noRepeat: false,
          outcomeMatched: true,
        },
      ]),
    ).toBe(0.4);
  });
});
