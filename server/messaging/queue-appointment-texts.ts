// Appointment follow-up: a confirmation when the lead is booked, a reminder 24 hours
// and 2 hours before. Each is an outbox row keyed by the appointment time it is for, so a
// rebooked visit gets fresh texts and the old ones are dropped when they come due.
import type { TenantDb } from "@/server/db/tenant-scope";
import { isOptedOut } from "./consent";
import { composeText } from "./compose-text";
import { createTrackedLink } from "./tracked-link";
import { getMessagingSettings } from "./messaging-settings";
import { nextSendTime } from "./quiet-hours";
import { queueMessage, type Enqueue } from "./queue-message";
import type { TemplatePurpose } from "./render-template";

export type AppointmentPlan = { purpose: TemplatePurpose; sendAfter: Date }[];

/**
 * Which appointment texts to queue and when (pure): the confirmation now, the reminders at −24 h
 * and −2 h; each moved out of quiet hours, and dropped when that leaves no point in sending it.
 */
export function planAppointmentTexts(
  now: Date,
  appointmentAt: Date,
  timeZone: string,
  quiet: { startMinute: number; endMinute: number },
): AppointmentPlan {
  if (appointmentAt.getTime() <= now.getTime()) return [];
  const plan: AppointmentPlan = [];
  const confirm = nextSendTime(now, timeZone, quiet);
  if (confirm < appointmentAt) plan.push({ purpose: "confirmation", sendAfter: confirm });
  for (const [purpose, hours] of [
    ["reminder_24h", 24],
    ["reminder_2h", 2],
  ] as const) {
    const due = new Date(appointmentAt.getTime() - hours * 3_600_000);
    // A reminder whose moment already passed adds nothing to the confirmation just sent.
    if (due <= now) continue;
    const at = nextSendTime(due, timeZone, quiet);
    if (at.getTime() < appointmentAt.getTime() - 30 * 60_000) plan.push({ purpose, sendAfter: at });
  }
  return plan;
}

export async function queueAppointmentTexts(
  db: TenantDb,
  leadId: string,
  opts: { now?: Date; enqueue?: Enqueue } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const lead = await db.lead.findUnique({
    where: { id: leadId },
    include: {
      tenant: { select: { name: true, timeZone: true } },
      calls: { select: { toNumber: true }, orderBy: { startedAt: "desc" }, take: 1 },
    },
  });
  if (!lead || lead.status !== "booked" || !lead.appointmentAt) return 0;
  const settings = await getMessagingSettings(db, lead.tenantId);
  if (!settings.remindersEnabled || (lead.isTest && !settings.textTestCalls)) return 0;
  if (await isOptedOut(db, lead.tenantId, lead.callerPhone)) return 0;
  const from =
    lead.calls[0]?.toNumber ??
    (
      await db.trackingNumber.findFirst({
        where: { tenantId: lead.tenantId },
        orderBy: { createdAt: "asc" },
        select: { e164: true },
      })
    )?.e164;
  if (!from) return 0;
  const at = lead.appointmentAt.toISOString();
  const slots = await db.bookingSlot.findMany({
    select: { weekday: true, startMinute: true, endMinute: true },
  });
  let queued = 0;
  for (const step of planAppointmentTexts(now, lead.appointmentAt, lead.tenant.timeZone, {
    startMinute: settings.quietStartMinute,
    endMinute: settings.quietEndMinute,
  })) {
    const link =
      settings.bookingUrl && settings.templates[step.purpose].includes("{link}")
        ? await createTrackedLink(db, { tenantId: lead.tenantId, leadId, target: settings.bookingUrl, now })
        : null;
    const body = composeText({
      purpose: step.purpose,
      settings,
      tenant: lead.tenant,
      lead,
      slots,
      from,
      link,
    });
    const res = await queueMessage(db, {
      tenantId: lead.tenantId,
      leadId,
      purpose: step.purpose,
      from,
      to: lead.callerPhone,
      body,
      key: `${step.purpose}:${leadId}:${at}`,
      sendAfter: step.sendAfter,
      isTest: lead.isTest,
      enqueue: opts.enqueue,
    });
    if (res.created) queued += 1;
  }
  if (queued)
    await db.leadEvent.create({
      data: {
        tenantId: lead.tenantId,
        leadId,
        type: "sms.appointment_texts_queued",
        data: { appointmentAt: at, count: queued },
      },
    });
  return queued;
}
