// Every new business starts on the same free trial: a subscription with TRIAL_DAYS of trial and
// no card, ending at noon business time on its last day (trial-end.ts). When the trial ends without a card Stripe pauses it (the AI stops); Checkout adds the
// card and carries the remaining trial over (server/billing/start-checkout.ts).
import type { TenantDb } from "@/server/db/tenant-scope";
import { getStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { ensureCustomer } from "./start-checkout";
import { syncTenantCustomer } from "./sync-subscription";
import { trialEndAt } from "./trial-end";

export const TRIAL_DAYS = 14;

/** Starts the free trial once per business (idempotency key per tenant); returns false when it already has a subscription. */
export async function startTrial(
  db: TenantDb,
  tenantId: string,
  opts: { email?: string | null; trialDays?: number; now?: Date } = {},
): Promise<boolean> {
  const [account, tenant] = await Promise.all([
    db.billingAccount.findUnique({ where: { tenantId }, select: { subscriptionId: true } }),
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } }),
  ]);
  if (account?.subscriptionId) return false;
  const trialEnd = trialEndAt(opts.now ?? new Date(), opts.trialDays ?? TRIAL_DAYS, tenant.timeZone);
  const { stripe } = await getStripeHandle();
  const plan = stripePlan();
  const customer = await ensureCustomer({ db, tenantId }, stripe, { email: opts.email });
  await stripe.subscriptions.create(
    {
      customer,
      items: [{ price: plan.basePriceId, quantity: 1 }, { price: plan.usagePriceId }],
      trial_end: Math.floor(trialEnd.getTime() / 1000),
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
