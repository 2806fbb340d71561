// Days read as the business's own calendar days, in words, never as "2026-03-02" or a UTC day.
import { describe, expect, it } from "vitest";
import { dayLabel, dayRangeLabel } from "./day-label";

const CHICAGO = "America/Chicago";

describe("day labels", () => {
  it("says a day key as the calendar day it names, in each style", () => {
    expect(dayLabel("2026-03-02", CHICAGO)).toBe("Mon, Mar 2");
    expect(dayLabel("2026-03-02", CHICAGO, "long")).toBe("March 2, 2026");
    expect(dayLabel("2026-03-02", CHICAGO, "axis")).toBe("3/2");
  });

  it("keeps a day key on its day in a zone far west of UTC (no shift to the day before)", () => {
    expect(dayLabel("2026-03-01", "Pacific/Honolulu")).toBe("Sun, Mar 1");
    expect(dayLabel("2026-12-31", "Pacific/Honolulu", "long")).toBe("December 31, 2026");
  });

  it("says late evening in Chicago as that day, though it is already the next day in UTC", () => {
    const lateEvening = new Date("2026-03-03T04:30:00Z"); // 10:30 PM CST on Monday, March 2
    expect(dayLabel(lateEvening, CHICAGO)).toBe("Mon, Mar 2");
    expect(dayLabel(lateEvening.toISOString(), CHICAGO, "long")).toBe("March 2, 2026");
    expect(dayLabel(lateEvening, "UTC")).toBe("Tue, Mar 3");
  });

  it("follows daylight saving time: 11 PM CDT is still the local day", () => {
    expect(dayLabel(new Date("2026-07-05T04:00:00Z"), CHICAGO)).toBe("Sat, Jul 4");
  });

  it("says a missing day as a dash and leaves text that is not a date alone", () => {
    expect(dayLabel(null, CHICAGO)).toBe("—");
    expect(dayLabel("", CHICAGO)).toBe("—");
    expect(dayLabel("not a day", CHICAGO)).toBe("not a day");
  });

  it("says a period as two days", () => {
    expect(dayRangeLabel("2026-03-01", "2026-03-31", CHICAGO, "long")).toBe(
      "March 1, 2026 to March 31, 2026",
    );
  });
});
