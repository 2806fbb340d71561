// LeadRescue's wholesale price to agencies in SaaS mode. It is taken as the application fee on
// each invoice the agency's Stripe account charges its business, and it is the "cost" column of
// the agency's margin table. It never reaches a business owner: only server/saas/margin.ts, the
// invoice settlement and the agency console read it.
export const WHOLESALE = {
  /** Per business per month, in cents. */
  monthlyCents: 4900,
  /** Per billable AI-handled call (credited calls are free), in cents. */
  perCallCents: 150,
  /** Per text sent to a caller, in cents. */
  perTextCents: 3,
} as const;

export type UsageCounts = { calls: number; texts: number };

/** Pure: the wholesale cost of one business for one month of usage. */
export function wholesaleCents(usage: UsageCounts): number {
  return WHOLESALE.monthlyCents + WHOLESALE.perCallCents * usage.calls + WHOLESALE.perTextCents * usage.texts;
}
