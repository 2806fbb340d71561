// After a call's final status webhook: the missed-call text-back, or the booking
// confirmation and reminders when the AI booked the caller. Called once per call from
// server/calls/voice-flow.ts onCallStatus; never throws into the webhook.
import type { TenantDb } from "@/server/db/tenant-scope";
import { NOT_A_CUSTOMER } from "@/server/leads/close-reasons";
import { isOptedOut } from "./consent";
import { composeText } from "./compose-text";
import { createTrackedLink } from "./tracked-link";
import { windowStart } from "./dedupe-window";
import { getMessagingSettings } from "./messaging-settings";
import { nextSendTime } from "./quiet-hours";
import { queueAppointmentTexts } from "./queue-appointment-texts";
import { queueMessage, type Enqueue } from "./queue-message";
import { textBackDecision } from "./text-back-rules";

export type TextBackOutcome =
  { queued: true; messageId: string; sendAfter: Date } | { queued: false; reason: string };

/**
 * Claims this caller's text-back window with one conditional write: only the claim that moves
 * `lastTextBackAt` (or creates the row) may text, so three rings at once still mean one text.
 */
async function claimWindow(
  db: TenantDb,
  tenantId: string,
  phone: string,
  now: Date,
  windowHours: number,
): Promise<boolean> {
  const moved = await db.textBackWindow.updateMany({
    where: { tenantId, phone, lastTextBackAt: { lte: windowStart(now, windowHours) } },
    data: { lastTextBackAt: now },
  });
  if (moved.count === 1) return true;
  const created = await db.textBackWindow.createMany({
    data: [{ tenantId, phone, lastTextBackAt: now }],
    skipDuplicates: true,
  });
  return created.count === 1;
}

export async function queueTextBack(
  db: TenantDb,
  callId: string,
  opts: { now?: Date; enqueue?: Enqueue } = {},
): Promise<TextBackOutcome> {
  const now = opts.now ?? new Date();
  const call = await db.call.findUnique({
    where: { id: callId },
    include: { lead: true, tenant: { select: { name: true, timeZone: true } } },
  });
  if (!call?.lead) return { queued: false, reason: "no lead" };
  const { lead } = call;
  // A salesperson, a recording or a wrong number gets no text, whatever its status says.
  if (lead.closeReason === NOT_A_CUSTOMER) return { queued: false, reason: "not a customer" };
  const settings = await getMessagingSettings(db, call.tenantId);
  const decision = textBackDecision({
    status: lead.status,
    inArea: lead.inArea,
    appointmentAt: lead.appointmentAt,
    isTest: call.isTest,
    callerPhone: lead.callerPhone,
    settings,
  });
  const skipped = async (reason: string): Promise<TextBackOutcome> => {
    await db.leadEvent.create({
      data: { tenantId: call.tenantId, leadId: lead.id, type: "sms.text_back_skipped", data: { reason } },
    });
    return { queued: false, reason };
  };
  if (!decision.send) {
    // The call simply did not need one (answered, booked): nothing to explain on the timeline.
    return decision.reason.startsWith("the call ended as") || decision.reason === "the caller is booked"
      ? { queued: false, reason: decision.reason }
      : skipped(decision.reason);
  }
  if (await isOptedOut(db, call.tenantId, lead.callerPhone))
    return skipped("the caller opted out of texts (STOP)");
  if (!(await claimWindow(db, call.tenantId, lead.callerPhone, now, settings.windowHours)))
    return skipped(`already texted this caller in the last ${settings.windowHours} h`);
  const sendAfter = nextSendTime(now, call.tenant.timeZone, {
    startMinute: settings.quietStartMinute,
    endMinute: settings.quietEndMinute,
  });
  const link = settings.bookingUrl
    ? await createTrackedLink(db, {
        tenantId: call.tenantId,
        leadId: lead.id,
        target: settings.bookingUrl,
        now,
      })
    : null;
  const body = composeText({
    purpose: "text_back",
    settings,
    tenant: call.tenant,
    lead,
    from: call.toNumber,
    link,
  });
  const res = await queueMessage(db, {
    tenantId: call.tenantId,
    leadId: lead.id,
    purpose: "text_back",
    from: call.toNumber,
    to: lead.callerPhone,
    body,
    key: `text_back:${call.callSid}`,
    sendAfter,
    isTest: call.isTest,
    enqueue: opts.enqueue,
  });
  // The text itself shows in the lead's SMS thread (with its status), so no timeline event here.
  return { queued: true, messageId: res.id, sendAfter };
}

/** The hook in onCallStatus: text-back or appointment texts for an ended call. */
export async function queueTextsForEndedCall(
  db: TenantDb,
  callId: string,
  now?: Date,
  enqueue?: Enqueue,
): Promise<void> {
  try {
    const call = await db.call.findUnique({
      where: { id: callId },
      select: { leadId: true, lead: { select: { status: true } } },
    });
    if (!call?.leadId) return;
    if (call.lead?.status === "booked") await queueAppointmentTexts(db, call.leadId, { now, enqueue });
    else await queueTextBack(db, callId, { now, enqueue });
  } catch (err) {
    // The messaging sweep cannot rebuild a text-back decision, so say it loudly; the call itself is fine.
    console.error(`Text-back for call ${callId} failed:`, err);
  }
}
