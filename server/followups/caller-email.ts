// Follow-up emails to the caller: an email step is drafted and approved like a text, then goes out
// through the notification outbox like every email the app sends (SMTP when configured, the dev
// outbox otherwise). Only to a caller who gave an address and has not unsubscribed; every email
// carries a one-click unsubscribe link (/u/<token>, the lead's id signed with the app's secret),
// and an unsubscribe holds for that address across the business's leads.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";
import { findLeadForUnsubscribe } from "@/server/db/cross-tenant";
import { forTenant, type SystemDb } from "@/server/db/system";
import { env } from "@/server/env";
import { publicUrl } from "@/server/integrations/twilio-webhook";

const sign = (leadId: string) =>
  createHmac("sha256", env.AUTH_SECRET).update(`unsubscribe|${leadId}`).digest("base64url").slice(0, 32);

export function unsubscribeToken(leadId: string): string {
  return `${leadId}.${sign(leadId)}`;
}

/** The lead a token names, or null for a forged or damaged one. */
export function leadIdOfUnsubscribeToken(token: string): string | null {
  const [leadId, mac] = token.split(".");
  if (!leadId || !mac || leadId.length > 64) return null;
  const expected = Buffer.from(sign(leadId));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? leadId : null;
}

export const unsubscribeUrl = (leadId: string) => publicUrl(`/u/${unsubscribeToken(leadId)}`);

/** Why no email may go to this lead now, in words for the timeline, or null when one may. */
export async function emailRefusal(
  db: Pick<TenantDb, "lead"> | Pick<TenantTx, "lead">,
  lead: { callerEmail: string | null; emailOptedOutAt: Date | null },
): Promise<string | null> {
  if (!lead.callerEmail) return "Email skipped: the caller gave no email address.";
  const unsubscribed =
    lead.emailOptedOutAt ??
    (
      await (db as Pick<TenantDb, "lead">).lead.findFirst({
        where: { callerEmail: lead.callerEmail, emailOptedOutAt: { not: null } },
        select: { emailOptedOutAt: true },
      })
    )?.emailOptedOutAt;
  return unsubscribed ? "Email skipped: the caller unsubscribed from emails." : null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The email as it goes out: a subject from the business and the problem, the body, the unsubscribe line. */
export function followUpEmailContent(input: {
  business: string;
  problem: string | null;
  body: string;
  unsubscribeUrl: string;
}): { subject: string; text: string; html: string } {
  const problem = input.problem?.trim().replace(/[.!?]+$/, "");
  const subject = problem
    ? `${input.business}: about your request (${problem.slice(0, 60)})`
    : `${input.business}: about your request`;
  const footer = `You got this email because you asked ${input.business} for help. Unsubscribe: ${input.unsubscribeUrl}`;
  const text = `${input.body}\n\n--\n${footer}`;
  const paragraphs = input.body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#18181b">${paragraphs}<p style="font-size:12px;color:#52525b">You got this email because you asked ${escapeHtml(input.business)} for help. <a href="${escapeHtml(input.unsubscribeUrl)}">Unsubscribe</a></p></body></html>`;
  return { subject, text, html };
}

export type UnsubscribeResult = { business: string; already: boolean } | null;

/**
 * The caller clicked Unsubscribe: every lead of the business with that address stops getting
 * follow-up emails (texts are not affected: STOP is for texts), the email drafts still waiting
 * are withdrawn, and the lead's timeline says so. Clicking again changes nothing.
 */
export async function unsubscribeFromEmails(
  sys: SystemDb,
  token: string,
  now = new Date(),
): Promise<UnsubscribeResult> {
  const leadId = leadIdOfUnsubscribeToken(token);
  const found = leadId ? await findLeadForUnsubscribe(sys, leadId) : null;
  if (!found) return null;
  const db = forTenant(sys, found.tenantId);
  const where = found.callerEmail ? { callerEmail: found.callerEmail } : { id: found.id };
  const already = await db.$transaction(async (tx) => {
    const { count } = await tx.lead.updateMany({
      where: { ...where, emailOptedOutAt: null },
      data: { emailOptedOutAt: now },
    });
    if (count === 0) return true;
    const leads = await tx.lead.findMany({ where, select: { id: true } });
    await tx.followUpDraft.updateMany({
      where: { leadId: { in: leads.map((l) => l.id) }, channel: "email", status: "pending" },
      data: { status: "canceled", decidedAt: now },
    });
    await tx.leadEvent.create({
      data: {
        tenantId: found.tenantId,
        leadId: found.id,
        type: "followup.email_unsubscribed",
        data: { email: found.callerEmail },
        createdAt: now,
      },
    });
    return false;
  });
  return { business: found.tenant.name, already };
}
