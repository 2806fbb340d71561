// Report periods in the business's time zone: this week (Monday first), last week, this month,
// last month, or a custom range of local days, each with the period just before it. Pure.
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { zDay, zMonth } from "@/server/http/safe-input";
import { AppError } from "@/server/errors";
import { dayLabel } from "@/server/text/day-label";

export const PERIOD_KINDS = [
  "this_week",
  "last_week",
  "this_month",
  "last_month",
  "custom",
  "month",
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const ZReportPeriodInput = z.object({
  kind: z.enum(PERIOD_KINDS),
  /** Custom range: first and last local day, inclusive (YYYY-MM-DD). */
  from: zDay("From must be a date like 2026-03-02.").optional(),
  to: zDay("To must be a date like 2026-03-31.").optional(),
  /** kind "month": the month, YYYY-MM. */
  month: zMonth("Month must look like 2026-03.").optional(),
});
export type ReportPeriodInput = z.infer<typeof ZReportPeriodInput>;

/** A half-open range of instants [start, end) with the local days it covers. */
export type DateRange = { start: Date; end: Date; firstDay: string; lastDay: string };
export type ReportPeriod = DateRange & {
  kind: PeriodKind;
  label: string;
  timeZone: string;
  previous: DateRange;
};

/** Custom ranges longer than this are refused: a report is about weeks and months, not years. */
export const MAX_CUSTOM_DAYS = 366;

const localMidnight = (y: number, m: number, d: number, tz: string) =>
  new Date(new TZDate(y, m, d, 0, 0, 0, 0, tz).getTime());

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, tz: string): string {
  const d = new TZDate(at.getTime(), tz);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return [y, m - 1, d];
}

/** Local days [firstDay … firstDay + days) as instants. Day arithmetic is on the calendar, so a DST day is 23 or 25 hours. */
function dayRange(y: number, m: number, d: number, days: number, tz: string): DateRange {
  const start = localMidnight(y, m, d, tz);
  const end = localMidnight(y, m, d + days, tz);
  return { start, end, firstDay: localDate(start, tz), lastDay: localDate(new Date(end.getTime() - 1), tz) };
}

function monthRange(y: number, m: number, tz: string): DateRange {
  const start = localMidnight(y, m, 1, tz);
  const end = localMidnight(y, m + 1, 1, tz);
  return { start, end, firstDay: localDate(start, tz), lastDay: localDate(new Date(end.getTime() - 1), tz) };
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function monthLabel(month: string): string {
  const [y, m] = parts(`${month}-01`);
  return `${MONTH_NAMES[m]} ${y}`;
}

/** Days between two YYYY-MM-DD dates (calendar days, DST-proof). */
function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm, bd) - Date.UTC(ay, am, ad)) / 86_400_000);
}

function validDay(day: string, field: string): void {
  const [y, m, d] = parts(day);
  const back = new Date(Date.UTC(y, m, d));
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m || back.getUTCDate() !== d)
    throw new AppError("BAD_REQUEST", `${day} is not a calendar date.`, field);
}

/** The period a report covers, and the one before it, for "now" in the business's time zone. */
export function resolvePeriod(input: ReportPeriodInput, timeZone: string, now: Date): ReportPeriod {
  const local = new TZDate(now.getTime(), timeZone);
  const y = local.getFullYear();
  const m = local.getMonth();
  const d = local.getDate();
  const sinceMonday = (local.getDay() + 6) % 7;
  switch (input.kind) {
    case "this_week":
    case "last_week": {
      const back = input.kind === "this_week" ? 0 : 7;
      const range = dayRange(y, m, d - sinceMonday - back, 7, timeZone);
      return {
        ...range,
        kind: input.kind,
        timeZone,
        label: `${input.kind === "this_week" ? "This week" : "Last week"} (${dayLabel(range.firstDay, timeZone)} – ${dayLabel(range.lastDay, timeZone)})`,
        previous: dayRange(y, m, d - sinceMonday - back - 7, 7, timeZone),
      };
    }
    case "this_month":
    case "last_month": {
      const mm = input.kind === "this_month" ? m : m - 1;
      const range = monthRange(y, mm, timeZone);
      return {
        ...range,
        kind: input.kind,
        timeZone,
        label: monthLabel(range.firstDay.slice(0, 7)),
        previous: monthRange(y, mm - 1, timeZone),
      };
    }
    case "month": {
      if (!input.month) throw new AppError("BAD_REQUEST", "Choose a month, like 2026-03.", "month");
      const [yy, mm] = parts(`${input.month}-01`);
      const range = monthRange(yy, mm, timeZone);
      return {
        ...range,
        kind: "month",
        timeZone,
        label: monthLabel(input.month),
        previous: monthRange(yy, mm - 1, timeZone),
      };
    }
    case "custom": {
      if (!input.from) throw new AppError("BAD_REQUEST", "Choose the first day of the range.", "from");
      if (!input.to) throw new AppError("BAD_REQUEST", "Choose the last day of the range.", "to");
      validDay(input.from, "from");
      validDay(input.to, "to");
      const days = daysBetween(input.from, input.to) + 1;
      if (days < 1)
        throw new AppError("BAD_REQUEST", "The last day comes before the first day: swap them.", "to");
      if (days > MAX_CUSTOM_DAYS)
        throw new AppError("BAD_REQUEST", `Choose at most ${MAX_CUSTOM_DAYS} days.`, "to");
      const [fy, fm, fd] = parts(input.from);
      return {
        ...dayRange(fy, fm, fd, days, timeZone),
        kind: "custom",
        timeZone,
        label: `${dayLabel(input.from, timeZone, "long")} – ${dayLabel(input.to, timeZone, "long")}`,
        previous: dayRange(fy, fm, fd - days, days, timeZone),
      };
    }
  }
}

/** Every local day of a range, in order (YYYY-MM-DD). */
export function daysOf(range: Pick<DateRange, "firstDay" | "lastDay">): string[] {
  const out: string[] = [];
  const [y, m, d] = parts(range.firstDay);
  const n = daysBetween(range.firstDay, range.lastDay) + 1;
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(y, m, d + i));
    out.push(t.toISOString().slice(0, 10));
  }
  return out;
}

/** The instant each local day of a range starts (local midnight; a DST day is 23 or 25 hours), in order. */
export function dayStartsOf(range: Pick<DateRange, "firstDay" | "lastDay">, timeZone: string): Date[] {
  return daysOf(range).map((day) => {
    const [y, m, d] = parts(day);
    return localMidnight(y, m, d, timeZone);
  });
}
