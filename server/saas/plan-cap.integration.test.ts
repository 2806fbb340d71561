// SaaS mode, usage against the agency plan: the cap stops the AI (the plumber's phone still rings
// first, the missed caller still gets the text-back and a lead), a call the AI is already on is
// never dropped, credited calls never count, the 80 % / 100 % alerts go out once, and the owner's
// billing state shows the agency's plan without LeadRescue's wholesale price.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "@/prisma/factories";
import { env } from "@/server/env";
import { setTwilioHandle, twilioClientFor } from "@/server/integrations/twilio-client";
import { startTwilioFake, type TwilioFake } from "@/server/integrations/twilio-fake/server";
import { messageSendJob } from "@/server/messaging/jobs";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { dialedNumber, TwilioCall } from "@/server/test/webhook-test-kit";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { serviceGate } from "@/server/billing/service-gate";
import { changeBusinessPlan } from "./business-plans";
import { createPlan } from "./plans";
import { checkUsageAlerts } from "./usage-alerts";
import { WHOLESALE } from "./wholesale";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let agencyId: string;
let operatorId: string;
let twilioFake: TwilioFake;

/** A usage ledger row as the usage job leaves it for an ended AI call. */
const usageRow = (tenantId: string, outcome: "billable" | "credited", occurredAt = new Date()) =>
  prisma.usageLedgerEntry.create({
    data: {
      tenantId,
      callSid: `CA${randomBytes(16).toString("hex")}`,
      outcome,
      creditReason: outcome === "credited" ? "spam" : null,
      meterStatus: "skipped",
      occurredAt,
    },
  });

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  const agency = await prisma.agency.create({
    data: { name: "Capped Agency", slug: `capped-${randomBytes(3).toString("hex")}` },
  });
  agencyId = agency.id;
  const operator = await makeUser(prisma, { name: "Opal Operator" });
  operatorId = operator.id;
  await prisma.agencyMember.create({ data: { agencyId, userId: operator.id } });
  biz = await makeTestBusiness(prisma, { name: "Capped Plumbing" });
  await prisma.tenant.update({ where: { id: biz.tenant.id }, data: { agencyId } });
  const plan = await createPlan(
    systemDb(prisma),
    { agencyId, actorId: operator.id },
    {
      name: "Starter",
      monthlyPriceCents: 19900,
      includedCalls: 5,
      includedTexts: 100,
      overageCallCents: 500,
      overageTextCents: 10,
      trialDays: 14,
    },
  );
  await changeBusinessPlan(
    systemDb(prisma),
    { agencyId, actorId: operator.id },
    { tenantId: biz.tenant.id, planId: plan.id, overagePolicy: "stop_ai" },
  );
});
afterAll(async () => {
  setTwilioHandle(undefined);
  await twilioFake?.close();
  await db.drop();
});

