import { describe, expect, it } from "vitest";
import {
  dayBounds,
  exceedsThreshold,
  failureRate,
  isSamplingTime,
  localDay,
  recentDays,
  safeProfileMessage,
} from "./qa-day";

describe("the QA day (in the business's time zone)", () => {
  it("If daily QA failure exceeds 5%: strictly above 5 %, never on an empty day", () => {
    expect(exceedsThreshold(1, 10)).toBe(true);
    expect(exceedsThreshold(1, 20)).toBe(false); // exactly 5 %
    expect(exceedsThreshold(1, 19)).toBe(true);
    expect(exceedsThreshold(0, 10)).toBe(false);
    expect(exceedsThreshold(0, 0)).toBe(false);
    expect(failureRate(3, 10)).toBeCloseTo(0.3);
  });

  it("uses the tenant-local day and its UTC bounds (DST days are 23 hours)", () => {
    expect(localDay(new Date("2026-03-03T04:30:00Z"), "America/Chicago")).toBe("2026-03-02");
    const { start, end } = dayBounds("2026-03-08", "America/Chicago");
    expect(start.toISOString()).toBe("2026-03-08T06:00:00.000Z");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it("samples after 18:00 local time and lists 30 days newest first", () => {
    expect(isSamplingTime(new Date("2026-03-03T00:30:00Z"), "America/Chicago")).toBe(true); // 18:30
    expect(isSamplingTime(new Date("2026-03-02T23:30:00Z"), "America/Chicago")).toBe(false); // 17:30
    const days = recentDays(new Date("2026-03-02T18:00:00Z"), "America/Chicago");
    expect(days).toHaveLength(30);
    expect(days[0]).toBe("2026-03-02");
    expect(days[29]).toBe("2026-02-01");
  });

  it("tells the owner what failed and what to do", () => {
    expect(safeProfileMessage(2, 10)).toBe(
      "AI calls failed QA today (2 of 10); switched to the safe prompt profile; review the prompts.",
    );
  });
});
