// LeadRescue's wholesale price to agencies in SaaS mode — one product decision, in one place. It is
// taken as the application fee on each invoice the agency's Stripe account charges its business,
// and it is the "cost" column of the agency's margin table. The defaults ($49 a business a month,
// $1.50 per billable AI-handled call, $0.03 per text) are the published price list; LeadRescue's
// ops can change it with WHOLESALE_MONTHLY_CENTS, WHOLESALE_PER_CALL_CENTS and
// WHOLESALE_PER_TEXT_CENTS (README "Configuration"). It never reaches a business owner: only the
// margin table, the invoice settlement and the agency console read it.
import { env } from "@/server/env";

export type WholesalePrice = {
  /** Per business per month, in cents. */
  monthlyCents: number;
  /** Per billable AI-handled call (credited calls are free), in cents. */
  perCallCents: number;
  /** Per text sent to a caller, in cents. */
  perTextCents: number;
};

/** The published price list; the environment can override each figure. */
export const DEFAULT_WHOLESALE: WholesalePrice = { monthlyCents: 4900, perCallCents: 150, perTextCents: 3 };

export const WHOLESALE: WholesalePrice = Object.freeze({
  monthlyCents: env.WHOLESALE_MONTHLY_CENTS,
  perCallCents: env.WHOLESALE_PER_CALL_CENTS,
  perTextCents: env.WHOLESALE_PER_TEXT_CENTS,
});

export type UsageCounts = { calls: number; texts: number };

/** Pure: the wholesale cost of one business for one month of usage. */
export function wholesaleCents(usage: UsageCounts, price: WholesalePrice = WHOLESALE): number {
  return price.monthlyCents + price.perCallCents * usage.calls + price.perTextCents * usage.texts;
}
