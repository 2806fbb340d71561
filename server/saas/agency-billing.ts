// SaaS mode: a business on an agency plan is billed on the agency's Stripe account (direct
// charges). Its customer and subscription are created there (the plan's price, the plan's trial;
// with no trial and no card, Stripe sends the invoice by email instead of charging a card), its
// LeadRescue subscription is cancelled, and a plan change swaps the subscription's price, prorated
// by Stripe. The BillingAccount row then mirrors the agency's subscription, so the service gate
// reads the right one. A business whose agency is not connected yet keeps paying LeadRescue.
import type Stripe from "stripe";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { syncTenantCustomer } from "@/server/billing/sync-subscription";

type Plan = {
  id: string;
  name: string;
  monthlyPriceCents: number;
  currency: string;
  stripePriceId: string | null;
  stripePriceAmount: number | null;
};

/** The plan's monthly price on the agency's account (a new price when the plan's amount changed: Stripe prices are immutable). */
export async function ensurePlanPrice(
  sys: SystemDb,
  stripe: Stripe,
  plan: Plan,
  stripeAccount: string,
): Promise<string> {
  if (plan.stripePriceId && plan.stripePriceAmount === plan.monthlyPriceCents) return plan.stripePriceId;
  const price = await stripe.prices.create(
    {
      currency: plan.currency,
      unit_amount: plan.monthlyPriceCents,
      recurring: { interval: "month" },
      nickname: plan.name,
      product_data: { name: plan.name },
      metadata: { agencyPlanId: plan.id },
    },
    { stripeAccount, idempotencyKey: `leadrescue-plan-price-${plan.id}-${plan.monthlyPriceCents}` },
  );
  await globalDb(sys).agencyPlan.update({
    where: { id: plan.id },
    data: { stripePriceId: price.id, stripePriceAmount: plan.monthlyPriceCents },
  });
  return price.id;
}

export type AgencyBillingResult =
  "not_connected" | "no_plan" | "subscribed" | "plan_changed" | "unchanged" | "left_agency_billing";

/** Puts the business's billing where its plan says: on the agency's account (plan + connected agency), or off it. */
export async function syncAgencyBilling(
  sys: SystemDb,
  stripe: Stripe,
  tenantId: string,
  opts: { email?: string | null } = {},
): Promise<AgencyBillingResult> {
  const db = forTenant(sys, tenantId);
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { id: true, name: true, agencyId: true, agencyPlan: true },
  });
  const account = await db.billingAccount.findUnique({ where: { tenantId } });
  const agency = tenant.agencyId
    ? await globalDb(sys).agency.findUnique({
        where: { id: tenant.agencyId },
        select: { stripeAccountId: true, stripeChargesEnabled: true },
      })
    : null;

  if (!tenant.agencyPlan) {
    // Off the agency plan: end the agency's subscription; the owner subscribes to LeadRescue on the billing page.
    if (account?.stripeAccountId && account.subscriptionId) {
      await stripe.subscriptions.cancel(
        account.subscriptionId,
        {},
        { stripeAccount: account.stripeAccountId },
      );
      await db.billingAccount.update({
        where: { tenantId },
        data: {
          stripeAccountId: null,
          stripeCustomerId: null,
          subscriptionId: null,
          status: "none",
          priceId: null,
          planName: null,
          baseAmount: null,
          perCallAmount: null,
          trialEnd: null,
        },
      });
      return "left_agency_billing";
    }
    return "no_plan";
  }
  if (!agency?.stripeAccountId || !agency.stripeChargesEnabled) return "not_connected";
  const stripeAccount = agency.stripeAccountId;
  const priceId = await ensurePlanPrice(sys, stripe, tenant.agencyPlan, stripeAccount);

  if (account?.stripeAccountId === stripeAccount && account.subscriptionId && account.stripeCustomerId) {
    if (account.priceId === priceId) return "unchanged";
    const sub = await stripe.subscriptions.retrieve(account.subscriptionId, {}, { stripeAccount });
    const item = sub.items.data.find((i) => i.price.recurring?.usage_type !== "metered") ?? sub.items.data[0];
    await stripe.subscriptions.update(
      account.subscriptionId,
      { items: [{ id: item!.id, price: priceId }], proration_behavior: "create_prorations" },
      { stripeAccount },
    );
    await syncTenantCustomer(db, tenantId, stripe, account.stripeCustomerId, new Date(), stripeAccount);
    return "plan_changed";
  }

  const owner =
    opts.email ??
    (
      await db.membership.findFirst({
        where: { role: "owner" },
        orderBy: { createdAt: "asc" },
        select: { user: { select: { email: true } } },
      })
    )?.user.email ??
    null;
  const customer = await stripe.customers.create(
    { name: tenant.name, ...(owner ? { email: owner } : {}), metadata: { tenantId } },
    { stripeAccount, idempotencyKey: `leadrescue-saas-customer-${tenantId}-${stripeAccount}` },
  );
  const trial = tenant.agencyPlan.trialDays;
  await stripe.subscriptions.create(
    {
      customer: customer.id,
      items: [{ price: priceId, quantity: 1 }],
      metadata: { tenantId, agencyPlanId: tenant.agencyPlan.id },
      // A trial needs no card (the owner adds one in the portal before it ends); without a trial
      // Stripe emails the invoice, so the owner never enters a card during sign-up.
      ...(trial > 0
        ? { trial_period_days: trial, trial_settings: { end_behavior: { missing_payment_method: "pause" } } }
        : { collection_method: "send_invoice", days_until_due: 14 }),
    },
    { stripeAccount, idempotencyKey: `leadrescue-saas-sub-${tenantId}-${stripeAccount}` },
  );
  // The row follows the agency's customer first, so the events of the LeadRescue customer that
  // the cancellation below sends are ignored (server/billing/sync-subscription.ts).
  await syncTenantCustomer(db, tenantId, stripe, customer.id, new Date(), stripeAccount);
  // The LeadRescue subscription (the free trial every business starts with) ends now.
  if (
    account?.subscriptionId &&
    !account.stripeAccountId &&
    !["canceled", "incomplete_expired"].includes(account.status)
  ) {
    await stripe.subscriptions.cancel(account.subscriptionId).catch((err: { code?: string }) => {
      if (err.code !== "resource_missing") throw err;
    });
  }
  return "subscribed";
}
