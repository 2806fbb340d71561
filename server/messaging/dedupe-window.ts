// "One text per caller per window": three rings never mean three texts.

export const DEFAULT_WINDOW_HOURS = 24;

/** True when a text-back sent at `last` still covers `now` (window in hours). */
export function insideWindow(last: Date | null | undefined, now: Date, windowHours: number): boolean {
  if (!last) return false;
  return now.getTime() - last.getTime() < windowHours * 3_600_000;
}

/** The instant before which a previous text-back blocks a new one. */
export function windowStart(now: Date, windowHours: number): Date {
  return new Date(now.getTime() - windowHours * 3_600_000);
}
