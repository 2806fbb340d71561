// Messaging's background jobs (pg-boss on the app's database):
//   messaging.send   one outbox SMS → Twilio, at its time, retried with backoff while Twilio is unreachable
//   messaging.sweep  every minute: due messages whose job was lost → messaging.send; recently booked
//                    leads → their confirmation and reminders (bookings made by staff land here)
import { recentlyBookedLeads, staleDueMessages } from "@/server/db/cross-tenant";
import { forTenant } from "@/server/db/system";
import { defineJob } from "@/server/jobs/define-job";
import { sendJob } from "@/server/jobs/runtime";
import { getTwilioClient } from "@/server/integrations/twilio-client";
import { publicUrl } from "@/server/integrations/twilio-webhook";
import { checkUsageAlerts } from "@/server/saas/usage-alerts";
import { queueAppointmentTexts } from "./queue-appointment-texts";
import { MESSAGE_SEND_JOB } from "./queue-message";
import { MAX_SEND_ATTEMPTS, sendMessage } from "./send-message";

export const MESSAGE_SWEEP_JOB = "messaging.sweep";
export const SMS_STATUS_PATH = "/api/twilio/sms/status";

export const messageSendJob = defineJob<{ id: string; tenantId?: string }>({
  name: MESSAGE_SEND_JOB,
  queue: {
    policy: "short",
    retryLimit: MAX_SEND_ATTEMPTS - 1,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 900,
  },
  batchSize: 5,
  async work({ id, tenantId }, ctx) {
    // Jobs name the message's tenant. A job queued before they did is dropped: its message is still
    // pending, so the sweep below queues it again, with its tenant, within a minute or two.
    if (!tenantId) return;
    const db = forTenant(ctx.sys, tenantId);
    const result = await sendMessage(db, id, {
      twilio: getTwilioClient,
      statusCallbackUrl: publicUrl(SMS_STATUS_PATH),
      now: ctx.now,
    });
    // Throwing hands the job back to pg-boss, which retries it after the delay.
    if (result === "retry") throw new Error(`Message ${id} not sent yet; retrying.`);
    // SaaS mode: a text sent counts against the agency plan's included texts (alerts at 80 % / 100 %).
    if (result === "sent") await checkUsageAlerts(db, tenantId, ctx.now());
  },
});

export const messageSweepJob = defineJob<object>({
  name: MESSAGE_SWEEP_JOB,
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1 },
  async work(_data, ctx) {
    const now = ctx.now();
    const lost = await staleDueMessages(ctx.sys, now);
    for (const m of lost)
      await sendJob(MESSAGE_SEND_JOB, { id: m.id, tenantId: m.tenantId }, { singletonKey: m.id });
    for (const lead of await recentlyBookedLeads(ctx.sys, now))
      await queueAppointmentTexts(forTenant(ctx.sys, lead.tenantId), lead.id, { now });
  },
});

export const MESSAGING_JOBS = [messageSendJob, messageSweepJob];