describe(`agency plan cap (${engineName})`, () => {
  it("credited calls never count against the plan, and the gate stays open below the included calls", async () => {
    for (let i = 0; i < 4; i++) await usageRow(biz.tenant.id, "billable");
    for (let i = 0; i < 6; i++) await usageRow(biz.tenant.id, "credited");
    // Last month's calls belong to last month.
    for (let i = 0; i < 3; i++)
      await usageRow(biz.tenant.id, "billable", new Date(Date.now() - 40 * 86_400_000));
    expect((await serviceGate(tenantScoped(prisma, biz.tenant.id), biz.tenant.id)).open).toBe(true);
  });

  it("alerts the owner and the operator once at 80 %, and again once at 100 %", async () => {
    const db1 = tenantScoped(prisma, biz.tenant.id);
    const enqueue = async () => null;
    expect(await checkUsageAlerts(db1, biz.tenant.id, new Date(), enqueue)).toBe(4); // 80 %: owner + operator × in-app + email
    expect(await checkUsageAlerts(db1, biz.tenant.id, new Date(), enqueue)).toBe(0);
    const eighty = await prisma.notification.findMany({
      where: { tenantId: biz.tenant.id, purpose: "plan.usage_80" },
    });
    expect(new Set(eighty.map((n) => n.userId))).toEqual(new Set([biz.ownerId, operatorId]));
    expect(eighty[0]!.body).toContain("80 % of the 5 AI-handled calls included in the Starter plan");
    await usageRow(biz.tenant.id, "billable");
    expect(await checkUsageAlerts(db1, biz.tenant.id, new Date(), enqueue)).toBe(4);
    expect(
      await prisma.notification.count({ where: { tenantId: biz.tenant.id, purpose: "plan.usage_100" } }),
    ).toBe(4);
  });

  it("The cap stops the AI and the plumber's phone still rings: the missed caller gets the text-back and a lead", async () => {
    const gate = await serviceGate(tenantScoped(prisma, biz.tenant.id), biz.tenant.id);
    expect(gate.open).toBe(false);
    expect(gate.reasons.join(" ")).toContain("5 AI-handled calls on the Starter plan are used up");
    const call = new TwilioCall(biz.trackingNumber, "+15125553311");
    const first = await call.incoming();
    expect(dialedNumber(first)).toBe("+15125550101"); // the plumber's phone rings first
    const handoff = await call.dialEnded("no-answer");
    expect(handoff).not.toContain("<Gather"); // the AI does not answer
    expect(handoff).toContain("<Hangup/>");
    await call.ended("completed");
    const lead = await prisma.lead.findFirstOrThrow({
      where: { tenantId: biz.tenant.id, sourceRef: call.callSid },
    });
    expect(lead.status).toBe("missed");
    expect(await prisma.leadEvent.count({ where: { leadId: lead.id, type: "call.ai_blocked" } })).toBe(1);
    const texts = await prisma.message.findMany({
      where: { tenantId: biz.tenant.id, toNumber: "+15125553311", direction: "outbound" },
    });
    expect(texts.map((t) => t.purpose)).toEqual(["text_back"]);
  });

  it("never drops a caller mid-call: a call the AI already answered goes on when the cap is reached during it", async () => {
    // Back under the cap (the operator switched to billing extra calls) so the AI takes the call…
    await prisma.tenant.update({ where: { id: biz.tenant.id }, data: { overagePolicy: "bill" } });
    const call = new TwilioCall(biz.trackingNumber, "+15125553312");
    await call.incoming();
    expect(await call.dialEnded("no-answer")).toContain("<Gather");
    // …then the cap applies again while the caller is talking to the AI.
    await prisma.tenant.update({ where: { id: biz.tenant.id }, data: { overagePolicy: "stop_ai" } });
    const next = await call.say("78701");
    expect(next).toContain("<Gather");
    expect(next).not.toContain("<Hangup/>");
  });

  it("the owner sees the agency's plan and usage, never LeadRescue's wholesale price", async () => {
    const state = await callerFor(prisma, biz.ownerId, biz.tenant.slug).billing.state();
    expect(state.agencyPlan).toMatchObject({
      name: "Starter",
      monthlyPriceCents: 19900,
      includedCalls: 5,
      overagePolicy: "stop_ai",
      capReached: true,
    });
    expect(state.agencyPlan!.usage.calls).toBe(5);
    expect(state.offer).toBeNull();
    const json = JSON.stringify(state);
    expect(json).not.toMatch(/wholesale/i);
    for (const cents of [WHOLESALE.monthlyCents, WHOLESALE.perCallCents])
      expect(json).not.toContain(`:${cents},`);
  });

  it("alerts at 80 % and 100 % of the included texts when the usage comes from texts alone", async () => {
    twilioFake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
    setTwilioHandle({ client: twilioClientFor(twilioFake.url), mode: "local", fake: twilioFake });
    const texter = await makeTestBusiness(prisma, { name: "Texting Plumbing" });
    await prisma.tenant.update({ where: { id: texter.tenant.id }, data: { agencyId } });
    const plan = await createPlan(
      systemDb(prisma),
      { agencyId, actorId: operatorId },
      {
        name: "Texts Five",
        monthlyPriceCents: 9900,
        includedCalls: 100,
        includedTexts: 5,
        overageCallCents: 500,
        overageTextCents: 10,
        trialDays: 14,
      },
    );
    await changeBusinessPlan(
      systemDb(prisma),
      { agencyId, actorId: operatorId },
      { tenantId: texter.tenant.id, planId: plan.id, overagePolicy: "bill" },
    );
    /** One text to a caller, sent the way the app sends every text (the send job). */
    const sendText = async (n: number) => {
      const msg = await prisma.message.create({
        data: {
          tenantId: texter.tenant.id,
          direction: "outbound",
          purpose: "text_back",
          fromNumber: texter.trackingNumber,
          toNumber: `+1512555${String(4100 + n)}`,
          body: "Sorry we missed your call. Reply here and we'll get right back to you.",
          status: "pending",
        },
      });
      await messageSendJob.work(
        { id: msg.id, tenantId: texter.tenant.id },
        { sys: systemDb(prisma), now: () => new Date() },
      );
      expect((await prisma.message.findUniqueOrThrow({ where: { id: msg.id } })).sentAt).not.toBeNull();
    };
    const alerts = (purpose: string) =>
      prisma.notification.findMany({ where: { tenantId: texter.tenant.id, purpose } });
    for (let i = 0; i < 3; i++) await sendText(i);
    expect(await alerts("plan.usage_80")).toEqual([]);
    await sendText(3); // 4 of 5: 80 %
    const eighty = await alerts("plan.usage_80");
    expect(new Set(eighty.map((n) => n.userId))).toEqual(new Set([texter.ownerId, operatorId]));
    expect(eighty.map((n) => n.channel).sort()).toEqual(["email", "email", "in_app", "in_app"]);
    expect(eighty[0]!.body).toContain("80 % of the 5 texts included in the Texts Five plan");
    await sendText(4); // 5 of 5: 100 %
    const hundred = await alerts("plan.usage_100");
    expect(hundred).toHaveLength(4);
    expect(hundred[0]!.body).toContain(
      "Texts to callers keep going out; extra texts are billed at the plan's price.",
    );
    await sendText(5); // past 100 %: no second alert
    expect(await alerts("plan.usage_80")).toHaveLength(4);
    expect(await alerts("plan.usage_100")).toHaveLength(4);
    // No call was involved.
    expect(await prisma.usageLedgerEntry.count({ where: { tenantId: texter.tenant.id } })).toBe(0);
  });
});
