// POST /api/stripe/webhook: verify the signature on the raw body (missing or bad → 403, nothing written, as every webhook
// here refuses a forged request),
// handle each event id once (StripeEvent), and for any customer / subscription / checkout /
// invoice event re-read the customer's state from Stripe (syncCustomer). Unknown types → 200.
import type Stripe from "stripe";
import { globalDb, type SystemDb } from "@/server/db/system";
import { handleAgencyInvoice } from "@/server/saas/agency-invoices";
import { syncConnectedAccount } from "@/server/saas/connect";
import { syncCustomer } from "./sync-subscription";

export type WebhookDeps = {
  stripe: () => Promise<Stripe>;
  verify: (rawBody: string, signature: string) => Stripe.Event;
  now?: () => Date;
};
export type WebhookAnswer = {
  status: number;
  body: { received?: boolean; outcome?: string; error?: string };
};

const HANDLED_PREFIXES = ["customer.subscription.", "checkout.session.", "invoice.", "customer."];
// SaaS mode adds `account.updated` (an agency's connected account finished onboarding).

/** The customer an event is about, when it is a type this app syncs on. */
export function customerOfEvent(event: Pick<Stripe.Event, "type" | "data">): string | null {
  if (!HANDLED_PREFIXES.some((p) => event.type.startsWith(p))) return null;
  const object = event.data.object as {
    object?: string;
    id?: string;
    customer?: string | { id: string } | null;
  };
  if (object.object === "customer") return object.id ?? null;
  const c = object.customer;
  return typeof c === "string" ? c : (c?.id ?? null);
}

export async function handleStripeWebhook(
  sys: SystemDb,
  rawBody: string,
  signature: string | null,
  deps: WebhookDeps,
): Promise<WebhookAnswer> {
  if (!signature) return { status: 403, body: { error: "Missing Stripe-Signature header." } };
  let event: Stripe.Event;
  try {
    event = deps.verify(rawBody, signature);
  } catch (err) {
    return { status: 403, body: { error: `Webhook signature check failed: ${(err as Error).message}` } };
  }
  const globalTables = globalDb(sys);
  if (await globalTables.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) {
    return { status: 200, body: { received: true, outcome: "duplicate" } };
  }
  const customerId = customerOfEvent(event);
  // SaaS mode (Connect): an event from an agency's connected account names it in `account`.
  const stripeAccount = (event as { account?: string }).account ?? null;
  let outcome = "ignored";
  if (event.type === "account.updated" && stripeAccount) {
    outcome = await syncConnectedAccount(sys, await deps.stripe(), stripeAccount);
  } else if (customerId) {
    // A failure here answers 500 without recording the event, so Stripe delivers it again.
    const stripe = await deps.stripe();
    const result = await syncCustomer(sys, stripe, customerId, deps.now?.() ?? new Date(), stripeAccount);
    outcome = result ? `synced:${result.status}` : "no_tenant";
    // SaaS mode: an invoice of the agency's account gets its overage lines and LeadRescue's fee
    // while it is a draft, and every invoice event re-reads the invoice for the margin table.
    if (result && stripeAccount && event.type.startsWith("invoice.")) {
      const invoiceId = (event.data.object as { id?: string }).id;
      if (invoiceId)
        outcome += `;${await handleAgencyInvoice(sys, stripe, { tenantId: result.tenantId, stripeAccount, invoiceId })}`;
    }
  }
  await globalTables.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type, customerId, outcome }],
    skipDuplicates: true,
  });
  return { status: 200, body: { received: true, outcome } };
}
