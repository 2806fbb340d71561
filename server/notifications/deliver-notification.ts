// Delivers one queued notification: in_app is simply marked sent; email goes through SMTP when
// configured; SMS goes through the messaging sender when the job passes one (`sendSms`). Without a
// provider the message is recorded as "would send" (transport "local") for the dev outbox. Failures are counted; the job retries
// until MAX_ATTEMPTS, then the row is marked failed with the last error.
import nodemailer from "nodemailer";
import { claimQueuedNotification } from "@/server/db/cross-tenant-sweeps";
import { forTenant, type SystemDb } from "@/server/db/system";

export const MAX_ATTEMPTS = 5;

export type DeliveryConfig = {
  smtpUrl?: string | null;
  from?: string;
  now?: () => Date;
  sendSms?: (msg: { tenantId: string; to: string; body: string }) => Promise<{ transport: string }>;
};

export type DeliveryResult = "sent" | "retry" | "failed" | "skipped";

/** A plain-text email, or multipart/alternative (text + HTML) when the notification has an HTML body. */
async function sendEmail(
  cfg: DeliveryConfig,
  msg: { to: string; subject: string; text: string; html?: string },
) {
  const transport = nodemailer.createTransport(cfg.smtpUrl!);
  try {
    await transport.sendMail({ from: cfg.from ?? "LeadRescue <no-reply@leadrescue.local>", ...msg });
  } finally {
    transport.close();
  }
}

/** The job names only the notification's id: the claimed row names its business. */
export async function deliverNotification(
  sys: SystemDb,
  id: string,
  cfg: DeliveryConfig = {},
): Promise<DeliveryResult> {
  const now = cfg.now ?? (() => new Date());
  // Claim one attempt: only a queued row is delivered, so a sent one is never sent again.
  const n = await claimQueuedNotification(sys, id);
  if (!n) return "skipped";
  const db = forTenant(sys, n.tenantId);
  try {
    let transport: string;
    if (n.channel === "in_app") transport = "in_app";
    else if (n.channel === "email" && cfg.smtpUrl) {
      if (!n.to) throw new Error("The recipient has no email address.");
      await sendEmail(cfg, {
        to: n.to,
        subject: n.subject ?? "LeadRescue",
        text: n.body,
        ...(n.html ? { html: n.html } : {}),
      });
      transport = "smtp";
    } else if (n.channel === "sms" && cfg.sendSms) {
      // messaging: through the Twilio SDK (server/messaging/send-staff-sms.ts); "local" when it went to the local fake.
      if (!n.to) throw new Error("The recipient has no phone number.");
      transport = (await cfg.sendSms({ tenantId: n.tenantId, to: n.to, body: n.body })).transport;
    } else {
      // No email server configured, or no SMS sender given: would send.
      transport = "local";
    }
    await db.notification.update({
      where: { id },
      data: { status: "sent", transport, sentAt: now(), error: null },
    });
    return "sent";
  } catch (err) {
    const error =
      `${n.channel === "email" ? "Email" : "Message"} to ${n.to ?? "recipient"} failed: ${(err as Error).message}`.slice(
        0,
        500,
      );
    const final = n.attempts >= MAX_ATTEMPTS;
    await db.notification.update({ where: { id }, data: { error, ...(final ? { status: "failed" } : {}) } });
    return final ? "failed" : "retry";
  }
}
