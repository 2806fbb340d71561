// A weekly window (open hours or a booking slot) as the hours page shows it.
import { formatClock12, parseClock } from "@/server/setup/weekly-times";

/** Monday first, the way an office reads its week. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

export type Window = { weekday: number; start: string; end: string };

export function label12(w: { start: string; end: string }) {
  const fmt = (v: string) => {
    try {
      return formatClock12(parseClock(v, "time"));
    } catch {
      return v;
    }
  };
  return `${fmt(w.start)} – ${fmt(w.end)}`;
}
