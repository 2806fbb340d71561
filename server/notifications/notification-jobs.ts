// The outbox's pg-boss job: delivers one notification, retried with backoff while delivery fails.
import { env } from "@/server/env";
import { forTenant } from "@/server/db/system";
import { defineJob } from "@/server/jobs/define-job";
import { deliverNotification, MAX_ATTEMPTS } from "./deliver-notification";
import { NOTIFICATION_SEND_JOB } from "./outbox";
import { sendStaffSms } from "@/server/messaging/send-staff-sms";

/** Seconds before the first retry (scaled for tests by ESCALATION_TIME_SCALE; backoff doubles it). */
export const RETRY_DELAY_SECONDS = Math.max(1, Math.round(30 * Math.min(1, env.ESCALATION_TIME_SCALE)));

export const notificationSendJob = defineJob<{ id: string }>({
  name: NOTIFICATION_SEND_JOB,
  queue: {
    policy: "short",
    retryLimit: MAX_ATTEMPTS - 1,
    retryDelay: RETRY_DELAY_SECONDS,
    retryBackoff: true,
    retryDelayMax: 3600,
  },
  batchSize: 5,
  async work({ id }, ctx) {
    const result = await deliverNotification(ctx.sys, id, {
      smtpUrl: env.SMTP_URL,
      from: env.EMAIL_FROM,
      now: ctx.now,
      sendSms: (m) => sendStaffSms(forTenant(ctx.sys, m.tenantId), m),
    });
    // Throwing hands the job back to pg-boss, which retries it after the delay.
    if (result === "retry") throw new Error(`Notification ${id} not delivered yet; retrying.`);
  },
});
