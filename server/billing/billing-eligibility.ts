// The billing half of the service gate: which subscription states let the AI act.
// trialing and active do; past_due does for a grace period; everything else does not.
import type { SubscriptionStatus } from "@/server/db/generated/enums";

/** Days a past_due subscription keeps the AI on while Stripe retries the card. */
export const PAST_DUE_GRACE_DAYS = 7;

export type BillingFacts = { status: SubscriptionStatus; pastDueSince: Date | null };

export type BillingEligibility = { eligible: boolean; reason: string | null; graceEndsAt: Date | null };

const day = (d: Date) => d.toISOString().slice(0, 10);

const NOT_ELIGIBLE: Record<Exclude<SubscriptionStatus, "trialing" | "active" | "past_due">, string> = {
  none: "There is no subscription yet: choose a plan on the Billing page.",
  incomplete:
    "The first payment has not gone through: finish Checkout or update the card in the billing portal.",
  incomplete_expired:
    "The first payment was never completed, so the subscription expired: subscribe again on the Billing page.",
  unpaid: "Invoices are unpaid after every retry: update the card in the billing portal.",
  canceled: "The subscription was canceled: subscribe again on the Billing page to turn the AI back on.",
  paused: "The subscription is paused (the trial ended without a card): add a card in the billing portal.",
};

export function billingEligibility(account: BillingFacts | null, now: Date): BillingEligibility {
  const status = account?.status ?? "none";
  if (status === "trialing" || status === "active")
    return { eligible: true, reason: null, graceEndsAt: null };
  if (status === "past_due") {
    const since = account?.pastDueSince ?? now;
    const graceEndsAt = new Date(since.getTime() + PAST_DUE_GRACE_DAYS * 86_400_000);
    if (now < graceEndsAt) return { eligible: true, reason: null, graceEndsAt };
    return {
      eligible: false,
      reason: `Payment has been past due since ${day(since)}, longer than the ${PAST_DUE_GRACE_DAYS}-day grace period: update the card in the billing portal.`,
      graceEndsAt,
    };
  }
  return { eligible: false, reason: NOT_ELIGIBLE[status], graceEndsAt: null };
}
