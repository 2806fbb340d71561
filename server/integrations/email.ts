// Outgoing email through nodemailer when SMTP_URL is set; otherwise nothing is sent and the
// caller shows the link for copying.
import nodemailer from "nodemailer";
import { env } from "@/server/env";

export async function sendInviteEmail(input: { to: string; businessName: string; link: string }): Promise<boolean> {
  if (!env.SMTP_URL) return false;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({
      from: env.EMAIL_FROM,
      to: input.to,
      subject: `You're invited to ${input.businessName} on LeadRescue`,
      text: `You have been invited to join ${input.businessName} on LeadRescue.\n\nAccept the invite: ${input.link}\n\nThe link works for 7 days.`,
    });
    return true;
  } catch (err) {
    console.error("Invite email failed:", (err as Error).message);
    return false;
  } finally {
    transport.close();
  }
}
