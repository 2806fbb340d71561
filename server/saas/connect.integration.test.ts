// SaaS mode end to end through the local Stripe fake and the REAL SDK: the agency connects its
// Stripe account (Connect onboarding, `account.updated`), a business on an agency plan is billed on
// that account (direct charges, the `Stripe-Account` header), its LeadRescue trial ends, the service
// gate reads the agency's subscription, a plan change swaps the price, the month's invoice gets the
// overage and LeadRescue's wholesale price as the application fee, the margin table and the REST
// API agree with the fake's invoices to the cent, and replayed Connect events change nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { POST as stripeWebhook } from "@/app/api/stripe/webhook/route";
import { GET as agencyBillingApi } from "@/app/api/v1/agency/billing/route";
import { GET as monthlyReportApi } from "@/app/api/v1/reports/monthly/route";
import { completeSetup, makeApiKey, makeTenant, makeUser } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { env } from "@/server/env";
import {
  constructStripeEvent,
  stripeClientFor,
  setStripeHandle,
  stripePlan,
  stripeWebhookSecrets,
} from "@/server/integrations/stripe";
import { prorationAmounts, startStripeFake, type StripeFake } from "@/server/integrations/stripe-fake/server";
import type { FakeInvoice } from "@/server/integrations/stripe-fake/types";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { serviceGate } from "@/server/billing/service-gate";
import { startTrial } from "@/server/billing/start-trial";
import { resolvePeriod } from "@/server/reports/period";
import { currentMonth } from "./plan-usage";
import { createAgencyApiKey } from "./agency-api-keys";
import { WHOLESALE, wholesaleCents } from "./wholesale";

const WEBHOOK_URL = `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/api/stripe/webhook`;
const signer = new Stripe("sk_test_signer");
/** Stripe signs events of connected accounts with the Connect endpoint's own secret. */
const CONNECT_SECRET = stripeWebhookSecrets().connect!;
const TZ = "America/Chicago";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: StripeFake;
let agencyId: string;
let operatorId: string;
const agencyKey = `lr_agency_${randomBytes(12).toString("hex")}`;

const post = (payload: string, signature: string) =>
  stripeWebhook(
    new Request(WEBHOOK_URL, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: payload,
    }),
  );
