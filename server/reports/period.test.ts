import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { daysOf, localDate, resolvePeriod } from "./period";

const CHICAGO = "America/Chicago";

describe("report periods in the business's time zone", () => {
  it("starts March 2026 at local midnight CST and ends at local midnight CDT (the DST change is inside)", () => {
    const p = resolvePeriod({ kind: "this_month" }, CHICAGO, new Date("2026-03-15T12:00:00Z"));
    expect(p.start.toISOString()).toBe("2026-03-01T06:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-04-01T05:00:00.000Z");
    expect([p.firstDay, p.lastDay]).toEqual(["2026-03-01", "2026-03-31"]);
    // 31 days less the hour clocks skipped on March 8.
    expect((p.end.getTime() - p.start.getTime()) / 3_600_000).toBe(31 * 24 - 1);
    expect(p.label).toBe("March 2026");
    expect(p.previous.start.toISOString()).toBe("2026-02-01T06:00:00.000Z");
    expect(p.previous.end.toISOString()).toBe(p.start.toISOString());
    expect(daysOf(p)).toHaveLength(31);
  });

  it("reads 'now' in the business's zone: 03:00 UTC on April 1 is still March in Chicago", () => {
    const p = resolvePeriod({ kind: "this_month" }, CHICAGO, new Date("2026-04-01T03:00:00Z"));
    expect(p.firstDay).toBe("2026-03-01");
    const last = resolvePeriod({ kind: "last_month" }, CHICAGO, new Date("2026-04-01T03:00:00Z"));
    expect([last.firstDay, last.lastDay]).toEqual(["2026-02-01", "2026-02-28"]);
    expect(last.previous.firstDay).toBe("2026-01-01");
  });

  it("last month in January is December of the year before", () => {
    const p = resolvePeriod({ kind: "last_month" }, "America/New_York", new Date("2026-01-10T15:00:00Z"));
    expect([p.firstDay, p.lastDay, p.label]).toEqual(["2025-12-01", "2025-12-31", "December 2025"]);
  });

  it("weeks start on Monday; the DST week is 167 hours long", () => {
    // Wednesday March 11, 2026.
    const p = resolvePeriod({ kind: "last_week" }, CHICAGO, new Date("2026-03-11T18:00:00Z"));
    expect([p.firstDay, p.lastDay]).toEqual(["2026-03-02", "2026-03-08"]);
    expect((p.end.getTime() - p.start.getTime()) / 3_600_000).toBe(167);
    const t = resolvePeriod({ kind: "this_week" }, CHICAGO, new Date("2026-03-15T18:00:00Z")); // a Sunday
    expect([t.firstDay, t.lastDay]).toEqual(["2026-03-09", "2026-03-15"]);
    expect(p.label).toBe("Last week (Mon, Mar 2 – Sun, Mar 8)");
    expect([t.previous.firstDay, t.previous.lastDay]).toEqual(["2026-03-02", "2026-03-08"]);
  });

  it("a custom range is inclusive, and the previous period is the same number of days just before", () => {
    const p = resolvePeriod(
      { kind: "custom", from: "2026-03-05", to: "2026-03-14" },
      CHICAGO,
      new Date("2026-04-01T00:00:00Z"),
    );
    expect(daysOf(p)).toHaveLength(10);
    expect([p.previous.firstDay, p.previous.lastDay]).toEqual(["2026-02-23", "2026-03-04"]);
  });

  it("refuses a custom range backwards or with a day that does not exist, naming the field", () => {
    const now = new Date("2026-04-01T00:00:00Z");
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof AppError ? [e.field, e.message] : ["?", String(e)];
      }
      return null;
    };
    expect(
      fieldOf(() =>
        resolvePeriod({ kind: "custom", from: "2026-03-05", to: "2026-03-01" }, CHICAGO, now),
      )?.[0],
    ).toBe("to");
    expect(
      fieldOf(() => resolvePeriod({ kind: "custom", from: "2026-02-30", to: "2026-03-01" }, CHICAGO, now)),
    ).toEqual(["from", "2026-02-30 is not a calendar date."]);
    expect(fieldOf(() => resolvePeriod({ kind: "custom", to: "2026-03-01" }, CHICAGO, now))?.[0]).toBe(
      "from",
    );
    expect(fieldOf(() => resolvePeriod({ kind: "month" }, CHICAGO, now))?.[0]).toBe("month");
  });

  it("gives the local date of an instant", () => {
    expect(localDate(new Date("2026-04-01T04:30:00Z"), CHICAGO)).toBe("2026-03-31");
    expect(localDate(new Date("2026-03-01T05:30:00Z"), CHICAGO)).toBe("2026-02-28");
  });
});

describe("a period's name says its days in words", () => {
  it("names a custom range by its days, never as YYYY-MM-DD", () => {
    const p = resolvePeriod(
      { kind: "custom", from: "2026-03-02", to: "2026-03-20" },
      CHICAGO,
      new Date("2026-03-25T12:00:00Z"),
    );
    expect(p.label).toBe("March 2, 2026 – March 20, 2026");
    expect(p.label).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
