// An inbound text (POST /api/twilio/sms), after the signature check. The called number finds the
// tenant; each MessageSid is recorded once, so Twilio's retries change nothing. Consent keywords
// act at once (opt-out requests are handled immediately); anything else joins the
// caller's open lead — or starts one with source `sms`, routed like every new lead. A reply to an
// open lead changes it through the leads writer: a "reschedule" / "cancel" about a booked visit
// cancels it, as the office would, with a task to rebook; any other reply moves the lead up the queue.
import type { Prisma } from "@/server/db/generated/client";
import { findTenantByCalledNumber } from "@/server/db/cross-tenant";
import { forTenant, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { createLead } from "@/server/leads/create-lead";
import { recordConsent } from "./consent";
import { getMessagingSettings } from "./messaging-settings";
import { parseAppointmentReply, parseConsentKeyword, type AppointmentReply } from "./parse-keyword";
import { queueMessage, type Enqueue } from "./queue-message";
import { emitWebhookEvent, enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { emitConsentChanged } from "@/server/webhooks/consent-events";
import { onCallerOptedOut, onCallerReply, withCallerReply } from "@/server/followups/approval-queue";
import { cutText } from "@/server/text/cut-text";
import {
  REBOOK_ACTION,
  retryOnConflict,
  writeLeadChange,
  type LeadEventInput,
} from "@/server/leads/apply-lead-change";

export const KEYWORD_REPLIES = {
  optOut: (business: string) =>
    `${business}: you're unsubscribed and will not get more texts from us. Reply START to resubscribe.`,
  optIn: (business: string) => `${business}: you're subscribed again. Reply STOP to opt out.`,
  help: (business: string, phone: string) => `${business}: for help call ${phone}. Reply STOP to opt out.`,
};

export type InboundResult =
  | { kind: "unknown_number" }
  | { kind: "duplicate" }
  | { kind: "opt_out" | "opt_in" | "help"; messageId: string }
  | {
      kind: "message";
      messageId: string;
      leadId: string;
      createdLead: boolean;
      appointmentReply: AppointmentReply | null;
    };

/**
 * A caller's "reschedule" / "cancel" about their booked visit changes the lead as the office's own
 * cancel does, through the leads writer: follow-up needed, the visit cleared with its timeline
 * line, and the writer's next action and due time for a cancelled visit. A task of the request's
 * kind gives that next action to the lead's owner. False (nothing written) when the lead is no
 * longer booked by the time the text is read (read again if it changed during the write).
 */
async function changeVisitByText(
  db: TenantDb,
  text: {
    tenantId: string;
    leadId: string;
    request: AppointmentReply;
    received: LeadEventInput;
    now: Date;
    enqueue?: Enqueue;
  },
): Promise<boolean> {
  const { tenantId, leadId, request, now } = text;
  const kind = request === "reschedule" ? "reschedule" : "cancellation";
  const written = await retryOnConflict(() =>
    db.$transaction(async (tx) => {
      const lead = await tx.lead.findFirst({ where: { id: leadId } });
      if (lead?.status !== "booked") return null;
      const change = await writeLeadChange(
        tx,
        { tenantId, actorId: null, now, onRefusal: "flag" },
        lead,
        // The request is a reply too: recorded in the same change (the sequence stops, the temperature follows).
        withCallerReply(
          lead,
          {
            patch: { status: "followup_needed" },
            events: [
              text.received,
              {
                type: "sms.appointment_change",
                data: {
                  request,
                  from: "booked",
                  to: "followup_needed",
                  appointmentAt: lead.appointmentAt?.toISOString() ?? null,
                },
              },
            ],
          },
          now,
        ),
      );
      const { ownerId } = change.fresh;
      const title = change.fresh.nextAction ?? REBOOK_ACTION;
      const dueAt = change.fresh.dueAt ?? now;
      await tx.task.create({ data: { tenantId, leadId, kind, title, dueAt, assigneeId: ownerId } });
      await tx.leadEvent.create({
        data: {
          tenantId,
          leadId,
          type: "task.created",
          data: { kind, title, dueAt: dueAt.toISOString(), assigneeId: ownerId },
          // After the change's own lines.
          createdAt: new Date(now.getTime() + 10),
        },
      });
      return change;
    }),
  );
  if (!written) return false;
  await enqueueWebhookDeliveries(written.webhookIds, text.enqueue);
  return true;
}

/**
 * The caller's open lead a text belongs to: never a test call's lead (the simulator's caller
 * numbers can be a real customer's, and a customer's reply filed on a test lead is lost to the office).
 */
async function openLeadOf(db: TenantDb, tenantId: string, phone: string) {
  return db.lead.findFirst({
    where: { tenantId, callerPhone: phone, status: { not: "closed" }, isTest: false },
    orderBy: { createdAt: "desc" },
  });
}

export async function handleInboundSms(
  sys: SystemDb,
  form: TwilioForm,
  opts: { now?: Date; enqueue?: Enqueue } = {},
): Promise<InboundResult> {
  const now = opts.now ?? new Date();
  const from = form.From!.trim();
  const to = form.To!.trim();
  // Twilio's limit for one text, in characters (code points: an emoji is never cut in half).
  const body = cutText(form.Body ?? "", 1600);
  const tenant = await findTenantByCalledNumber(sys, to);
  if (!tenant) {
    console.warn(`Inbound SMS ${form.MessageSid} to ${to}: no business has this number; ignored.`);
    return { kind: "unknown_number" };
  }
  const tenantId = tenant.id;
  const db = forTenant(sys, tenantId);
  const lead = await openLeadOf(db, tenantId, from);
  const { count } = await db.message.createMany({
    data: [
      {
        tenantId,
        leadId: lead?.id ?? null,
        direction: "inbound",
        purpose: "inbound",
        fromNumber: from,
        toNumber: to,
        body,
        status: "received",
        twilioSid: form.MessageSid!,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return { kind: "duplicate" };
  const inbound = await db.message.findUniqueOrThrow({
    where: { twilioSid: form.MessageSid! },
    select: { id: true },
  });
  const event = async (leadId: string | undefined, type: string, data: Record<string, unknown>) => {
    if (leadId)
      await db.leadEvent.create({
        data: { tenantId, leadId, type, data: data as Prisma.InputJsonValue, createdAt: now },
      });
  };
  const reply = (purpose: string, text: string) =>
    queueMessage(db, {
      tenantId,
      leadId: lead?.id ?? null,
      purpose,
      from: to,
      to: from,
      body: text,
      key: `${purpose}:${form.MessageSid}`,
      enqueue: opts.enqueue,
    });

  const keyword = parseConsentKeyword(body);
  if (keyword === "stop") {
    await recordConsent(db, {
      tenantId,
      phone: from,
      optedOut: true,
      source: "sms_keyword",
      detail: cutText(body.trim(), 40),
      at: now,
    });
    await emitConsentChanged(db, {
      tenantId,
      leadId: lead?.id ?? null,
      phone: from,
      optedOut: true,
      source: "sms_keyword",
      at: now,
    }); // integrations
    // Nothing queued for this number goes out any more (the send job checks again anyway).
    await db.message.updateMany({
      where: { tenantId, toNumber: from, direction: "outbound", status: "pending" },
      data: { status: "canceled", errorMessage: "Not sent: the caller opted out (STOP)." },
    });
    await event(lead?.id, "sms.opted_out", { keyword: cutText(body.trim(), 40) });
    if (lead) await onCallerOptedOut(db, tenantId, lead.id, now); // follow-ups stop: "the caller opted out"
    await reply("opt_out", KEYWORD_REPLIES.optOut(tenant.name));
    return { kind: "opt_out", messageId: inbound.id };
  }
  if (keyword === "start") {
    await recordConsent(db, {
      tenantId,
      phone: from,
      optedOut: false,
      source: "sms_keyword",
      detail: cutText(body.trim(), 40),
      at: now,
    });
    await emitConsentChanged(db, {
      tenantId,
      leadId: lead?.id ?? null,
      phone: from,
      optedOut: false,
      source: "sms_keyword",
      at: now,
    }); // integrations
    await event(lead?.id, "sms.opted_in", { keyword: cutText(body.trim(), 40) });
    await reply("opt_in", KEYWORD_REPLIES.optIn(tenant.name));
    return { kind: "opt_in", messageId: inbound.id };
  }
  if (keyword === "help") {
    const settings = await getMessagingSettings(db, tenantId);
    await reply("help", KEYWORD_REPLIES.help(tenant.name, settings.contactPhone ?? to));
    return { kind: "help", messageId: inbound.id };
  }

  let target = lead;
  let createdLead = false;
  if (!target) {
    target = await createLead(
      { db, tenantId, actorId: null, now },
      {
        callerPhone: from,
        source: "sms",
        sourceRef: form.MessageSid!,
        status: "followup_needed",
        notes: `First text: ${cutText(body, 500)}`,
      },
    );
    createdLead = true;
    await db.message.update({ where: { id: inbound.id }, data: { leadId: target.id } });
  }
  await emitWebhookEvent(db, {
    tenantId,
    type: "sms.received",
    leadId: target.id,
    extra: { message: { id: inbound.id, from, to, body, receivedAt: now.toISOString() } },
    now,
  }); // integrations
  const received = { type: "sms.received", data: { messageId: inbound.id, body: cutText(body, 500) } };
  const appointmentReply = target.status === "booked" ? parseAppointmentReply(body) : null;
  const visitChanged =
    !!appointmentReply &&
    (await changeVisitByText(db, {
      tenantId,
      leadId: target.id,
      request: appointmentReply,
      received,
      now,
      enqueue: opts.enqueue,
    }));
  // Any other reply to an open lead changes it through the leads writer too, with the text's
  // timeline line: the sequence stops and the lead moves up the queue (a booked lead keeps its visit).
  const replied =
    visitChanged ||
    (!createdLead &&
      (await onCallerReply(db, tenantId, target.id, now, { received, enqueue: opts.enqueue })));
  // A new lead (or one closed meanwhile) still gets the text on its timeline.
  if (!replied) await event(target.id, received.type, received.data);
  return { kind: "message", messageId: inbound.id, leadId: target.id, createdLead, appointmentReply };
}
