// The daily routine's morning / midday / end-of-day windows in the tenant's time zone.
import { describe, expect, it } from "vitest";
import { routineWindows } from "./routine-windows";

const TZ = "America/Chicago";
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  openMinute: 7 * 60,
  closeMinute: 16 * 60 + 30,
}));

describe("daily routine windows", () => {
  it("morning: new since yesterday's close, with the day starting at the business's opening time", () => {
    const w = routineWindows(new Date("2026-06-10T15:00:00.000Z"), TZ, weekdays); // Wed 10 AM CDT
    expect(w.previousClose.toISOString()).toBe("2026-06-09T21:30:00.000Z"); // Tue 4:30 PM CDT
    expect(w.previousCloseName).toBe("yesterday's close");
    expect(w.morningStart.toISOString()).toBe("2026-06-10T12:00:00.000Z"); // 7 AM CDT
    expect(w.todayStart.toISOString()).toBe("2026-06-10T05:00:00.000Z");
    expect(w.tomorrowStart.toISOString()).toBe("2026-06-11T05:00:00.000Z");
  });

  it("on Monday, 'since yesterday's close' reaches back to Friday's close", () => {
    const w = routineWindows(new Date("2026-06-15T14:00:00.000Z"), TZ, weekdays); // Mon
    expect(w.previousClose.toISOString()).toBe("2026-06-12T21:30:00.000Z"); // Fri 4:30 PM
    expect(w.previousCloseName).toBe("Friday's close");
  });

  it("a business open one day a week names the close a week back as last week's", () => {
    const mondays = [{ weekday: 1, openMinute: 7 * 60, closeMinute: 16 * 60 + 30 }];
    const w = routineWindows(new Date("2026-06-15T14:00:00.000Z"), TZ, mondays); // Mon
    expect(w.previousClose.toISOString()).toBe("2026-06-08T21:30:00.000Z");
    expect(w.previousCloseName).toBe("last Monday's close");
  });

  it("without business hours: 8 AM morning, yesterday 5 PM close", () => {
    const w = routineWindows(new Date("2026-06-10T15:00:00.000Z"), TZ);
    expect(w.morningStart.toISOString()).toBe("2026-06-10T13:00:00.000Z");
    expect(w.previousClose.toISOString()).toBe("2026-06-09T22:00:00.000Z");
    expect(w.previousCloseName).toBe("yesterday's close");
    expect(w.endOfDay.toISOString()).toBe("2026-06-10T22:00:00.000Z");
  });

  it("tomorrow's callbacks window is a 23-hour day when the clocks spring forward", () => {
    const w = routineWindows(new Date("2026-03-07T18:00:00.000Z"), TZ); // Sat before DST
    expect(w.tomorrowStart.toISOString()).toBe("2026-03-08T06:00:00.000Z"); // CST midnight
    expect(w.dayAfterStart.toISOString()).toBe("2026-03-09T05:00:00.000Z"); // CDT midnight
  });
});
