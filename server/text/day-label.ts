// Days as people read them, in the business's time zone — never "2026-03-02" or a UTC day.
// "Mon, Mar 2" on screens and in tables, "March 2, 2026" in printed prose, "3/2" under a chart's
// bars. A day key (YYYY-MM-DD) already is a local day of the business; an instant is read in `timeZone`.
export type DayStyle = "short" | "long" | "axis";

const STYLES: Record<DayStyle, Intl.DateTimeFormatOptions> = {
  short: { weekday: "short", month: "short", day: "numeric" },
  long: { month: "long", day: "numeric", year: "numeric" },
  axis: { month: "numeric", day: "numeric" },
};

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day in words: a day key as the calendar day it names, an instant as its day in the business's
 * time zone (late evening in Chicago is still that day there, though UTC is already on the next).
 */
export function dayLabel(
  value: Date | string | null | undefined,
  timeZone: string,
  style: DayStyle = "short",
): string {
  if (value === null || value === undefined || value === "") return "—";
  const key = typeof value === "string" ? DAY_KEY.exec(value) : null;
  if (key) {
    const [, y, m, d] = key.map(Number) as [number, number, number, number];
    // Noon UTC read in UTC: the same calendar day whatever the zone of the server or browser.
    return new Intl.DateTimeFormat("en-US", { ...STYLES[style], timeZone: "UTC" }).format(
      new Date(Date.UTC(y, m - 1, d, 12)),
    );
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return String(value);
  return new Intl.DateTimeFormat("en-US", { ...STYLES[style], timeZone }).format(at);
}

/** A period in words: "March 1, 2026 to March 31, 2026". */
export function dayRangeLabel(
  first: string,
  last: string,
  timeZone: string,
  style: DayStyle = "short",
): string {
  return `${dayLabel(first, timeZone, style)} to ${dayLabel(last, timeZone, style)}`;
}
