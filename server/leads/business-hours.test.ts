import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import { callbackWhen } from "@/server/voice/caller-answers";
import { confirmDueAt } from "./book-appointment";
import {
  isOfficeOpen,
  lastOfficeMomentBefore,
  nextOfficeOpening,
  officeDueAt,
  type BusinessClock,
} from "./business-hours";

const weekdays = (open: number, close: number, days = [1, 2, 3, 4, 5]) =>
  days.map((weekday) => ({ weekday, openMinute: open * 60, closeMinute: close * 60 }));

const CHICAGO: BusinessClock = { timeZone: "America/Chicago", hours: weekdays(8, 17) };
const BERLIN: BusinessClock = { timeZone: "Europe/Berlin", hours: weekdays(7, 16) };
const at = (iso: string) => new Date(iso);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

describe("office work is due while the office is open", () => {
  it("leaves a time the office is open alone, and any time when no hours are set", () => {
    const tuesday10 = at("2026-03-03T16:00:00Z"); // Tue 10:00 AM CST
    expect(isOfficeOpen(tuesday10, CHICAGO)).toBe(true);
    expect(officeDueAt(tuesday10, plus(tuesday10, 60), CHICAGO)).toEqual(plus(tuesday10, 60));
    const sunday23 = at("2026-03-02T05:00:00Z"); // Sun 11 PM CST
    expect(officeDueAt(sunday23, sunday23, { timeZone: "America/Chicago", hours: [] })).toEqual(sunday23);
  });

  it("moves a confirmation asked for at 11 PM on a Sunday to Monday's opening", () => {
    const sunday23 = at("2026-03-02T05:00:00Z"); // Sun Mar 1, 11 PM CST
    expect(officeDueAt(sunday23, plus(sunday23, 60), CHICAGO)).toEqual(at("2026-03-02T14:00:00Z"));
  });

  it("keeps work created during the day due by closing time when it would run past it", () => {
    const tuesday1650 = at("2026-03-03T22:50:00Z"); // Tue 4:50 PM CST
    expect(officeDueAt(tuesday1650, plus(tuesday1650, 15), CHICAGO)).toEqual(at("2026-03-03T23:00:00Z"));
    // A day later is not today's work: the next opening after it.
    const friday16 = at("2026-03-06T22:00:00Z"); // Fri 4 PM CST
    expect(officeDueAt(friday16, plus(friday16, 24 * 60), CHICAGO)).toEqual(at("2026-03-09T13:00:00Z"));
  });

  it("opens later the same morning before opening time", () => {
    const tuesday6 = at("2026-03-03T12:00:00Z"); // Tue 6 AM CST
    expect(nextOfficeOpening(tuesday6, CHICAGO)).toEqual(at("2026-03-03T14:00:00Z"));
  });

  it("is right across the spring clock change (Sunday March 8, 2026 in the US)", () => {
    // Saturday 11 PM CST; Monday opens at 8 AM CDT, which is 13:00 UTC, not 14:00.
    const saturday23 = at("2026-03-08T05:00:00Z");
    expect(nextOfficeOpening(saturday23, CHICAGO)).toEqual(at("2026-03-09T13:00:00Z"));
    expect(new TZDate(nextOfficeOpening(saturday23, CHICAGO).getTime(), "America/Chicago").getHours()).toBe(
      8,
    );
  });

  it("is right across the autumn clock change (Sunday November 1, 2026 in the US)", () => {
    // Saturday 10 PM CDT; Monday opens at 8 AM CST = 14:00 UTC.
    const saturday22 = at("2026-11-01T03:00:00Z");
    expect(nextOfficeOpening(saturday22, CHICAGO)).toEqual(at("2026-11-02T14:00:00Z"));
  });

  it("uses the business's own time zone (Berlin, across its spring change on March 29, 2026)", () => {
    // 11 PM on Saturday in Berlin (CET) → Monday 7 AM CEST = 05:00 UTC.
    const saturday23 = at("2026-03-28T22:00:00Z");
    expect(isOfficeOpen(saturday23, BERLIN)).toBe(false);
    expect(officeDueAt(saturday23, plus(saturday23, 60), BERLIN)).toEqual(at("2026-03-30T05:00:00Z"));
    // 3 PM UTC on a Tuesday is 4 PM in Berlin: closed there, open in Chicago.
    const tuesday15z = at("2026-03-31T15:00:00Z");
    expect(isOfficeOpen(tuesday15z, BERLIN)).toBe(false);
    expect(isOfficeOpen(tuesday15z, CHICAGO)).toBe(true);
  });

  it("finds the last closing before a time the office is closed", () => {
    const sunday8 = at("2026-03-08T13:00:00Z"); // Sun 8 AM CDT
    expect(lastOfficeMomentBefore(sunday8, CHICAGO)).toEqual(at("2026-03-06T23:00:00Z")); // Fri 5 PM CST
  });

  it("agrees with what the caller is told about the callback", () => {
    const names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    for (const iso of [
      "2026-03-02T05:00:00Z", // Sun 11 PM
      "2026-03-03T12:00:00Z", // Tue 6 AM
      "2026-03-06T23:30:00Z", // Fri 5:30 PM
      "2026-03-07T18:00:00Z", // Sat noon
      "2026-03-08T05:00:00Z", // Sat 11 PM before the clock change
    ]) {
      const now = at(iso);
      const opens = new TZDate(nextOfficeOpening(now, CHICAGO).getTime(), "America/Chicago");
      const local = new TZDate(now.getTime(), "America/Chicago");
      const days = Math.round(
        (Date.UTC(opens.getFullYear(), opens.getMonth(), opens.getDate()) -
          Date.UTC(local.getFullYear(), local.getMonth(), local.getDate())) /
          86_400_000,
      );
      const when = days === 0 ? "" : days === 1 ? "tomorrow " : `on ${names[opens.getDay()]} `;
      expect(callbackWhen(now, "America/Chicago", CHICAGO.hours), iso).toBe(
        `when the office opens ${when}at 8 AM`,
      );
    }
  });
});

