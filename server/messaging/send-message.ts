// Sends one queued SMS through the real `twilio` SDK (api.twilio.com, or the local fake in local
// mode). Consent is checked here, right before the request — not only when the text was queued —
// and a reminder whose appointment moved or was cancelled is dropped. Twilio's answer (queued,
// or an error code) is stored; delivery status callbacks move the row on from there.
import type { TenantDb } from "@/server/db/tenant-scope";
import type { TwilioClient } from "@/server/integrations/twilio-client";
import { needsConsent, isOptedOut } from "./consent";

export const MAX_SEND_ATTEMPTS = 5;

export type SendDeps = { twilio: () => Promise<TwilioClient>; statusCallbackUrl: string; now?: () => Date };

export type SendResult = "sent" | "retry" | "failed" | "canceled" | "skipped" | "not_due";

const APPOINTMENT_PURPOSES = ["confirmation", "reminder_24h", "reminder_2h"];

/** Twilio's message status → ours (forward-only ranks live in apply-status-callback.ts). */
export function messageStatusOf(
  twilioStatus: string | null | undefined,
): "queued" | "sent" | "delivered" | "undelivered" | "failed" | null {
  switch (twilioStatus) {
    case "accepted":
    case "scheduled":
    case "queued":
    case "sending":
      return "queued";
    case "sent":
      return "sent";
    case "delivered":
    case "read":
      return "delivered";
    case "undelivered":
      return "undelivered";
    case "failed":
    case "canceled":
      return "failed";
    default:
      return null;
  }
}

/** Why an appointment text no longer applies, or null. The key ends with the appointment it was queued for. */
async function staleAppointment(
  db: TenantDb,
  msg: { leadId: string | null; key: string | null; tenantId: string },
): Promise<string | null> {
  if (!msg.leadId) return "the lead is gone";
  const lead = await db.lead.findFirst({
    where: { id: msg.leadId, tenantId: msg.tenantId },
    select: { status: true, appointmentAt: true },
  });
  if (!lead || lead.status !== "booked" || !lead.appointmentAt) return "the lead is no longer booked";
  const queuedFor = msg.key?.split(":").slice(2).join(":");
  if (queuedFor && queuedFor !== lead.appointmentAt.toISOString()) return "the appointment time changed";
  return null;
}

async function cancel(db: TenantDb, id: string, why: string): Promise<SendResult> {
  await db.message.update({ where: { id }, data: { status: "canceled", errorMessage: `Not sent: ${why}.` } });
  return "canceled";
}

export async function sendMessage(db: TenantDb, id: string, deps: SendDeps): Promise<SendResult> {
  const now = deps.now?.() ?? new Date();
  // Claim one attempt: only a pending, due row is sent, so a sent one is never sent again.
  const claimed = await db.message.updateMany({
    where: { id, status: "pending", direction: "outbound", sendAfter: { lte: now } },
    data: { status: "sending", attempts: { increment: 1 } },
  });
  if (claimed.count === 0) {
    const row = await db.message.findUnique({ where: { id }, select: { status: true } });
    return row?.status === "pending" ? "not_due" : "skipped";
  }
  const msg = await db.message.findUniqueOrThrow({ where: { id } });
  if (needsConsent(msg.purpose) && (await isOptedOut(db, msg.tenantId, msg.toNumber)))
    return cancel(db, id, "the caller opted out (STOP)");
  if (msg.purpose === "followup") {
    // A follow-up held for quiet hours is dropped if its sequence stopped or changed meanwhile.
    const draft = msg.key
      ? await db.followUpDraft.findFirst({
          where: { id: msg.key.slice("followup:".length) },
          select: { enrollmentId: true, generation: true },
        })
      : null;
    const enrollment = draft
      ? await db.followUpEnrollment.findFirst({
          where: { id: draft.enrollmentId },
          select: { generation: true, status: true, stopReason: true },
        })
      : null;
    if (!enrollment || enrollment.generation !== draft?.generation || enrollment.status === "stopped")
      return cancel(db, id, "the follow-up sequence stopped or changed");
  }
  if (APPOINTMENT_PURPOSES.includes(msg.purpose)) {
    const stale = await staleAppointment(db, msg);
    if (stale) return cancel(db, id, stale);
  }
  try {
    const client = await deps.twilio();
    const res = await client.messages.create({
      to: msg.toNumber,
      from: msg.fromNumber,
      body: msg.body,
      statusCallback: deps.statusCallbackUrl,
    });
    await db.message.update({
      where: { id },
      data: {
        twilioSid: res.sid,
        status: messageStatusOf(res.status) ?? "queued",
        sentAt: now,
        errorCode: res.errorCode ? String(res.errorCode) : null,
        errorMessage: res.errorMessage ?? null,
      },
    });
    return "sent";
  } catch (err) {
    const e = err as { status?: number; code?: number; message?: string };
    const message = (e.message ?? String(err)).slice(0, 400);
    // Twilio refused the message itself (bad number, unsubscribed, not a mobile): final.
    const refused = typeof e.status === "number" && e.status >= 400 && e.status < 500 && e.status !== 429;
    const final = refused || msg.attempts >= MAX_SEND_ATTEMPTS;
    await db.message.update({
      where: { id },
      data: {
        status: final ? "failed" : "pending",
        errorCode: e.code ? String(e.code) : null,
        errorMessage: final ? message : `Attempt ${msg.attempts} failed: ${message}`,
      },
    });
    return final ? "failed" : "retry";
  }
}
