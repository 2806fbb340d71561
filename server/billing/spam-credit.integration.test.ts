// A lead the office closes as spam is not charged: its AI-handled call is credited in the usage
// ledger "like a test call", with the reason shown, once however often it is repeated; a meter
// event already sent is cancelled at Stripe (through the real SDK and the local Stripe fake).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeSetup, makeTenant, makeUser } from "@/prisma/factories";
import { env } from "@/server/env";
import { stripeClientFor, setStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { startStripeFake, type StripeFake } from "@/server/integrations/stripe-fake/server";
import { startJobs, stopJobs } from "@/server/jobs/runtime";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { tenantScoped } from "@/server/db/tenant-scope";
import { callerFor } from "@/server/test/caller";
import { creditSpamJob } from "./jobs";
import { AI_ANSWERED_EVENT, recordUsageForCall, type UsageDeps } from "./record-usage";
import { creditLeadMarkedSpam, MARKED_SPAM } from "./credit-spam-lead";
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

/** An ended, AI-handled call with a caller who gave everything: billable. */
async function billableCall() {
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const from = `+1512555${String(1000 + Math.floor(Math.random() * 8999))}`;
  const lead = await db.prisma.lead.create({
    data: {
      tenantId,
      callerPhone: from,
      status: "answered_by_ai",
      source: "phone",
      sourceRef: callSid,
      inArea: true,
      zip: "78701",
      callerName: "Robo Caller",
      issueSummary: "Extended warranty",
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
      startedAt: new Date(Date.now() - 120_000),
      endedAt: new Date(),
    },
  });
  await db.prisma.leadEvent.create({ data: { tenantId, leadId: lead.id, type: AI_ANSWERED_EVENT } });
  return { callSid, leadId: lead.id };
}

const ledgerOf = (callSid: string) =>
  db.prisma.usageLedgerEntry.findUniqueOrThrow({ where: { tenantId_callSid: { tenantId, callSid } } });

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
  const tenant = await makeTenant(db.prisma, { name: "Spam Credit Plumbing", ownerId: owner.id });
  await completeSetup(db.prisma, tenant.id, { subscription: null });
  await seedTrialSubscription(tenantScoped(db.prisma, tenant.id), tenant.id);
  tenantId = tenant.id;
  ownerId = owner.id;
  slug = tenant.slug;
  await startJobs(db, [creditSpamJob] as never, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs();
  setStripeHandle(undefined);
  await fake.close();
  await db.drop();
});

describe(`a lead marked as spam by the office (${engineName})`, () => {
  it("credits its already-charged call like a test call, cancels the meter event at Stripe, and the ledger says why", async () => {
    const { callSid, leadId } = await billableCall();
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    expect(await ledgerOf(callSid)).toMatchObject({ outcome: "billable", meterStatus: "sent" });
    expect(fake.state.meterEvents[callSid]?.cancelled).toBeFalsy();

    await callerFor(db.prisma, ownerId, slug).leads.close({ leadId, reason: "spam" });
    await expect
      .poll(async () => (await ledgerOf(callSid)).meterStatus, { timeout: 15_000, interval: 200 })
      .toBe("cancelled");
    const row = await ledgerOf(callSid);
    expect(row).toMatchObject({ outcome: "credited", creditReason: MARKED_SPAM, meterError: null });
    expect(row.creditedAt).toBeInstanceOf(Date);
    expect(fake.state.meterEvents[callSid]?.cancelled).toBe(true);
    const ledger = await callerFor(db.prisma, ownerId, slug).billing.usageLedger({ period: "all" });
    expect(ledger.items.find((i) => i.callSid === callSid)).toMatchObject({
      outcome: "credited",
      reason: "Marked as spam by your office — credited, not billed",
    });

    // Idempotent: repeating the credit changes nothing and sends no second cancellation.
    for (let i = 0; i < 3; i++)
      expect(
        await creditLeadMarkedSpam(tenantScoped(db.prisma, tenantId), { tenantId, leadId }, deps),
      ).toEqual({ credited: 0, cancelled: 0 });
    expect(await ledgerOf(callSid)).toEqual(row);
  });

  it("credits a call whose meter event was not sent yet, and the usage job then sends nothing", async () => {
    const { callSid, leadId } = await billableCall();
    const requests = fake.state.meterEventRequests;
    await db.prisma.usageLedgerEntry.create({
      data: {
        tenantId,
        callSid,
        leadId,
        outcome: "billable",
        meterStatus: "pending",
        occurredAt: new Date(),
      },
    });
    await db.prisma.lead.update({ where: { id: leadId }, data: { status: "closed", closeReason: "spam" } });
    expect(await creditLeadMarkedSpam(tenantScoped(db.prisma, tenantId), { tenantId, leadId }, deps)).toEqual(
      { credited: 1, cancelled: 0 },
    );
    expect(await ledgerOf(callSid)).toMatchObject({
      outcome: "credited",
      creditReason: MARKED_SPAM,
      meterStatus: "not_applicable",
    });
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    expect(fake.state.meterEventRequests).toBe(requests);
  });

  it("credits nothing for a lead closed for another reason", async () => {
    const { callSid, leadId } = await billableCall();
    await recordUsageForCall(tenantScoped(db.prisma, tenantId), { tenantId, callSid }, deps);
    await callerFor(db.prisma, ownerId, slug).leads.close({ leadId, reason: "duplicate" });
    expect(await creditLeadMarkedSpam(tenantScoped(db.prisma, tenantId), { tenantId, leadId }, deps)).toEqual(
      { credited: 0, cancelled: 0 },
    );
    expect(await ledgerOf(callSid)).toMatchObject({ outcome: "billable", meterStatus: "sent" });
  });
});