describe("when the office confirms a booked visit", () => {
  it("24 hours before the visit while the office is open", () => {
    const now = at("2026-03-06T16:00:00Z"); // Fri 10 AM
    const visit = at("2026-03-10T15:00:00Z"); // Tue 10 AM CDT
    expect(confirmDueAt(now, visit, CHICAGO)).toEqual(at("2026-03-09T15:00:00Z"));
  });

  it("a Monday 8 AM visit is confirmed by Friday's closing, never on Sunday", () => {
    const now = at("2026-03-04T16:00:00Z"); // Wed 10 AM CST
    const visit = at("2026-03-09T13:00:00Z"); // Mon 8 AM CDT
    expect(confirmDueAt(now, visit, CHICAGO)).toEqual(at("2026-03-06T23:00:00Z"));
  });

  it("booked after that closing: at the next opening, never after the visit", () => {
    const now = at("2026-03-07T18:00:00Z"); // Sat noon
    const visit = at("2026-03-09T13:00:00Z"); // Mon 8 AM
    expect(confirmDueAt(now, visit, CHICAGO)).toEqual(visit);
    const tuesday = at("2026-03-10T15:00:00Z"); // Tue 10 AM CDT: a day before is Monday, open
    expect(confirmDueAt(now, tuesday, CHICAGO)).toEqual(at("2026-03-09T15:00:00Z"));
    // Booked on Monday evening for Tuesday 8 AM: at Tuesday's opening, the visit's own time.
    const mondayEvening = at("2026-03-10T00:30:00Z"); // Mon 7:30 PM CDT
    const tuesday8 = at("2026-03-10T13:00:00Z");
    expect(confirmDueAt(mondayEvening, tuesday8, CHICAGO)).toEqual(tuesday8);
  });
});
