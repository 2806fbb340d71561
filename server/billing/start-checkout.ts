// Subscribing and managing payment: a Stripe customer per tenant, a Checkout session for the
// plan (monthly price + metered price per AI-handled call), and a Billing Portal session.
import type Stripe from "stripe";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { trialEndOnItsDay } from "./trial-end";

export type BillingDeps = {
  stripe: () => Promise<Stripe>;
  baseUrl: string;
  plan: { basePriceId: string; usagePriceId: string };
};
type Ctx = { db: TenantDb; tenantId: string };

const billingPage = (baseUrl: string, slug: string) =>
  `${baseUrl.replace(/\/+$/, "")}/t/${encodeURIComponent(slug)}/settings/billing`;

/** The tenant's Stripe customer, created once (idempotency key per tenant). */
export async function ensureCustomer(
  ctx: Ctx,
  stripe: Stripe,
  opts: { email?: string | null } = {},
): Promise<string> {
  const account = await ctx.db.billingAccount.findUnique({
    where: { tenantId: ctx.tenantId },
    select: { stripeCustomerId: true },
  });
  if (account?.stripeCustomerId) return account.stripeCustomerId;
  const tenant = await ctx.db.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { name: true },
  });
  const customer = await stripe.customers.create(
    { name: tenant.name, ...(opts.email ? { email: opts.email } : {}), metadata: { tenantId: ctx.tenantId } },
    { idempotencyKey: `leadrescue-customer-${ctx.tenantId}` },
  );
  await ctx.db.billingAccount.upsert({
    where: { tenantId: ctx.tenantId },
    create: { tenantId: ctx.tenantId, stripeCustomerId: customer.id },
    update: { stripeCustomerId: customer.id },
  });
  return customer.id;
}

/** Stripe refuses a Checkout trial that ends within 48 hours: a trial closer to its end is not carried over. */
export const MIN_CARRIED_TRIAL_MS = 48 * 3_600_000;

/**
 * When a Checkout started now keeps the free trial running: its end (noon, business time, on the
 * day Billing shows), or null (the plan starts today).
 */
export function carriedTrialEnd(
  account: { status: string; trialEnd: Date | null } | null,
  now: Date,
  timeZone: string,
): Date | null {
  if (account?.status !== "trialing" || !account.trialEnd) return null;
  const end = trialEndOnItsDay(account.trialEnd, timeZone);
  return end.getTime() - now.getTime() >= MIN_CARRIED_TRIAL_MS + 60_000 ? end : null;
}

export async function startCheckout(
  ctx: Ctx & { slug: string; email?: string | null; now?: Date },
  deps: BillingDeps,
): Promise<{ url: string }> {
  const [tenant, account] = await Promise.all([
    ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: { detachedAt: true, timeZone: true },
    }),
    ctx.db.billingAccount.findUnique({
      where: { tenantId: ctx.tenantId },
      select: { status: true, trialEnd: true, hasPaymentMethod: true },
    }),
  ]);
  if (tenant.detachedAt)
    throw new AppError(
      "PRECONDITION_FAILED",
      "This business was detached after its cancellation. Ask your agency or LeadRescue support to reactivate it.",
    );
  if (account?.status === "active")
    throw new AppError(
      "CONFLICT",
      "You already have an active subscription. Manage it in the billing portal.",
    );
  if (account?.status === "past_due" || account?.status === "unpaid") {
    throw new AppError(
      "CONFLICT",
      "Your subscription has an unpaid invoice. Update the card in the billing portal instead of subscribing again.",
    );
  }
  if (account?.status === "trialing" && account.hasPaymentMethod) {
    throw new AppError(
      "CONFLICT",
      "Your card is already on file: the plan starts when the free trial ends. Manage it in the billing portal.",
    );
  }
  // Subscribing during the free trial keeps the trial: the first charge is on its last day.
  const trialEnd = carriedTrialEnd(account, ctx.now ?? new Date(), tenant.timeZone);
  const stripe = await deps.stripe();
  const customer = await ensureCustomer(ctx, stripe, { email: ctx.email });
  const page = billingPage(deps.baseUrl, ctx.slug);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: ctx.tenantId,
    line_items: [{ price: deps.plan.basePriceId, quantity: 1 }, { price: deps.plan.usagePriceId }],
    subscription_data: {
      metadata: { tenantId: ctx.tenantId },
      ...(trialEnd ? { trial_end: Math.floor(trialEnd.getTime() / 1000) } : {}),
    },
    metadata: { tenantId: ctx.tenantId },
    success_url: `${page}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${page}?checkout=canceled`,
  });
  if (!session.url)
    throw new AppError("BAD_REQUEST", "Stripe did not return a Checkout page. Try again in a minute.");
  return { url: session.url };
}

export async function openPortal(ctx: Ctx & { slug: string }, deps: BillingDeps): Promise<{ url: string }> {
  const account = await ctx.db.billingAccount.findUnique({
    where: { tenantId: ctx.tenantId },
    select: { stripeCustomerId: true, stripeAccountId: true },
  });
  if (!account?.stripeCustomerId)
    throw new AppError(
      "PRECONDITION_FAILED",
      "There is no Stripe customer for this business yet: subscribe first.",
    );
  const stripe = await deps.stripe();
  // SaaS mode: the customer lives on the agency's Stripe account.
  const session = await stripe.billingPortal.sessions.create(
    { customer: account.stripeCustomerId, return_url: billingPage(deps.baseUrl, ctx.slug) },
    account.stripeAccountId ? { stripeAccount: account.stripeAccountId } : undefined,
  );
  return { url: session.url };
}
