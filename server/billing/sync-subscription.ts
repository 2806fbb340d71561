// Convergent sync: read the customer's subscriptions from Stripe and overwrite the tenant's
// BillingAccount with the current truth. Whatever event triggered it, in whatever order, the
// row ends up the same, so webhooks never have to be trusted for their payload or their order.
import type Stripe from "stripe";
import { tenantOfStripeCustomer } from "@/server/db/cross-tenant";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import type { SubscriptionStatus } from "@/server/db/generated/enums";

// Which subscription is "the" subscription when a customer has several (e.g. a seeded trial and
// a paid one from Checkout): the most alive one, newest first.
const RANK: Record<Exclude<SubscriptionStatus, "none">, number> = {
  active: 0,
  trialing: 1,
  past_due: 2,
  unpaid: 3,
  incomplete: 4,
  paused: 5,
  incomplete_expired: 6,
  canceled: 7,
};

/** Stripe's status as ours; a status this app does not know counts as not eligible (unpaid). */
export function statusOf(sub: Pick<Stripe.Subscription, "status">): Exclude<SubscriptionStatus, "none"> {
  return sub.status in RANK ? (sub.status as Exclude<SubscriptionStatus, "none">) : "unpaid";
}

export function pickSubscription(subs: Stripe.Subscription[]): Stripe.Subscription | null {
  const card = (s: Stripe.Subscription) => (s.default_payment_method ? 0 : 1);
  return (
    [...subs].sort(
      (a, b) => RANK[statusOf(a)] - RANK[statusOf(b)] || card(a) - card(b) || b.created - a.created,
    )[0] ?? null
  );
}

const at = (sec: number | null | undefined) => (sec ? new Date(sec * 1000) : null);

export type AccountFields = {
  subscriptionId: string | null;
  status: SubscriptionStatus;
  priceId: string | null;
  planName: string | null;
  baseAmount: number | null;
  perCallAmount: number | null;
  currency: string;
  trialEnd: Date | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  hasPaymentMethod: boolean;
  pastDueSince: Date | null;
};

