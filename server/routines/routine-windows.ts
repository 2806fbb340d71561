// The time windows of the daily routine (the office
// reviews new leads in the morning and late afternoon), in the tenant's time zone. Pure.
import { TZDate } from "@date-fns/tz";
import { END_OF_DAY_MINUTE, localTimeOn } from "@/server/leads/escalation-rules";

export type WeeklyHours = { weekday: number; openMinute: number; closeMinute: number };

export type RoutineWindows = {
  /** Today 00:00 local. */
  todayStart: Date;
  tomorrowStart: Date;
  dayAfterStart: Date;
  /** When the morning routine starts: today's opening time, else 8:00 AM. */
  morningStart: Date;
  /** The last close before today: the previous business day's closing time, else yesterday 5 PM. */
  previousClose: Date;
  /** That close as the office says it: "yesterday's close", on a Monday "Friday's close". */
  previousCloseName: string;
  /** Today's end-of-day review (5 PM local; the escalation rule's end of day). */
  endOfDay: Date;
};

const MORNING_MINUTE = 8 * 60;
const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function localDay(now: Date, tz: string, offsetDays: number): TZDate {
  const d = new TZDate(now.getTime(), tz);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + offsetDays, 0, 0, 0, 0, tz);
}

const instant = (d: TZDate) => new Date(d.getTime());

export function routineWindows(now: Date, tz: string, hours: readonly WeeklyHours[] = []): RoutineWindows {
  const today = localDay(now, tz, 0);
  const open = hours.find((h) => h.weekday === today.getDay());
  let previousClose: Date | null = null;
  let previousCloseName = "yesterday's close";
  for (let back = 1; back <= 7 && !previousClose; back++) {
    const day = localDay(now, tz, -back);
    const h = hours.find((x) => x.weekday === day.getDay());
    if (!h) continue;
    previousClose = localTimeOn(instant(day), tz, h.closeMinute);
    const weekday = WEEKDAY_NAMES[day.getDay()];
    previousCloseName = back === 1 ? "yesterday's close" : `${back === 7 ? "last " : ""}${weekday}'s close`;
  }
  return {
    todayStart: instant(today),
    tomorrowStart: instant(localDay(now, tz, 1)),
    dayAfterStart: instant(localDay(now, tz, 2)),
    morningStart: localTimeOn(instant(today), tz, open?.openMinute ?? MORNING_MINUTE),
    previousClose: previousClose ?? localTimeOn(instant(localDay(now, tz, -1)), tz, END_OF_DAY_MINUTE),
    previousCloseName,
    endOfDay: localTimeOn(instant(today), tz, END_OF_DAY_MINUTE),
  };
}
