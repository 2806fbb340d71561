// The QA day in the business's own time zone, the sample size and the 5 % rule. Pure.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** Daily QA samples 10 random AI-handled calls. */
export const DAILY_SAMPLE_SIZE = 10;
/** If the daily QA failure rate exceeds 5 %, the tenant moves to the safe prompt profile. */
export const FAILURE_THRESHOLD = 0.05;
/** The hourly job samples a tenant's day once its local clock passes this hour. */
export const SAMPLE_AFTER_HOUR = 18;
/** The dashboard's chart. */
export const QA_HISTORY_DAYS = 30;

/** The tenant-local day of an instant, YYYY-MM-DD. */
export function localDay(now: Date, timeZone: string): string {
  return format(new TZDate(now.getTime(), timeZone), "yyyy-MM-dd");
}

/** The UTC instants where a tenant-local day starts and ends (23 or 25 hours on DST days). */
export function dayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return {
    start: new Date(new TZDate(y, m - 1, d, timeZone).getTime()),
    end: new Date(new TZDate(y, m - 1, d + 1, timeZone).getTime()),
  };
}

/** The last `count` tenant-local days, newest first, ending with today. */
export function recentDays(now: Date, timeZone: string, count = QA_HISTORY_DAYS): string[] {
  const today = new TZDate(now.getTime(), timeZone);
  return Array.from({ length: count }, (_, i) =>
    format(new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - i, timeZone), "yyyy-MM-dd"),
  );
}

/** The hourly job acts for a tenant once its local time is past SAMPLE_AFTER_HOUR. */
export function isSamplingTime(now: Date, timeZone: string): boolean {
  return new TZDate(now.getTime(), timeZone).getHours() >= SAMPLE_AFTER_HOUR;
}

export function failureRate(failed: number, sampled: number): number {
  return sampled > 0 ? failed / sampled : 0;
}

/** "Exceeds 5 %": strictly above; a day with nothing sampled never does. */
export function exceedsThreshold(failed: number, sampled: number): boolean {
  return sampled > 0 && failureRate(failed, sampled) > FAILURE_THRESHOLD;
}

export function formatRate(rate: number): string {
  return `${Math.round(rate * 1000) / 10} %`;
}

/** The message the owner gets when QA switches the business to the safe profile. */
export function safeProfileMessage(failed: number, sampled: number): string {
  return `AI calls failed QA today (${failed} of ${sampled}); switched to the safe prompt profile; review the prompts.`;
}