/** Pure: the account row for a subscription (null = none), keeping when past_due was first seen. */
export function accountFieldsFrom(
  sub: Stripe.Subscription | null,
  previous: { status: SubscriptionStatus; pastDueSince: Date | null } | null,
  now: Date,
): AccountFields {
  if (!sub) {
    return {
      subscriptionId: null,
      status: "none",
      priceId: null,
      planName: null,
      baseAmount: null,
      perCallAmount: null,
      currency: "usd",
      trialEnd: null,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      hasPaymentMethod: false,
      pastDueSince: null,
    };
  }
  const items = sub.items.data;
  const base = items.find((i) => i.price.recurring?.usage_type !== "metered") ?? items[0];
  const metered = items.find((i) => i.price.recurring?.usage_type === "metered");
  return {
    subscriptionId: sub.id,
    status: statusOf(sub),
    priceId: base?.price.id ?? null,
    planName: base?.price.nickname ?? "LeadRescue",
    baseAmount: base?.price.unit_amount ?? null,
    perCallAmount: metered?.price.unit_amount ?? null,
    currency: base?.price.currency ?? "usd",
    trialEnd: at(sub.trial_end),
    currentPeriodStart: at(base?.current_period_start),
    currentPeriodEnd: at(base?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    hasPaymentMethod: !!sub.default_payment_method,
    pastDueSince:
      statusOf(sub) === "past_due"
        ? previous?.status === "past_due" && previous.pastDueSince
          ? previous.pastDueSince
          : now
        : null,
  };
}

/** Whose customer this is: the account that has it (a named lookup: the webhook names only the customer), else the tenant in its Stripe metadata. */
async function tenantForCustomer(
  sys: SystemDb,
  stripe: Stripe,
  customerId: string,
  stripeAccount?: string | null,
): Promise<string | null> {
  const owner = await tenantOfStripeCustomer(sys, customerId);
  if (owner) return owner;
  // A customer the app created carries its tenant in metadata (e.g. the row was lost or restored).
  const customer = await stripe.customers
    .retrieve(customerId, {}, stripeAccount ? { stripeAccount } : undefined)
    .catch((err: { code?: string }) => {
      if (err.code === "resource_missing") return null;
      throw err;
    });
  const tenantId = customer && !customer.deleted ? customer.metadata?.tenantId : undefined;
  if (!tenantId) return null;
  const tenant = await globalDb(sys).tenant.findUnique({
    where: { id: tenantId },
    select: { id: true, agency: { select: { stripeAccountId: true } } },
  });
  // Metadata is written by whoever runs the account the customer lives on. On an agency's connected
  // account that is the agency: it may speak for its own businesses only, never for another
  // agency's business or one LeadRescue bills.
  if (stripeAccount && tenant?.agency?.stripeAccountId !== stripeAccount) return null;
  return tenant?.id ?? null;
}

export type SyncResult = {
  tenantId: string;
  status: SubscriptionStatus;
  subscriptionId: string | null;
} | null;

/**
 * A customer named by Stripe (a webhook): finds its tenant, then syncs that tenant's BillingAccount;
 * null when no business has it. SaaS mode: `stripeAccount` is the agency's connected account the
 * event came from; a customer is read only on the account the business is billed on, so an event
 * from the platform about a business billed by its agency (or the reverse) changes nothing.
 */
export async function syncCustomer(
  sys: SystemDb,
  stripe: Stripe,
  customerId: string,
  now: Date = new Date(),
  stripeAccount: string | null = null,
): Promise<SyncResult> {
  const tenantId = await tenantForCustomer(sys, stripe, customerId, stripeAccount);
  if (!tenantId) return null;
  const db = forTenant(sys, tenantId);
  const current = await db.billingAccount.findUnique({
    where: { tenantId },
    select: { stripeAccountId: true, stripeCustomerId: true },
  });
  // Not the customer the business is billed through now (e.g. its LeadRescue customer after its
  // agency took over the billing), or the right customer named from the wrong account: nothing to do.
  if (current?.stripeCustomerId && current.stripeCustomerId !== customerId) return null;
  if (current?.stripeCustomerId === customerId && (current.stripeAccountId ?? null) !== stripeAccount)
    return null;
  return syncTenantCustomer(db, tenantId, stripe, customerId, now, stripeAccount);
}

/** Reads the customer's subscriptions from Stripe and upserts the tenant's BillingAccount. */
export async function syncTenantCustomer(
  db: TenantDb,
  tenantId: string,
  stripe: Stripe,
  customerId: string,
  now: Date = new Date(),
  stripeAccount: string | null = null,
): Promise<NonNullable<SyncResult>> {
  const on = stripeAccount ? { stripeAccount } : undefined;
  const subs = await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 20 }, on);
  const chosen = pickSubscription(subs.data);
  // Subscribing through Checkout replaces the card-less trial (Checkout carries the trial's end
  // over, so the new subscription may itself be trialing): cancel trials it superseded.
  if (
    chosen &&
    (statusOf(chosen) === "active" || (statusOf(chosen) === "trialing" && chosen.default_payment_method))
  ) {
    for (const s of subs.data)
      if (s.id !== chosen.id && s.status === "trialing") await stripe.subscriptions.cancel(s.id, {}, on);
  }
  const previous = await db.billingAccount.findUnique({
    where: { tenantId },
    select: { status: true, pastDueSince: true },
  });
  const fields = accountFieldsFrom(chosen, previous, now);
  await db.billingAccount.upsert({
    where: { tenantId },
    create: {
      tenantId,
      stripeCustomerId: customerId,
      stripeAccountId: stripeAccount,
      ...fields,
      syncedAt: now,
    },
    update: { stripeCustomerId: customerId, stripeAccountId: stripeAccount, ...fields, syncedAt: now },
  });
  return { tenantId, status: fields.status, subscriptionId: fields.subscriptionId };
}
