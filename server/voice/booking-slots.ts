// Turns the tenant's weekly booking slots into the next concrete times the AI may offer, in the
// business's time zone. These are the only times a caller can be booked into.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { SlotOption } from "@/server/intake/extraction";

/** A weekly booking slot as stored: weekday 0 = Sunday, minutes after local midnight. */
export type WeeklySlot = { weekday: number; startMinute: number; endMinute: number };
export type OfferedSlot = SlotOption;

/** Phone callers cannot hold more than three options in their head. */
export const MAX_SLOTS_OFFERED = 3;

export type UpcomingSlotsOptions = {
  timeZone: string;
  now: Date | string;
  count?: number;
  /** A slot starting sooner than this is not offered: nobody can be on the road that fast. */
  minNoticeMinutes?: number;
  horizonDays?: number;
  /** Weekdays (0 = Sunday) the business is open; a slot on any other day is never offered. Unset: every day. */
  openWeekdays?: readonly number[];
};

function spokenTime(hour: number, minute: number): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? "AM" : "PM";
  return minute === 0 ? `${h12} ${suffix}` : `${h12}:${String(minute).padStart(2, "0")} ${suffix}`;
}

/** The next `count` (at most 3) slot start times after now + notice, earliest first. */
export function upcomingSlots(weekly: readonly WeeklySlot[], options: UpcomingSlotsOptions): OfferedSlot[] {
  const { timeZone } = options;
  const count = Math.min(options.count ?? MAX_SLOTS_OFFERED, MAX_SLOTS_OFFERED);
  const nowMs = new Date(options.now).getTime();
  const earliest = nowMs + (options.minNoticeMinutes ?? 60) * 60_000;
  const horizon = options.horizonDays ?? 14;
  if (Number.isNaN(nowMs) || count <= 0) return [];
  const today = new TZDate(nowMs, timeZone);
  // An unknown time zone gives an invalid date: offering no time beats offering a wrong one.
  if (Number.isNaN(today.getTime()) || Number.isNaN(today.getDate())) return [];
  const valid = weekly
    .filter(
      (w) =>
        Number.isInteger(w.weekday) &&
        w.weekday >= 0 &&
        w.weekday <= 6 &&
        w.startMinute >= 0 &&
        w.startMinute < 24 * 60 &&
        w.endMinute > w.startMinute,
    )
    .filter((w) => !options.openWeekdays || options.openWeekdays.includes(w.weekday))
    .sort((a, b) => a.startMinute - b.startMinute);
  const found: OfferedSlot[] = [];
  for (let offset = 0; offset <= horizon && found.length < count; offset++) {
    const day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + offset, timeZone);
    for (const w of valid.filter((s) => s.weekday === day.getDay())) {
      const start = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 0, w.startMinute, timeZone);
      if (start.getTime() < earliest) continue;
      const end = new Date(start.getTime() + (w.endMinute - w.startMinute) * 60_000);
      const relativeDay = offset === 0 ? "today" : offset === 1 ? "tomorrow" : null;
      const time = spokenTime(start.getHours(), start.getMinutes());
      found.push({
        startsAt: new Date(start.getTime()).toISOString(),
        endsAt: end.toISOString(),
        label: relativeDay ? `${relativeDay} at ${time}` : `${format(start, "EEEE, MMMM d")} at ${time}`,
        day: format(start, "EEEE"),
        relativeDay,
        hour: start.getHours(),
        minute: start.getMinutes(),
        dayOfMonth: start.getDate(),
      });
      if (found.length === count) break;
    }
  }
  return found;
}
