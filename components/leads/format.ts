// Dates as office staff read them, always in the BUSINESS's time zone (Tenant.timeZone), never
// the browser's: "in 12 min", "3 h ago", a full date-time, and the zone named once per page
// ("Times in America/Chicago (CST)"). One formatter for leads, notifications and routines.
import { TZDate } from "@date-fns/tz";
import { timeZoneLabel } from "@/server/tenants/us-time-zones";

type DateLike = Date | string | null | undefined;

export function relativeTime(value: DateLike, now = new Date()): string {
  if (!value) return "—";
  const d = new Date(value);
  const diff = d.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const mins = Math.round(abs / 60_000);
  const text =
    mins < 1
      ? "now"
      : mins < 60
        ? `${mins} min`
        : mins < 48 * 60
          ? `${Math.round(mins / 60)} h`
          : `${Math.round(mins / 1440)} d`;
  if (text === "now") return "just now";
  return diff < 0 ? `${text} ago` : `in ${text}`;
}

/** "Mon, Mar 2, 9:00 AM" in `timeZone`. */
export function dateTimeIn(
  timeZone: string,
  value: DateLike,
  opts: Intl.DateTimeFormatOptions = {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  },
): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-US", { timeZone, ...opts }).format(new Date(value));
}

/** The zone's short name at `at` (CST / CDT), or its offset where there is no abbreviation. */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** The once-per-page label: "Times in Central Time — Chicago (CST)", the zone as people name it. */
export function timeZoneNote(timeZone: string, at: Date = new Date()): string {
  return `Times in ${timeZoneLabel(timeZone)} (${zoneAbbreviation(timeZone, at)})`;
}

/** Value for an <input type="datetime-local">: the wall-clock time in the business's zone. */
export function toZonedInput(timeZone: string, value: DateLike): string {
  if (!value) return "";
  const d = new TZDate(new Date(value).getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a datetime-local value means when read as wall-clock time in the business's zone. */
export function fromZonedInput(timeZone: string, value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, 0, 0, timeZone).getTime());
}

export type BusinessTime = {
  timeZone: string;
  dateTime: (value: DateLike) => string;
  /** Date-time plus how far away it is: "Mon, Mar 2, 9:00 AM (in 2 h)". */
  dateTimeRelative: (value: DateLike, now?: Date) => string;
  relative: (value: DateLike, now?: Date) => string;
  format: (value: DateLike, opts: Intl.DateTimeFormatOptions) => string;
  note: (at?: Date) => string;
  toInput: (value: DateLike) => string;
  fromInput: (value: string) => Date | null;
};

export function businessTime(timeZone: string): BusinessTime {
  return {
    timeZone,
    dateTime: (v) => dateTimeIn(timeZone, v),
    dateTimeRelative: (v, now) => (v ? `${dateTimeIn(timeZone, v)} (${relativeTime(v, now)})` : "—"),
    relative: relativeTime,
    format: (v, opts) => dateTimeIn(timeZone, v, opts),
    note: (at) => timeZoneNote(timeZone, at),
    toInput: (v) => toZonedInput(timeZone, v),
    fromInput: (v) => fromZonedInput(timeZone, v),
  };
}
