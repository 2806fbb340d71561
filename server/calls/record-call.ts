// Recording a call and its lead exactly once per CallSid, whatever Twilio retries or delivers
// twice: inserts are ON CONFLICT DO NOTHING on the unique keys, then the row is read back.
import type { PrismaClient } from "@/server/db/generated/client";
import type { PromptProfile } from "@/server/db/generated/enums";

export async function findTenantByCalledNumber(prisma: PrismaClient, to: string) {
  const number = await prisma.trackingNumber.findUnique({ where: { e164: to.trim() }, include: { tenant: true } });
  return number?.tenant ?? null;
}

export type IncomingCall = { tenantId: string; callSid: string; from: string; to: string; isTest: boolean; promptProfile: PromptProfile };

/** Creates the call and its lead (status `missed` until someone answers); returns both. */
export async function recordIncomingCall(prisma: PrismaClient, c: IncomingCall) {
  await prisma.lead.createMany({
    data: [{ tenantId: c.tenantId, callerPhone: c.from, status: "missed", source: "phone", sourceRef: c.callSid, isTest: c.isTest }],
    skipDuplicates: true,
  });
  const lead = await prisma.lead.findUniqueOrThrow({ where: { tenantId_sourceRef: { tenantId: c.tenantId, sourceRef: c.callSid } } });
  const inserted = await prisma.call.createMany({
    data: [{ tenantId: c.tenantId, leadId: lead.id, callSid: c.callSid, fromNumber: c.from, toNumber: c.to, stage: "ringing", isTest: c.isTest, promptProfile: c.promptProfile }],
    skipDuplicates: true,
  });
  const call = await prisma.call.findUniqueOrThrow({ where: { callSid: c.callSid } });
  if (inserted.count === 1) {
    await prisma.leadEvent.create({ data: { tenantId: c.tenantId, leadId: lead.id, type: "call.received", data: { from: c.from, to: c.to, callSid: c.callSid } } });
  }
  return { call, lead, firstDelivery: inserted.count === 1 };
}
