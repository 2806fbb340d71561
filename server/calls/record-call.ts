// Recording a call and its lead exactly once per CallSid, whatever Twilio retries or delivers
// twice: inserts are ON CONFLICT DO NOTHING on the unique keys, then the row is read back.
import type { PromptProfile } from "@/server/db/generated/enums";
import type { TenantDb } from "@/server/db/tenant-scope";
import { insertLead } from "@/server/leads/create-lead";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { nextStepFor } from "./next-step";

/**
 * A burst (Twilio redelivering a webhook, many calls at once) queues the call flow's transactions
 * for a database connection. Waiting is fine inside the webhook's 12 s budget; giving up after
 * Prisma's default 2 s would spool a call that only had to wait.
 */
export const CALL_TRANSACTION = { maxWait: 8_000 } as const;

export type IncomingCall = {
  tenantId: string;
  callSid: string;
  from: string;
  to: string;
  isTest: boolean;
  promptProfile: PromptProfile;
};

/**
 * Creates the call and its lead (status `missed` until someone answers) in one transaction;
 * returns both. The lead goes through the leads module's writer: owned from its first moment by
 * the routing rule (recovered missed calls never go to a generic pool), checked against the
 * ownership rules, with its temperature and the `lead.created` webhook, and it carries the
 * missed-call next step, call back now, until the call says otherwise.
 * `answer` stores the first webhook's TwiML with the call, so a duplicate delivery replays it.
 * A first delivery costs one insert per row (RETURNING); a duplicate reads the rows instead.
 */
export async function recordIncomingCall(
  db: TenantDb,
  c: IncomingCall,
  now = new Date(),
  answer?: { key: string; twiml: string },
) {
  const written = await db.$transaction(async (tx) => {
    const { lead, webhookIds } = await insertLead(
      tx,
      { tenantId: c.tenantId, actorId: null, now },
      {
        callerPhone: c.from,
        status: "missed",
        source: "phone",
        sourceRef: c.callSid,
        isTest: c.isTest,
        ...nextStepFor("missed", { now }),
      },
      // The timeline starts with the call itself (call.received, below), not a lead.created line.
      { once: true, events: [] },
    );
    const [newCall] = await tx.call.createManyAndReturn({
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
    const call = newCall ?? (await tx.call.findUniqueOrThrow({ where: { callSid: c.callSid } }));
    if (newCall)
      await tx.leadEvent.create({
        data: {
          tenantId: c.tenantId,
          leadId: lead.id,
          type: "call.received",
          data: { from: c.from, to: c.to, callSid: c.callSid },
          createdAt: now,
        },
      });
    return { call, lead, firstDelivery: !!newCall, webhookIds };
  }, CALL_TRANSACTION);
  await enqueueWebhookDeliveries(written.webhookIds); // integrations: lead.created, recorded with the lead
  return { call: written.call, lead: written.lead, firstDelivery: written.firstDelivery };
}
