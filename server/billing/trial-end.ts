// When a free trial ends, in one place: at noon, business time, on its last day. Noon keeps that
// day the same wherever it is read (the business's time zone on Billing, UTC on Stripe's pages),
// so Checkout, Billing and Stripe's trial_end never name different days.
import { TZDate } from "@date-fns/tz";

/** The end of a `days`-day trial started at `start`: noon, business time, `days` days after its first day. */
export function trialEndAt(start: Date, days: number, timeZone: string): Date {
  const first = new TZDate(start.getTime(), timeZone);
  return new Date(
    new TZDate(
      first.getFullYear(),
      first.getMonth(),
      first.getDate() + days,
      12,
      0,
      0,
      0,
      timeZone,
    ).getTime(),
  );
}

/** A trial end moved to noon, business time, of the day the business sees it end (older trials ended at any hour). */
export function trialEndOnItsDay(end: Date, timeZone: string): Date {
  return trialEndAt(end, 0, timeZone);
}
