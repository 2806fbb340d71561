// Every new business starts on the same free trial: a subscription with TRIAL_DAYS of trial and
// no card. When the trial ends without a card Stripe pauses it (the AI stops); Checkout adds the
// card and carries the remaining trial over (server/billing/start-checkout.ts).
import type { TenantDb } from "@/server/db/tenant-scope";
import { getStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { ensureCustomer } from "./start-checkout";
import { syncTenantCustomer } from "./sync-subscription";

export const TRIAL_DAYS = 14;

/** Starts the free trial once per business (idempotency key per tenant); returns false when it already has a subscription. */
export async function startTrial(
  db: TenantDb,
  tenantId: string,
  opts: { email?: string | null; trialDays?: number } = {},
): Promise<boolean> {
  const account = await db.billingAccount.findUnique({
    where: { tenantId },
    select: { subscriptionId: true },
  });
  if (account?.subscriptionId) return false;
  const { stripe } = await getStripeHandle();
  const plan = stripePlan();
  const customer = await ensureCustomer({ db, tenantId }, stripe, { email: opts.email });
  await stripe.subscriptions.create(
    {
      customer,
      items: [{ price: plan.basePriceId, quantity: 1 }, { price: plan.usagePriceId }],
      trial_period_days: opts.trialDays ?? TRIAL_DAYS,
      trial_settings: { end_behavior: { missing_payment_method: "pause" } },
      payment_settings: { save_default_payment_method: "on_subscription" },
      metadata: { tenantId },
    },
    { idempotencyKey: `leadrescue-trial-${tenantId}` },
  );
  await syncTenantCustomer(db, tenantId, stripe, customer);
  return true;
}

/** After a business is created: start its trial, without failing the sign-up when Stripe is down (the billing page still offers Checkout). */
export async function startTrialQuietly(
  db: TenantDb,
  tenantId: string,
  email?: string | null,
): Promise<void> {
  await startTrial(db, tenantId, { email }).catch((err: unknown) => {
    console.error(`Free trial for tenant ${tenantId} could not start: ${(err as Error).message}`);
  });
}