const operator = () => callerFor(db.prisma, operatorId);
const account = (tenantId: string) => db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId } });
const apiGet = (path: string, key: string) =>
  new Request(`${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });

/** Billable AI calls and texts to callers this month, as the usage job and the texting code leave them. */
async function usage(tenantId: string, calls: number, texts: number, credited = 0) {
  const at = new Date();
  for (let i = 0; i < calls + credited; i++) {
    await db.prisma.usageLedgerEntry.create({
      data: {
        tenantId,
        callSid: `CA${randomBytes(16).toString("hex")}`,
        outcome: i < calls ? "billable" : "credited",
        creditReason: i < calls ? null : "spam",
        meterStatus: "skipped",
        occurredAt: at,
      },
    });
  }
  for (let i = 0; i < texts; i++) {
    await db.prisma.message.create({
      data: {
        tenantId,
        direction: "outbound",
        purpose: "text_back",
        fromNumber: "+15125550100",
        toNumber: `+1512555${String(2000 + i)}`,
        body: "Sorry we missed your call",
        status: "delivered",
        sentAt: at,
      },
    });
  }
}

async function business(name: string) {
  const owner = await makeUser(db.prisma, { name: `${name} Owner` });
  const tenant = await makeTenant(db.prisma, { name, ownerId: owner.id, agencyId, timeZone: TZ });
  await completeSetup(db.prisma, tenant.id, { subscription: null });
  // Every business starts on LeadRescue's own free trial (on the platform account).
  await startTrial(tenantScoped(db.prisma, tenant.id), tenant.id, { email: `${tenant.slug}@example.test` });
  return { owner, tenant };
}

/** The whole month, as the fake's renewal closes it. */
function monthPeriod() {
  const month = currentMonth(TZ, new Date());
  const { start, end } = resolvePeriod({ kind: "month", month }, TZ, new Date());
  return { month, start: Math.floor(start.getTime() / 1000), end: Math.floor(end.getTime() / 1000) };
}

/** Every table a replayed event could touch. */
async function snapshot() {
  const [accounts, invoices, agencies, events] = await Promise.all([
    db.prisma.billingAccount.findMany({ orderBy: { id: "asc" } }),
    db.prisma.saasInvoice.findMany({ orderBy: { id: "asc" } }),
    db.prisma.agency.findMany({
      orderBy: { id: "asc" },
      select: { id: true, stripeAccountId: true, stripeChargesEnabled: true },
    }),
    db.prisma.stripeEvent.count(),
  ]);
  return JSON.stringify({
    accounts,
    invoices,
    agencies,
    events,
    fakeInvoices: fake.state.invoices,
    subs: fake.state.subscriptions,
  });
}

let starter: { id: string };
let pro: { id: string };
let a: Awaited<ReturnType<typeof business>>;
let b: Awaited<ReturnType<typeof business>>;
let invoices: FakeInvoice[] = [];

beforeAll(async () => {
  db = await useTestDatabase();
  fake = await startStripeFake({
    webhookUrl: WEBHOOK_URL,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    connectWebhookSecret: CONNECT_SECRET,
    prices: {
      baseId: stripePlan().basePriceId,
      usageId: stripePlan().usagePriceId,
      meterEventName: stripePlan().meterEventName,
    },
    deliver: async (payload, signature) => ({ status: (await post(payload, signature)).status }),
  });
  setStripeHandle({ stripe: stripeClientFor(fake.url), mode: "local", fake });
  const agency = await db.prisma.agency.create({
    data: { name: "Connect Agency", slug: `connect-${randomBytes(3).toString("hex")}` },
  });
  agencyId = agency.id;
  const op = await makeUser(db.prisma, { name: "Carla Connect" });
  operatorId = op.id;
  await db.prisma.agencyMember.create({ data: { agencyId, userId: op.id } });
  await createAgencyApiKey(
    systemDb(db.prisma),
    { agencyId, actorId: op.id },
    { name: "Accounting", secret: agencyKey },
  );
  a = await business("Alamo Plumbing");
  b = await business("Bexar Plumbing");
});
afterAll(async () => {
  setStripeHandle(undefined);
  await fake.close();
  await db.drop();
});

describe(`Stripe Connect direct charges (${engineName})`, () => {
  it("connects the agency's Stripe account: onboarding link, then account.updated turns charges on", async () => {
    expect(await operator().saas.connectStatus()).toMatchObject({
      connected: false,
      chargesEnabled: false,
      wholesale: WHOLESALE, // the operator reads LeadRescue's price list beside the Stripe card
    });
    const { url } = await operator().saas.startConnect();
    expect(url).toMatch(/\/connect\/acctlink_/);
    const status = await operator().saas.connectStatus();
    expect(status).toMatchObject({ connected: true, chargesEnabled: false });
    // The operator finishes onboarding on Stripe's page; Stripe tells the app with account.updated.
    const res = await fetch(url, { method: "GET" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Finish onboarding");
    await fake.completeOnboarding(status.accountId!);
    await fake.idle();
    expect(await operator().saas.connectStatus()).toMatchObject({ connected: true, chargesEnabled: true });
    // A second link reuses the same account.
    await operator().saas.startConnect();
    expect(Object.keys(fake.state.accounts)).toHaveLength(1);
  });

  it("a business on an agency plan is billed on the agency's account; its LeadRescue trial ends; the gate reads the agency's subscription", async () => {
    starter = await operator().saas.createPlan({
      plan: {
        name: "Starter",
        monthlyPriceCents: 19900,
        includedCalls: 3,
        includedTexts: 5,
        overageCallCents: 450,
        overageTextCents: 15,
        trialDays: 0,
      },
    });
    pro = await operator().saas.createPlan({
      plan: {
        name: "Pro",
        monthlyPriceCents: 34900,
        includedCalls: 10,
        includedTexts: 20,
        overageCallCents: 350,
        overageTextCents: 10,
        trialDays: 14,
      },
    });
    const before = await account(a.tenant.id);
    expect(before.stripeAccountId).toBeNull();
    const res = await operator().saas.assignPlan({
      tenantId: a.tenant.id,
      planId: starter.id,
      overagePolicy: "bill",
    });
    expect(res.billing).toBe("subscribed");
    await fake.idle();
    const acct = (await operator().saas.connectStatus()).accountId!;
    const after = await account(a.tenant.id);
    expect(after).toMatchObject({
      stripeAccountId: acct,
      status: "active",
      baseAmount: 19900,
      planName: "Starter",
    });
    expect(fake.state.customers[after.stripeCustomerId!]!.account).toBe(acct);
    expect(fake.state.subscriptions[after.subscriptionId!]!.account).toBe(acct);
    // The platform trial was cancelled, and its events did not overwrite the agency's subscription.
    expect(fake.state.subscriptions[before.subscriptionId!]!.status).toBe("canceled");
    expect((await account(a.tenant.id)).status).toBe("active");
    expect((await serviceGate(tenantScoped(db.prisma, a.tenant.id), a.tenant.id)).open).toBe(true);

    // A plan with a trial: no card is needed, the AI answers at once.
    expect((await operator().saas.assignPlan({ tenantId: b.tenant.id, planId: pro.id })).billing).toBe(
      "subscribed",
    );
    await fake.idle();
    expect(await account(b.tenant.id)).toMatchObject({
      stripeAccountId: acct,
      status: "trialing",
      hasPaymentMethod: false,
      baseAmount: 34900,
    });
    expect((await serviceGate(tenantScoped(db.prisma, b.tenant.id), b.tenant.id)).open).toBe(true);
  });

  it("The service gate reads the right subscription: the agency's subscription failing closes it", async () => {
    const sub = (await account(b.tenant.id)).subscriptionId!;
    await fake.setSubscriptionStatus(sub, "unpaid");
    await fake.idle();
    expect((await account(b.tenant.id)).status).toBe("unpaid");
    expect((await serviceGate(tenantScoped(db.prisma, b.tenant.id), b.tenant.id)).open).toBe(false);
    await fake.setSubscriptionStatus(sub, "trialing");
    await fake.idle();
    expect((await serviceGate(tenantScoped(db.prisma, b.tenant.id), b.tenant.id)).open).toBe(true);
  });

  it("a plan change swaps the subscription's price on the agency's account (Stripe prorates it)", async () => {
    const { subscriptionId } = await account(b.tenant.id);
    expect((await operator().saas.assignPlan({ tenantId: b.tenant.id, planId: starter.id })).billing).toBe(
      "plan_changed",
    );
    await fake.idle();
    expect(fake.state.subscriptions[subscriptionId!]!.items.data[0]!.price.unit_amount).toBe(19900);
    // Nothing was charged during the trial, so the change prorates nothing.
    expect(Object.values(fake.state.pendingItems).filter((i) => i.subscription === subscriptionId)).toEqual(
      [],
    );
    expect(await account(b.tenant.id)).toMatchObject({
      subscriptionId,
      baseAmount: 19900,
      planName: "Starter",
    });
    expect((await operator().saas.assignPlan({ tenantId: b.tenant.id, planId: pro.id })).billing).toBe(
      "plan_changed",
    );
    await fake.idle();
  });

  it("the month's invoices carry the overage and LeadRescue's wholesale price as the application fee", async () => {
    await usage(a.tenant.id, 7, 9, 4); // Starter: 3 calls + 5 texts included → 4 extra calls, 4 extra texts; 4 credited never count
    await usage(b.tenant.id, 2, 1); // Pro (trial): within what is included
    const period = monthPeriod();
    invoices = await fake.closePeriod((await account(a.tenant.id)).stripeAccountId!, period);
    await fake.idle();
    expect(invoices).toHaveLength(2);
    const invA = invoices.find(
      (i) =>
        i.customer ===
        fake.state.customers[
          Object.keys(fake.state.customers).find(
            (c) =>
              fake.state.customers[c]!.metadata.tenantId === a.tenant.id && fake.state.customers[c]!.account,
          )!
        ]!.id,
    )!;
    expect(invA.lines.data.map((l) => l.amount).sort((x, y) => x - y)).toEqual([60, 1800, 19900]); // 4 × $0.15, 4 × $4.50, the plan
    expect(invA.total).toBe(19900 + 1800 + 60);
    expect(invA.application_fee_amount).toBe(
      WHOLESALE.monthlyCents + 7 * WHOLESALE.perCallCents + 9 * WHOLESALE.perTextCents,
    );
    expect(invA.metadata.leadrescue_month).toBe(period.month);
    // Within what the plan includes: the plan's price only, and the month's wholesale as the fee.
    const invB = invoices.find((i) => i !== invA)!;
    expect(invB.lines.data.map((l) => l.amount)).toEqual([34900]);
    expect(invB.application_fee_amount).toBe(wholesaleCents({ calls: 2, texts: 1 }));
  });

  it("reconciles a month of fake-Stripe invoices against the margin table to the cent (tRPC, JSON and CSV API)", async () => {
    const { month } = monthPeriod();
    const table = await operator().saas.margin({ month });
    const byCustomer = new Map<string, { total: number; fee: number }>();
    for (const inv of Object.values(fake.state.invoices).filter(
      (i) => i.account && i.metadata.leadrescue_month === month,
    )) {
      const tenantId = fake.state.customers[inv.customer]!.metadata.tenantId!;
      const cur = byCustomer.get(tenantId) ?? { total: 0, fee: 0 };
      byCustomer.set(tenantId, {
        total: cur.total + inv.total,
        fee: cur.fee + (inv.application_fee_amount ?? 0),
      });
    }
    expect(table.rows).toHaveLength(2);
    for (const row of table.rows) {
      const stripe = byCustomer.get(row.businessId)!;
      expect(row.source).toBe("invoiced");
      expect(row.revenueCents).toBe(stripe.total);
      expect(row.wholesaleCents).toBe(stripe.fee);
      expect(row.marginCents).toBe(stripe.total - stripe.fee);
    }
    const alamo = table.rows.find((r) => r.business === "Alamo Plumbing")!;
    expect(alamo).toMatchObject({ calls: 7, texts: 9, overageCalls: 4, overageTexts: 4, overageCents: 1860 });
    const sum = [...byCustomer.values()].reduce(
      (n, v) => ({ total: n.total + v.total, fee: n.fee + v.fee }),
      { total: 0, fee: 0 },
    );
    expect(table.totals).toMatchObject({
      revenueCents: sum.total,
      wholesaleCents: sum.fee,
      marginCents: sum.total - sum.fee,
    });

    const json = await agencyBillingApi(apiGet(`/api/v1/agency/billing?month=${month}`, agencyKey));
    expect(json.status).toBe(200);
    const body = (await json.json()) as { rows: { revenueCents: number }[]; totals: { marginCents: number } };
    expect(body.totals.marginCents).toBe(sum.total - sum.fee);
    const csv = await agencyBillingApi(apiGet(`/api/v1/agency/billing?month=${month}&format=csv`, agencyKey));
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "month,business,plan,source,calls,included_calls,overage_calls,texts,included_texts,overage_texts,overage,revenue,wholesale,margin,invoices,proration",
    );
    expect(lines.at(-1)).toContain(
      `Total,,,9,,,10,,,18.60,${(sum.total / 100).toFixed(2)},${(sum.fee / 100).toFixed(2)},${((sum.total - sum.fee) / 100).toFixed(2)}`,
    );
    const bad = await agencyBillingApi(apiGet(`/api/v1/agency/billing?month=2026-13`, agencyKey));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { message: "month must look like 2026-03.", field: "month" } });
  });

  it("a business's API key gets 403 on the agency API; no key gets 401", async () => {
    const { secret } = await makeApiKey(db.prisma, a.tenant.id);
    const res = await agencyBillingApi(apiGet(`/api/v1/agency/billing?month=${monthPeriod().month}`, secret));
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain("Alamo");
    expect(
      (await agencyBillingApi(apiGet(`/api/v1/agency/billing?month=2026-03`, "lr_agency_not_a_key"))).status,
    ).toBe(401);
    // And an agency key opens no business's API.
    expect((await monthlyReportApi(apiGet(`/api/v1/reports/monthly?month=2026-03`, agencyKey))).status).toBe(
      401,
    );
  });

  it("Wholesale prices never reach a business owner's page data or API", async () => {
    const fee = invoices.find((i) => i.total > 0)!.application_fee_amount!;
    // The amount as a value of its own, not digits inside a random id ("CA…5977…").
    const asValue = (amount: string) => new RegExp(`(?<![\\w.])${amount.replace(".", "\\.")}(?![\\w])`);
    const owner = callerFor(db.prisma, a.owner.id, a.tenant.slug);
    const state = JSON.stringify(await owner.billing.state());
    expect(state).toContain("Starter");
    for (const amount of [String(fee), (fee / 100).toFixed(2)]) expect(state).not.toMatch(asValue(amount));
    for (const secret of [`:${WHOLESALE.monthlyCents}`, "wholesale", "application_fee"])
      expect(state.toLowerCase()).not.toContain(secret.toLowerCase());
    const ledger = JSON.stringify(await owner.billing.usageLedger({ limit: 100, period: "all" }));
    expect(ledger).not.toMatch(asValue(String(fee)));
    const { secret } = await makeApiKey(db.prisma, a.tenant.id);
    const report = await (
      await monthlyReportApi(apiGet(`/api/v1/reports/monthly?month=${monthPeriod().month}`, secret))
    ).text();
    expect(report.toLowerCase()).not.toContain("wholesale");
    expect(report).not.toMatch(asValue(String(fee)));
  });

  it("Replayed Connect events change nothing", async () => {
    const before = await snapshot();
    const connectEvents = fake.state.events.filter((e) => e.account);
    expect(connectEvents.length).toBeGreaterThan(8);
    expect(new Set(connectEvents.map((e) => e.type))).toEqual(
      expect.objectContaining({ size: expect.any(Number) }),
    );
    for (const type of [
      "account.updated",
      "customer.subscription.created",
      "invoice.created",
      "invoice.paid",
    ])
      expect(connectEvents.map((e) => e.type)).toContain(type);
    // Stripe redelivers the same events (same ids), in any order, several times.
    for (const event of [...connectEvents, ...[...connectEvents].reverse(), ...connectEvents]) {
      const payload = JSON.stringify(event, null, 2);
      const res = await post(
        payload,
        signer.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET }),
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { outcome: string }).outcome).toBe("duplicate");
    }
    expect(await snapshot()).toBe(before);
    // The same events under new ids are re-synced from Stripe: the same rows come out (and no second fee or overage line).
    const strip = (s: string) => s.replace(/"(syncedAt|updatedAt)":"[^"]+"/g, "").replace(/"events":\d+/, "");
    for (const event of connectEvents) {
      const payload = JSON.stringify({ ...event, id: `${event.id}_resent` }, null, 2);
      expect(
        (await post(payload, signer.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET })))
          .status,
      ).toBe(200);
    }
    expect(strip(await snapshot())).toBe(strip(before));
  });
  it("Onboarding by the agency: a business created on a plan is billed on the agency's account from the start, no card, no LeadRescue trial", async () => {
    const res = await operator().agency.createTenant({
      businessName: "Comal Plumbing",
      timeZone: TZ,
      ownerEmail: `comal-${randomBytes(3).toString("hex")}@example.test`,
      planId: pro.id,
    });
    expect(res.invite?.link).toMatch(/\/invite\//);
    await fake.idle();
    const acct = (await operator().saas.connectStatus()).accountId!;
    expect(await account(res.id)).toMatchObject({
      stripeAccountId: acct,
      status: "trialing",
      hasPaymentMethod: false,
      planName: "Pro",
    });
    const platformSubs = Object.values(fake.state.subscriptions).filter(
      (x) => x.metadata.tenantId === res.id && !x.account,
    );
    expect(platformSubs).toEqual([]);
    // Another agency's plan cannot be used.
    const other = await db.prisma.agency.create({ data: { name: "Other Agency" } });
    const foreign = await db.prisma.agencyPlan.create({
      data: {
        agencyId: other.id,
        name: "Foreign",
        monthlyPriceCents: 100,
        includedCalls: 1,
        includedTexts: 1,
        overageCallCents: 1,
        overageTextCents: 1,
      },
    });
    await expect(
      operator().agency.createTenant({
        businessName: "Sneaky Plumbing",
        timeZone: TZ,
        ownerEmail: "sneaky@example.test",
        planId: foreign.id,
      }),
    ).rejects.toThrow("That plan is not one of your agency's plans.");
    expect(await db.prisma.tenant.count({ where: { name: "Sneaky Plumbing" } })).toBe(0);
  });

  it("Connect events are checked with the Connect endpoint's own secret: a forged one gets 403 and writes nothing", async () => {
    const event = fake.state.events.find((e) => e.account && e.type === "invoice.paid")!;
    const payload = JSON.stringify({ ...event, id: `${event.id}_forged` }, null, 2);
    const before = await snapshot();
    const refused = async (body: string, signature: string) => {
      const res = await post(body, signature);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/signature/i);
    };
    // Signed with the platform endpoint's secret, with a made-up secret, or tampered after signing.
    await refused(
      payload,
      signer.webhooks.generateTestHeaderString({ payload, secret: env.STRIPE_WEBHOOK_SECRET }),
    );
    await refused(
      payload,
      signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_not_the_connect_secret" }),
    );
    await refused(
      payload.replace(event.account!, "acct_someone_else"),
      signer.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET }),
    );
    // And the Connect secret does not pass for the platform's own events.
    const platform = fake.state.events.find((e) => !e.account && e.type.startsWith("customer."))!;
    const platformPayload = JSON.stringify({ ...platform, id: `${platform.id}_forged` }, null, 2);
    await refused(
      platformPayload,
      signer.webhooks.generateTestHeaderString({ payload: platformPayload, secret: CONNECT_SECRET }),
    );
    expect(await snapshot()).toBe(before);
    // With real Stripe and no Connect secret configured, a Connect event is refused, never checked with the platform's.
    const signature = signer.webhooks.generateTestHeaderString({
      payload,
      secret: env.STRIPE_WEBHOOK_SECRET,
    });
    expect(() =>
      constructStripeEvent(payload, signature, Date.now(), {
        platform: env.STRIPE_WEBHOOK_SECRET,
        connect: null,
      }),
    ).toThrow(/STRIPE_CONNECT_WEBHOOK_SECRET/);
    // Properly signed, the same event is handled (and re-synced from Stripe).
    const ok = await post(
      payload,
      signer.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET }),
    );
    expect(ok.status).toBe(200);
  });

  it("a mid-month plan change is prorated by Stripe on the next invoice, and the month reconciles to the cent", async () => {
    const d = await business("Dripping Springs Plumbing");
    expect(
      (await operator().saas.assignPlan({ tenantId: d.tenant.id, planId: starter.id, overagePolicy: "bill" }))
        .billing,
    ).toBe("subscribed");
    await fake.idle();
    const { subscriptionId, stripeAccountId } = await account(d.tenant.id);
    // Halfway through its month on Starter, the operator moves it up to Pro.
    const now = Math.floor(Date.now() / 1000);
    const periodStart = now - 15 * 86_400;
    const periodEnd = now + 15 * 86_400;
    fake.setSubscriptionPeriod(subscriptionId!, { start: periodStart, end: periodEnd });
    expect((await operator().saas.assignPlan({ tenantId: d.tenant.id, planId: pro.id })).billing).toBe(
      "plan_changed",
    );
    await fake.idle();
    const pending = Object.values(fake.state.pendingItems).filter((i) => i.subscription === subscriptionId);
    expect(pending).toHaveLength(2);
    const changedAt = pending[0]!.line.period!.start;
    const expected = prorationAmounts({
      oldUnitAmount: 19900,
      newUnitAmount: 34900,
      quantity: 1,
      periodStart,
      periodEnd,
      at: changedAt,
    })!;
    expect(pending.map((i) => i.line.amount)).toEqual([expected.credit, expected.charge]);
    expect(expected.credit).toBeLessThan(-9900); // about half of $199 back
    expect(expected.charge).toBeGreaterThan(17400); // about half of $349
    expect(pending[0]!.line.description).toMatch(/^Unused time on 1 × Starter after \d{4}-\d{2}-\d{2}$/);
    expect(pending[1]!.line.description).toMatch(/^Remaining time on 1 × Pro after/);

    await usage(d.tenant.id, 12, 3); // Pro: 10 calls included → 2 extra calls at $3.50
    const period = monthPeriod();
    const [inv] = await fake.closePeriod(stripeAccountId!, period, { subscriptions: [subscriptionId!] });
    await fake.idle();
    const settled = fake.state.invoices[inv!.id]!;
    expect(settled.lines.data.map((l) => l.amount).sort((x, y) => x - y)).toEqual(
      [expected.credit, 700, expected.charge, 34900].sort((x, y) => x - y),
    );
    expect(settled.total).toBe(34900 + expected.credit + expected.charge + 700);
    expect(settled.application_fee_amount).toBe(wholesaleCents({ calls: 12, texts: 3 }));
    expect(
      Object.values(fake.state.pendingItems).filter((i) => i.subscription === subscriptionId && !i.invoice),
    ).toEqual([]);

    // Every business's row agrees with Stripe's invoices of the month, to the cent.
    const table = await operator().saas.margin({ month: period.month });
    const stripeMonth = Object.values(fake.state.invoices).filter(
      (i) => i.account && i.metadata.leadrescue_month === period.month,
    );
    for (const row of table.rows.filter((r) => r.source === "invoiced")) {
      const mine = stripeMonth.filter(
        (i) => fake.state.customers[i.customer]!.metadata.tenantId === row.businessId,
      );
      const total = mine.reduce((n, i) => n + i.total, 0);
      const fee = mine.reduce((n, i) => n + (i.application_fee_amount ?? 0), 0);
      expect({ revenue: row.revenueCents, wholesale: row.wholesaleCents, margin: row.marginCents }).toEqual({
        revenue: total,
        wholesale: fee,
        margin: total - fee,
      });
    }
    const dripping = table.rows.find((r) => r.businessId === d.tenant.id)!;
    expect(dripping).toMatchObject({
      source: "invoiced",
      plan: "Pro",
      overageCalls: 2,
      overageCents: 700,
      prorationCents: expected.credit + expected.charge,
      revenueCents: settled.total,
      wholesaleCents: settled.application_fee_amount,
    });
    expect(table.totals.prorationCents).toBe(expected.credit + expected.charge);
    const csv = await (
      await agencyBillingApi(apiGet(`/api/v1/agency/billing?month=${period.month}&format=csv`, agencyKey))
    ).text();
    const line = csv.split("\n").find((l) => l.includes("Dripping Springs Plumbing"))!;
    expect(line.split(",").at(-1)).toBe(((expected.credit + expected.charge) / 100).toFixed(2));
  });
});
