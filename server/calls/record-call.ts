// Recording a call and its lead exactly once per CallSid, whatever Twilio retries or delivers
// twice: inserts are ON CONFLICT DO NOTHING on the unique keys, then the row is read back.
import type { PrismaClient } from "@/server/db/generated/client";
import type { PromptProfile } from "@/server/db/generated/enums";
import { routingTarget } from "@/server/leads/routing";
import { nextStepFor } from "./next-step";
import { emitCallLeadCreated } from "@/server/webhooks/call-events";

export async function findTenantByCalledNumber(prisma: PrismaClient, to: string) {
  const number = await prisma.trackingNumber.findUnique({ where: { e164: to.trim() }, include: { tenant: true } });
  return number?.tenant ?? null;
}

export type IncomingCall = { tenantId: string; callSid: string; from: string; to: string; isTest: boolean; promptProfile: PromptProfile };

/**
 * Creates the call and its lead (status `missed` until someone answers); returns both. The lead
 * is owned from its first moment (seed 001: recovered missed calls never go to a generic pool)
 * and carries the missed-call next step, call back now, until the call says otherwise.
 * `answer` stores the first webhook's TwiML with the call, so a duplicate delivery replays it.
 * A first delivery costs one insert per row (RETURNING); a duplicate reads the rows instead.
 */
export async function recordIncomingCall(prisma: PrismaClient, c: IncomingCall, now = new Date(), answer?: { key: string; twiml: string }) {
  const ownerId = await routingTarget(prisma, c.tenantId, "standard");
  const step = nextStepFor("missed", { now });
  const [newLead] = await prisma.lead.createManyAndReturn({
    data: [{ tenantId: c.tenantId, callerPhone: c.from, status: "missed", source: "phone", sourceRef: c.callSid, isTest: c.isTest, ownerId, ...step, lastActivityAt: now }],
    skipDuplicates: true,
  });
  const lead = newLead ?? (await prisma.lead.findUniqueOrThrow({ where: { tenantId_sourceRef: { tenantId: c.tenantId, sourceRef: c.callSid } } }));
  const [newCall] = await prisma.call.createManyAndReturn({
    data: [
      {
        tenantId: c.tenantId,
        leadId: lead.id,
        callSid: c.callSid,
        fromNumber: c.from,
        toNumber: c.to,
        stage: "ringing",
        isTest: c.isTest,
        promptProfile: c.promptProfile,
        ...(answer ? { lastTwimlKey: answer.key, lastTwiml: answer.twiml } : {}),
      },
    ],
    skipDuplicates: true,
  });
  const call = newCall ?? (await prisma.call.findUniqueOrThrow({ where: { callSid: c.callSid } }));
  if (newCall) {
    await prisma.leadEvent.create({ data: { tenantId: c.tenantId, leadId: lead.id, type: "call.received", data: { from: c.from, to: c.to, callSid: c.callSid } } });
    if (newLead) await emitCallLeadCreated(prisma, lead); // integrations: lead.created webhook (never throws)
  }
  return { call, lead, firstDelivery: !!newCall };
}
