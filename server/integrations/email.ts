// Outgoing email through nodemailer when SMTP_URL is set; otherwise nothing is sent and the
// caller shows the link for copying.
import nodemailer from "nodemailer";
import { env } from "@/server/env";

/** `brandName`: white label (SaaS mode) — the invite comes from the business's agency, not LeadRescue. */
export async function sendInviteEmail(input: {
  to: string;
  businessName: string;
  link: string;
  brandName?: string | null;
}): Promise<boolean> {
  if (!env.SMTP_URL) return false;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({
      from: env.EMAIL_FROM,
      to: input.to,
      ...inviteEmailContent(input),
    });
    return true;
  } catch (err) {
    console.error("Invite email failed:", (err as Error).message);
    return false;
  } finally {
    transport.close();
  }
}

/** The invite's subject and text: under the agency's brand when it has one (white label). */
export function inviteEmailContent(input: { businessName: string; link: string; brandName?: string | null }) {
  const product = input.brandName ?? "LeadRescue";
  return {
    subject: `You're invited to ${input.businessName} on ${product}`,
    text: `You have been invited to join ${input.businessName} on ${product}.\n\nAccept the invite: ${input.link}\n\nThe link works for 7 days.`,
  };
}
