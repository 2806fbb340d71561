// Outgoing email through nodemailer when SMTP_URL is set; otherwise nothing is sent and the
// caller shows the link for copying (invites), or — for a person's own account email such as a
// password reset link, which must never be shown to whoever asked — it is kept in the local
// mailbox while the app runs on the published development secrets (local mode: anyone could sign
// in as anyone there anyway), shown at /dev/mail, and nowhere else.
import nodemailer from "nodemailer";
import { env, publishedDevSecrets } from "@/server/env";

export type AccountEmail = { to: string; subject: string; text: string };
export type LocalMail = AccountEmail & { id: number; at: Date };

const LOCAL_MAILBOX_SIZE = 50;
const mailbox = globalThis as unknown as { __leadrescueLocalMail?: { next: number; mails: LocalMail[] } };

/** Whether account emails go to the local mailbox: no SMTP server, and the development session secret. */
export function usesLocalMailbox(): boolean {
  return !env.SMTP_URL && publishedDevSecrets(env).includes("AUTH_SECRET");
}

/** The local mailbox, newest first (empty unless `usesLocalMailbox`). */
export function localMailbox(): LocalMail[] {
  if (!usesLocalMailbox()) return [];
  return [...(mailbox.__leadrescueLocalMail?.mails ?? [])].reverse();
}

/**
 * A person's own account email (a password reset link): SMTP when configured, else the local
 * mailbox in local mode; else it cannot go out, which is logged without the link. True when sent
 * or kept.
 */
export async function sendAccountEmail(mail: AccountEmail): Promise<boolean> {
  if (env.SMTP_URL) {
    const transport = nodemailer.createTransport(env.SMTP_URL);
    try {
      await transport.sendMail({ from: env.EMAIL_FROM, ...mail });
      return true;
    } catch (err) {
      console.error(`Account email "${mail.subject}" failed:`, (err as Error).message);
      return false;
    } finally {
      transport.close();
    }
  }
  if (usesLocalMailbox()) {
    const box = (mailbox.__leadrescueLocalMail ??= { next: 1, mails: [] });
    box.mails.push({ ...mail, id: box.next++, at: new Date() });
    if (box.mails.length > LOCAL_MAILBOX_SIZE) box.mails.splice(0, box.mails.length - LOCAL_MAILBOX_SIZE);
    return true;
  }
  console.warn(`Account email "${mail.subject}" not sent: SMTP_URL is not set.`);
  return false;
}

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
