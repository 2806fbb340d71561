// Stripe end to end through the local fake and the REAL SDK: Checkout → signed webhooks → the real
// POST /api/stripe/webhook handler → convergent sync → the service gate.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { POST as stripeWebhook } from "@/app/api/stripe/webhook/route";
import { completeSetup, makeTenant, makeUser } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { env } from "@/server/env";
import {
  constructStripeEvent,
  stripeClientFor,
  setStripeHandle,
  stripePlan,
  stripeWebhookSecrets,
} from "@/server/integrations/stripe";
import { startStripeFake, type StripeFake } from "@/server/integrations/stripe-fake/server";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { serviceGate } from "./service-gate";

const WEBHOOK_URL = `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/api/stripe/webhook`;
const signer = new Stripe("sk_test_signer");

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: StripeFake;
let seq = 0;

function post(payload: string, signature: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return stripeWebhook(new Request(WEBHOOK_URL, { method: "POST", headers, body: payload }));
}
const sign = (payload: string, secret = env.STRIPE_WEBHOOK_SECRET) =>
  signer.webhooks.generateTestHeaderString({ payload, secret });
/** An event as Stripe would send it, with a fresh id. */
const eventJson = (type: string, object: unknown) =>
  JSON.stringify({
    id: `evt_test_${++seq}_${Date.now()}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });

async function subscribedTenant(name: string) {
  const owner = await makeUser(db.prisma, { name: "Owner" });
  const tenant = await makeTenant(db.prisma, { name, ownerId: owner.id });
  await completeSetup(db.prisma, tenant.id, { subscription: null });
  const caller = callerFor(db.prisma, owner.id, tenant.slug);
  const { url } = await caller.billing.startCheckout();
  const sessionId = url.split("/").pop()!;
  await fake.payCheckout(sessionId);
  const account = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
  return { owner, tenant, caller, account };
}

beforeAll(async () => {
  db = await useTestDatabase();
  fake = await startStripeFake({
    webhookUrl: WEBHOOK_URL,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    prices: {
      baseId: stripePlan().basePriceId,
      usageId: stripePlan().usagePriceId,
      meterEventName: stripePlan().meterEventName,
    },
    deliver: async (payload, signature) => ({ status: (await post(payload, signature)).status }),
  });
  setStripeHandle({ stripe: stripeClientFor(fake.url), mode: "local", fake });
});
beforeEach(() => setStripeHandle({ stripe: stripeClientFor(fake.url), mode: "local", fake }));
afterAll(async () => {
  setStripeHandle(undefined);
  await fake.close();
  await db.drop();
});

describe(`Stripe webhook and the subscription gate (${engineName})`, () => {
  it("An owner subscribes through Checkout: signed webhooks sync the subscription and the AI gate opens", async () => {
    const owner = await makeUser(db.prisma, { name: "Owner" });
    const tenant = await makeTenant(db.prisma, { name: "Checkout Plumbing", ownerId: owner.id });
    await completeSetup(db.prisma, tenant.id, { subscription: null });
    const caller = callerFor(db.prisma, owner.id, tenant.slug);
    expect((await serviceGate(tenantScoped(db.prisma, tenant.id), tenant.id)).reasons).toEqual([
      "Billing: There is no subscription yet: choose a plan on the Billing page.",
    ]);

    const { url } = await caller.billing.startCheckout();
    expect(url.startsWith(`${fake.url}/checkout/`)).toBe(true);
    const page = await fetch(url).then((r) => r.text());
    expect(page).toContain("Pay and subscribe");
    // The browser's "Pay" button: a form POST on the hosted page, then back to the billing page.
    const paid = await fetch(`${url}/pay`, {
      method: "POST",
      body: new URLSearchParams({ card: "4242 4242 4242 4242" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toMatch(
      new RegExp(`/t/${tenant.slug}/settings/billing\\?checkout=success&session_id=cs_test_`),
    );

    const state = await caller.billing.state();
    expect(state).toMatchObject({
      status: "active",
      plan: { name: "LeadRescue Pro", baseAmount: 14900, perCallAmount: 400 },
      hasCustomer: true,
      gate: { open: true, reasons: [] },
    });
    const types = (
      await db.prisma.stripeEvent.findMany({
        where: {
          customerId: (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } }))
            .stripeCustomerId,
        },
      })
    ).map((e) => e.type);
    expect(types.sort()).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
    ]);
  });

  it("declines a card on the hosted Checkout page and leaves the gate closed", async () => {
    const owner = await makeUser(db.prisma, { name: "Owner" });
    const tenant = await makeTenant(db.prisma, { name: "Declined Plumbing", ownerId: owner.id });
    await completeSetup(db.prisma, tenant.id, { subscription: null });
    const { url } = await callerFor(db.prisma, owner.id, tenant.slug).billing.startCheckout();
    const res = await fetch(`${url}/pay`, {
      method: "POST",
      body: new URLSearchParams({ card: "4000 0000 0000 0002" }),
      redirect: "manual",
    });
    expect(res.status).toBe(402);
    expect(await res.text()).toContain("Your card was declined.");
    expect((await serviceGate(tenantScoped(db.prisma, tenant.id), tenant.id)).open).toBe(false);
  });

  it("refuses a forged, unsigned or tampered webhook with 403 and writes nothing", async () => {
    const { tenant, account } = await subscribedTenant("Forged Plumbing");
    const before = {
      events: await db.prisma.stripeEvent.count(),
      account: await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } }),
    };
    const payload = eventJson("customer.subscription.deleted", {
      object: "subscription",
      id: account.subscriptionId,
      customer: account.stripeCustomerId,
      status: "canceled",
    });
    expect((await post(payload, sign(payload, "whsec_not_the_real_secret"))).status).toBe(403);
    expect((await post(payload, null)).status).toBe(403);
    expect((await post(payload.replace("canceled", "active"), sign(payload))).status).toBe(403);
    const stale = signer.webhooks.generateTestHeaderString({
      payload,
      secret: env.STRIPE_WEBHOOK_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect((await post(payload, stale)).status).toBe(403);
    // Dated 10 minutes ahead: refused (the SDK alone would accept it); a little clock skew is fine.
    const ahead = signer.webhooks.generateTestHeaderString({
      payload,
      secret: env.STRIPE_WEBHOOK_SECRET,
      timestamp: Math.floor(Date.now() / 1000) + 600,
    });
    const res = await post(payload, ahead);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/in the future/);
    const skewed = signer.webhooks.generateTestHeaderString({
      payload,
      secret: env.STRIPE_WEBHOOK_SECRET,
      timestamp: Math.floor(Date.now() / 1000) + 30,
    });
    expect(() => constructStripeEvent(payload, skewed)).not.toThrow();
    expect(await db.prisma.stripeEvent.count()).toBe(before.events);
    expect(await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toEqual(
      before.account,
    );
  });

  it("lets a customer's metadata on an agency's connected account name only that agency's own businesses", async () => {
    // A business not billed anywhere yet (its trial could not start), and another agency's account
    // holding a customer whose metadata names that business.
    const owner = await makeUser(db.prisma, { name: "Owner" });
    const victim = await makeTenant(db.prisma, { name: "Unbilled Plumbing", ownerId: owner.id });
    const stripe = stripeClientFor(fake.url);
    const acct = await stripe.accounts.create({ type: "express" });
    const other = await db.prisma.agency.create({ data: { name: "Other Agency", stripeAccountId: acct.id } });
    /** A customer made on that account with `tenantId` in its metadata, then Stripe's Connect event about it. */
    const customerEvent = async (tenantId: string) => {
      const customer = await stripe.customers.create({ metadata: { tenantId } }, { stripeAccount: acct.id });
      const payload = JSON.stringify({
        ...JSON.parse(eventJson("customer.updated", { object: "customer", id: customer.id })),
        account: acct.id,
      });
      const res = await post(payload, sign(payload, stripeWebhookSecrets().connect!));
      expect(res.status).toBe(200);
      return { customer, answer: await res.json() };
    };
    expect((await customerEvent(victim.id)).answer).toEqual({ received: true, outcome: "no_tenant" });
    expect(await db.prisma.billingAccount.findUnique({ where: { tenantId: victim.id } })).toBeNull();
    // The same metadata naming one of that agency's own businesses is that business's customer.
    const own = await makeTenant(db.prisma, { name: "Own Plumbing", ownerId: owner.id, agencyId: other.id });
    const { customer, answer } = await customerEvent(own.id);
    expect(answer).toEqual({ received: true, outcome: "synced:none" });
    expect(await db.prisma.billingAccount.findUnique({ where: { tenantId: own.id } })).toMatchObject({
      stripeCustomerId: customer.id,
      stripeAccountId: acct.id,
    });
  });

  it("processes each event id once: a replay changes nothing", async () => {
    const { tenant, account } = await subscribedTenant("Replay Plumbing");
    const original = fake.state.events.find(
      (e) =>
        e.type === "customer.subscription.created" &&
        (e.data.object as { customer: string }).customer === account.stripeCustomerId,
    )!;
    // Something changed locally since; replaying the old event must not re-sync over it.
    await db.prisma.billingAccount.update({
      where: { tenantId: tenant.id },
      data: { planName: "changed after the event" },
    });
    const payload = JSON.stringify(original);
    for (let i = 0; i < 3; i++) {
      const res = await post(payload, sign(payload));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true, outcome: "duplicate" });
    }
    expect(await db.prisma.stripeEvent.count({ where: { id: original.id } })).toBe(1);
    expect(
      (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } })).planName,
    ).toBe("changed after the event");
  });

  it("converges on Stripe's current state whatever order the events arrive in", async () => {
    const { tenant, account } = await subscribedTenant("Order Plumbing");
    const snapshotActive = structuredClone(fake.state.subscriptions[account.subscriptionId!]!);
    await fake.setSubscriptionStatus(account.subscriptionId!, "past_due");
    expect(
      (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } })).status,
    ).toBe("past_due");
    // Within the grace period the AI stays on.
    expect((await serviceGate(tenantScoped(db.prisma, tenant.id), tenant.id)).open).toBe(true);
    await fake.setSubscriptionStatus(account.subscriptionId!, "canceled");
    // A late, older "updated" event (new id, stale payload saying active) arrives last.
    const late = eventJson("customer.subscription.updated", snapshotActive);
    expect((await post(late, sign(late))).status).toBe(200);
    const after = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(after.status).toBe("canceled");
    expect(after.pastDueSince).toBeNull();
    const gate = await serviceGate(tenantScoped(db.prisma, tenant.id), tenant.id);
    expect(gate.open).toBe(false);
    expect(gate.reasons).toEqual([
      "Billing: The subscription was canceled: subscribe again on the Billing page to turn the AI back on.",
    ]);
  });

  it("closes the gate when past_due outlasts the grace period", async () => {
    const { tenant, account } = await subscribedTenant("Grace Plumbing");
    await fake.setSubscriptionStatus(account.subscriptionId!, "past_due");
    await db.prisma.billingAccount.update({
      where: { tenantId: tenant.id },
      data: { pastDueSince: new Date(Date.now() - 8 * 86_400_000) },
    });
    // A later event keeps the first past_due time (the grace period does not restart).
    const payload = eventJson("invoice.payment_failed", {
      object: "invoice",
      customer: account.stripeCustomerId,
    });
    await post(payload, sign(payload));
    const gate = await serviceGate(tenantScoped(db.prisma, tenant.id), tenant.id);
    expect(gate.open).toBe(false);
    expect(gate.reasons[0]).toMatch(/^Billing: Payment has been past due since .*7-day grace period/);
  });

  it("answers 200 to unknown event types and ignores them", async () => {
    const { tenant } = await subscribedTenant("Unknown Plumbing");
    const before = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    const payload = eventJson("radar.early_fraud_warning.created", {
      object: "radar.early_fraud_warning",
      id: "issfr_1",
    });
    const res = await post(payload, sign(payload));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "ignored" });
    expect(await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toEqual(
      before,
    );
  });

  it("answers 500 and records nothing when Stripe cannot be read, so Stripe delivers again", async () => {
    const { account } = await subscribedTenant("Outage Plumbing");
    setStripeHandle({ stripe: stripeClientFor("http://127.0.0.1:9"), mode: "local", fake: null });
    const payload = eventJson("invoice.paid", { object: "invoice", customer: account.stripeCustomerId });
    const id = JSON.parse(payload).id as string;
    expect((await post(payload, sign(payload))).status).toBe(500);
    expect(await db.prisma.stripeEvent.count({ where: { id } })).toBe(0);
    setStripeHandle({ stripe: stripeClientFor(fake.url), mode: "local", fake });
    expect((await post(payload, sign(payload))).status).toBe(200);
    expect(await db.prisma.stripeEvent.count({ where: { id } })).toBe(1);
  });

  it("opens the billing portal, where cancelling sets the subscription to end with its period", async () => {
    const { tenant, caller } = await subscribedTenant("Portal Plumbing");
    const { url } = await caller.billing.openPortal();
    expect(await fetch(url).then((r) => r.text())).toContain("Cancel subscription");
    const sub = (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } }))
      .subscriptionId!;
    const res = await fetch(`${url}/cancel`, {
      method: "POST",
      body: new URLSearchParams({ subscription: sub }),
    });
    expect(await res.text()).toContain("Renew subscription");
    await fake.idle();
    expect(await caller.billing.state()).toMatchObject({
      status: "active",
      cancelAtPeriodEnd: true,
      gate: { open: true },
    });
  });

  it("replaces a seeded free trial with the Checkout subscription, keeping the trial's end", async () => {
    const { seedTrialSubscription } = await import("./seed-subscription");
    const owner = await makeUser(db.prisma, { name: "Owner" });
    const tenant = await makeTenant(db.prisma, { name: "Trial Plumbing", ownerId: owner.id });
    await completeSetup(db.prisma, tenant.id, { subscription: null });
    expect(await seedTrialSubscription(tenantScoped(db.prisma, tenant.id), tenant.id)).toBe(true);
    const caller = callerFor(db.prisma, owner.id, tenant.slug);
    expect(await caller.billing.state()).toMatchObject({
      status: "trialing",
      canSubscribe: true,
      gate: { open: true },
    });
    const { url } = await caller.billing.startCheckout();
    await fake.payCheckout(url.split("/").pop()!);
    await fake.idle();
    expect(await caller.billing.state()).toMatchObject({
      status: "trialing",
      hasPaymentMethod: true,
      canSubscribe: false,
    });
    const customer = (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } }))
      .stripeCustomerId;
    expect(
      Object.values(fake.state.subscriptions)
        .filter((s) => s.customer === customer)
        .map((s) => s.status)
        .sort(),
    ).toEqual(["canceled", "trialing"]);
  });
});
