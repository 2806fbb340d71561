// Usage billing uses idempotent references so nothing is charged twice: one
// ledger row and one Stripe meter event per AI-handled call, through the real SDK and the local
// Stripe fake, whatever is replayed, retried or delivered concurrently; useless calls credited.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeSetup, makeTenant, makeUser } from "@/prisma/factories";
import { env } from "@/server/env";
import { stripeClientFor, setStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { startStripeFake, type StripeFake } from "@/server/integrations/stripe-fake/server";
import { startJobs, stopJobs } from "@/server/jobs/runtime";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { callerFor } from "@/server/test/caller";
import { TwilioCall } from "@/server/test/webhook-test-kit";
import { enqueueUsageForCall, usageJob, usageSweepJob, USAGE_JOB } from "./jobs";
import {
  AI_ANSWERED_EVENT,
  callsMissingUsage,
  recordUsageForCall,
  reverseNotACustomerCredit,
  type UsageDeps,
} from "./record-usage";
import { seedTrialSubscription } from "./seed-subscription";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: StripeFake;
let tenantId: string;
let ownerId: string;
let slug: string;
const deps: UsageDeps = {
  stripe: async () => stripeClientFor(fake.url),
  meterEventName: stripePlan().meterEventName,
};

type CallInput = {
  from?: string;
  isTest?: boolean;
  inArea?: boolean | null;
  zip?: string | null;
  callerName?: string | null;
  issueSummary?: string | null;
  aiHandled?: boolean;
  ended?: boolean;
  startedAt?: Date;
};

/** A call as the call flow leaves it: lead, call row, the "AI answered" fact, ended. */
async function aiCall(input: CallInput = {}) {
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const startedAt = input.startedAt ?? new Date();
  const from = input.from ?? `+1512555${String(1000 + Math.floor(Math.random() * 8999))}`;
  const lead = await db.prisma.lead.create({
    data: {
      tenantId,
      callerPhone: from,
      status: "answered_by_ai",
      source: "phone",
      sourceRef: callSid,
      isTest: input.isTest ?? false,
      inArea: input.inArea === undefined ? true : input.inArea,
      zip: input.zip === undefined ? "78701" : input.zip,
      callerName: input.callerName === undefined ? "Ann Caller" : input.callerName,
      issueSummary: input.issueSummary === undefined ? "Leaking water heater" : input.issueSummary,
    },
  });
  await db.prisma.call.create({
    data: {
      tenantId,
      leadId: lead.id,
      callSid,
      fromNumber: from,
      toNumber: "+15125550100",
      stage: "ended",
      isTest: input.isTest ?? false,
      startedAt,
      endedAt: input.ended === false ? null : new Date(startedAt.getTime() + 90_000),
    },
  });
  if (input.aiHandled !== false)
    await db.prisma.leadEvent.create({ data: { tenantId, leadId: lead.id, type: AI_ANSWERED_EVENT } });
  return callSid;
}

const meterEventsFor = (callSid: string) =>
  Object.values(fake.state.meterEvents).filter((e) => e.identifier === callSid);
const ledgerOf = (callSid: string) => db.prisma.usageLedgerEntry.findMany({ where: { tenantId, callSid } });

beforeAll(async () => {
  db = await useTestDatabase();
  fake = await startStripeFake({
    webhookUrl: "http://127.0.0.1:9/unused",
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    prices: {
      baseId: stripePlan().basePriceId,
      usageId: stripePlan().usagePriceId,
      meterEventName: stripePlan().meterEventName,
    },
    deliver: async () => ({ status: 200 }),
  });
  setStripeHandle({ stripe: stripeClientFor(fake.url), mode: "local", fake });
  const owner = await makeUser(db.prisma);
  const tenant = await makeTenant(db.prisma, { name: "Metered Plumbing", ownerId: owner.id });
  await completeSetup(db.prisma, tenant.id, { subscription: null });
  await seedTrialSubscription(tenantScoped(db.prisma, tenant.id), tenant.id);
  tenantId = tenant.id;
  ownerId = owner.id;
  slug = tenant.slug;
});
afterAll(async () => {
  await stopJobs();
  setStripeHandle(undefined);
  await fake.close();
  await db.drop();
});

describe(`usage metering (${engineName})`, () => {
  it("Usage billing is idempotent: the same call recorded 100 times concurrently sends one meter event", async () => {
    const callSid = await aiCall();
    const requestsBefore = fake.state.meterEventRequests;
    await Promise.all(
      Array.from({ length: 100 }, () =>
        recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps),
      ),
    );
    expect(meterEventsFor(callSid)).toHaveLength(1);
    expect(meterEventsFor(callSid)[0]).toMatchObject({
      event_name: "ai_handled_call",
      payload: { value: "1" },
    });
    const rows = await ledgerOf(callSid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "billable", creditReason: null, meterStatus: "sent" });
    // Replays did reach Stripe (and were deduped there by identifier), or stopped at the ledger.
    expect(fake.state.meterEventRequests - requestsBefore).toBeGreaterThanOrEqual(1);
  });

  it("Usage enqueued 100 times concurrently through the pg-boss job sends one meter event", async () => {
    await startJobs(db, [usageJob], { pollingIntervalSeconds: 0.5 });
    const callSid = await aiCall();
    await Promise.all(
      Array.from({ length: 100 }, () =>
        enqueueUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }),
      ),
    );
    await expect
      .poll(async () => (await ledgerOf(callSid))[0]?.meterStatus, { timeout: 30_000, interval: 250 })
      .toBe("sent");
    // Let any duplicate jobs still queued run too.
    await expect
      .poll(
        async () =>
          (
            await db.prisma.$queryRawUnsafe<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM pgboss.job WHERE name = '${USAGE_JOB}' AND state IN ('created','retry','active')`,
            )
          )[0]!.n,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(0);
    expect(meterEventsFor(callSid)).toHaveLength(1);
    expect(await ledgerOf(callSid)).toHaveLength(1);
    // Once sent, further enqueues are not even queued.
    expect(await enqueueUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid })).toBeNull();
    await stopJobs();
  });

  it("the call's final status webhook meters an AI-handled call once, even when Twilio repeats it", async () => {
    await startJobs(db, [usageJob], { pollingIntervalSeconds: 0.5 });
    const tracking = await db.prisma.trackingNumber.findFirstOrThrow({ where: { tenantId } });
    const call = new TwilioCall(tracking.e164, "+15125554321");
    await call.missed();
    await call.say("My ZIP is 78701");
    await call.say("Water is leaking under my kitchen sink");
    await call.ended();
    await call.ended();
    await expect
      .poll(async () => (await ledgerOf(call.callSid))[0]?.meterStatus, { timeout: 30_000, interval: 250 })
      .toBe("sent");
    expect(await ledgerOf(call.callSid)).toMatchObject([{ outcome: "billable" }]);
    expect(meterEventsFor(call.callSid)).toHaveLength(1);
    await stopJobs();
  });

  it("retries when Stripe is down and still charges once when it is back", async () => {
    const callSid = await aiCall();
    const down: UsageDeps = { ...deps, stripe: async () => stripeClientFor("http://127.0.0.1:9") };
    await expect(
      recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, down),
    ).rejects.toThrow();
    expect((await ledgerOf(callSid))[0]).toMatchObject({ meterStatus: "pending", meterAttempts: 1 });
    expect(meterEventsFor(callSid)).toHaveLength(0);
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    expect((await ledgerOf(callSid))[0]).toMatchObject({
      meterStatus: "sent",
      meterAttempts: 2,
      meterError: null,
    });
    expect(meterEventsFor(callSid)).toHaveLength(1);
  });

  it.each([
    ["a simulated test call", { isTest: true }, "test_call"],
    ["an out-of-area caller", { inArea: false, zip: "10001" }, "out_of_area"],
    [
      "a caller who gave nothing (spam / robocall)",
      { inArea: null, zip: null, callerName: null, issueSummary: null },
      "spam",
    ],
  ] as const)("credits %s: a ledger row with the reason, no meter event", async (_name, input, reason) => {
    const callSid = await aiCall(input);
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    expect(await ledgerOf(callSid)).toMatchObject([
      { outcome: "credited", creditReason: reason, meterStatus: "not_applicable" },
    ]);
    expect(meterEventsFor(callSid)).toHaveLength(0);
  });

  it("credits a call closed as not a customer like a test call, once, and reverses the credit once when it is marked a real customer", async () => {
    const callSid = await aiCall({ from: "+15125550171" });
    const lead = await db.prisma.lead.findFirstOrThrow({ where: { tenantId, sourceRef: callSid } });
    await db.prisma.lead.update({
      where: { id: lead.id },
      data: { status: "closed", closeReason: "not_a_customer", closeNote: "Sales call" },
    });
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    expect(await ledgerOf(callSid)).toMatchObject([
      { outcome: "credited", creditReason: "not_a_customer", meterStatus: "not_applicable" },
    ]);
    expect(meterEventsFor(callSid)).toHaveLength(0);
    const ledger = await callerFor(db.prisma, ownerId, slug).billing.usageLedger({
      limit: 50,
      outcome: "credited",
      period: "all",
    });
    expect(ledger.items.map((i) => i.reason)).toContain(
      "Not a customer (sales call, recorded message or wrong number) — never billed",
    );

    // "This is a real customer": the credit is reversed through one conditional update, however often it runs.
    await startJobs(db, [usageJob], { pollingIntervalSeconds: 0.5 });
    const staff = callerFor(db.prisma, ownerId, slug);
    const clicks = await Promise.allSettled([
      staff.leads.markRealCustomer({ leadId: lead.id }),
      staff.leads.markRealCustomer({ leadId: lead.id }),
    ]);
    expect(clicks.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    expect(
      await reverseNotACustomerCredit(tenantScoped(db.prisma, tenantId), { tenantId, callSid }),
    ).toBeNull();
    await expect
      .poll(async () => (await ledgerOf(callSid))[0]?.meterStatus, { timeout: 30_000, interval: 250 })
      .toBe("sent");
    expect(await ledgerOf(callSid)).toMatchObject([{ outcome: "billable", creditReason: null }]);
    expect(meterEventsFor(callSid)).toHaveLength(1);
    const reversed = await db.prisma.leadEvent.findMany({
      where: { leadId: lead.id, type: "billing.credit_reversed" },
    });
    expect(reversed).toHaveLength(1);
    expect(reversed[0]!.data).toMatchObject({ callSid, outcome: "billable" });
    await stopJobs();
  });

  it("credits a repeat call from the same number within 24 hours as a duplicate", async () => {
    const from = "+15125554321";
    const first = await aiCall({ from, startedAt: new Date(Date.now() - 3 * 3_600_000) });
    const again = await aiCall({ from });
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid: first }, deps);
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid: again }, deps);
    expect((await ledgerOf(first))[0]?.outcome).toBe("billable");
    expect((await ledgerOf(again))[0]).toMatchObject({ outcome: "credited", creditReason: "duplicate" });
    expect(meterEventsFor(again)).toHaveLength(0);
  });

  it("records nothing for a call the AI did not handle, or one still in progress", async () => {
    const answered = await aiCall({ aiHandled: false });
    const live = await aiCall({ ended: false });
    expect(
      await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid: answered }, deps),
    ).toBeNull();
    expect(
      await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid: live }, deps),
    ).toBeNull();
    expect([...(await ledgerOf(answered)), ...(await ledgerOf(live))]).toEqual([]);
  });

  it("the sweep finds ended AI-handled calls without a ledger row and bills them once", async () => {
    const missed = await aiCall({ startedAt: new Date(Date.now() - 20 * 60_000) });
    const later = new Date(Date.now() + 60_000);
    expect((await callsMissingUsage(systemDb(db.prisma), later, later)).map((c) => c.callSid)).toContain(
      missed,
    );
    await startJobs(db, [usageJob, usageSweepJob], { pollingIntervalSeconds: 0.5 });
    await usageSweepJob.work({}, { sys: systemDb(db.prisma), now: () => new Date() });
    await usageSweepJob.work({}, { sys: systemDb(db.prisma), now: () => new Date() });
    await expect
      .poll(async () => (await ledgerOf(missed))[0]?.meterStatus, { timeout: 30_000, interval: 250 })
      .toBe("sent");
    expect(meterEventsFor(missed)).toHaveLength(1);
    expect((await callsMissingUsage(systemDb(db.prisma), later, later)).map((c) => c.callSid)).not.toContain(
      missed,
    );
    await stopJobs();
  });

  it("shows the ledger, the period's usage and the upcoming charge on the billing page", async () => {
    for (const input of [{}, {}, { inArea: false }, {}])
      await recordUsageForCall(
        tenantScoped(db.prisma, tenantId),
        { tenantId, callSid: await aiCall(input) },
        deps,
      );
    const caller = callerFor(db.prisma, ownerId, slug);
    const state = await caller.billing.state();
    // This period only: calls that ended before the subscription's period started are not in it.
    const billable = await db.prisma.usageLedgerEntry.count({
      where: { tenantId, outcome: "billable", occurredAt: { gte: state.currentPeriodStart! } },
    });
    expect(billable).toBeGreaterThan(0);
    expect(state.usage.billableCalls).toBe(billable);
    expect(state.usage.estimate).toMatchObject({
      base: 14900,
      usage: 400 * billable,
      total: 14900 + 400 * billable,
    });
    const page1 = await caller.billing.usageLedger({ limit: 3, period: "all" });
    const page2 = await caller.billing.usageLedger({ limit: 3, cursor: page1.nextCursor, period: "all" });
    expect(page1.items).toHaveLength(3);
    expect(page1.total).toBe(await db.prisma.usageLedgerEntry.count({ where: { tenantId } }));
    expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0]!.id);
    const credited = await caller.billing.usageLedger({ limit: 50, outcome: "credited", period: "all" });
    expect(credited.items.map((i) => i.reason)).toContain("Caller outside your service area");
  });
});
