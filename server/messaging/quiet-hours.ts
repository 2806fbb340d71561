// Quiet hours (no texts at night): a window in the tenant's own time
// zone, minutes after local midnight; a window with start > end spans midnight. Texts due inside
// it wait until the window ends — computed on the local wall clock, so DST days are right.
import { TZDate } from "@date-fns/tz";

export type QuietHours = { startMinute: number; endMinute: number };

const DAY = 24 * 60;

function localMinute(at: Date, timeZone: string): number {
  const local = new TZDate(at.getTime(), timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

/** True when `at` falls inside the quiet window in `timeZone`. start == end means no quiet hours. */
export function isQuietAt(at: Date, timeZone: string, quiet: QuietHours): boolean {
  const { startMinute: s, endMinute: e } = quiet;
  if (s === e) return false;
  const m = localMinute(at, timeZone);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/**
 * The earliest instant at or after `at` outside quiet hours: `at` itself, or the local time the
 * window ends (today or tomorrow, on that day's own UTC offset).
 */
export function nextSendTime(at: Date, timeZone: string, quiet: QuietHours): Date {
  if (!isQuietAt(at, timeZone, quiet)) return at;
  const local = new TZDate(at.getTime(), timeZone);
  const m = local.getHours() * 60 + local.getMinutes();
  // The window ends later today unless we are in its evening part of a midnight-spanning window.
  const endsTomorrow = quiet.startMinute > quiet.endMinute && m >= quiet.startMinute;
  const end = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + (endsTomorrow ? 1 : 0),
    Math.floor(quiet.endMinute / 60),
    quiet.endMinute % 60,
    0,
    timeZone,
  );
  return new Date(end.getTime());
}

export function minuteToClock(minute: number): string {
  const m = ((minute % DAY) + DAY) % DAY;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "21:00" → 1260; null when it is not a 24-hour HH:MM time. */
export function clockToMinute(clock: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(clock.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
