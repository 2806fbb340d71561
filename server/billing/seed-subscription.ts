// Demo data: a free trial created through the local Stripe fake and synced like any other
// subscription. Never runs against a real Stripe account.
import type { PrismaClient } from "@/server/db/generated/client";
import { getStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { ensureCustomer } from "./start-checkout";
import { syncCustomer } from "./sync-subscription";

export async function seedTrialSubscription(prisma: PrismaClient, tenantId: string, opts: { email?: string | null; trialDays?: number } = {}): Promise<boolean> {
  const handle = await getStripeHandle();
  if (handle.mode !== "local") return false;
  const plan = stripePlan();
  const customer = await ensureCustomer({ prisma, tenantId }, handle.stripe, { email: opts.email });
  await handle.stripe.subscriptions.create({ customer, items: [{ price: plan.basePriceId, quantity: 1 }, { price: plan.usagePriceId }], trial_period_days: opts.trialDays ?? 14, metadata: { tenantId } });
  await syncCustomer(prisma, handle.stripe, customer);
  return true;
}
