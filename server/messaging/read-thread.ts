// The SMS thread of a lead, oldest first, for the lead page: who wrote, the status with the
// error code in plain words, whether the caller can be texted right now, and — while it is
// empty — why, true to this lead (a test call is not texted unless the owner asked).
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { canSeeLead, type Viewer } from "@/server/leads/lead-access";
import { twilioErrorText } from "./apply-status-callback";
import { consentState } from "./consent";
import { tenantPeople } from "@/server/db/tenant-people";
import { getMessagingSettings } from "./messaging-settings";
import { emptyThreadNote } from "./text-back-rules";

export const THREAD_PAGE = 100;

export async function visibleLead(ctx: TenantCtx & { viewer: Viewer }, leadId: string) {
  const lead = await ctx.db.lead.findFirst({
    where: { id: leadId },
    select: { id: true, ownerId: true, callerPhone: true, callerName: true, isTest: true },
  });
  if (!lead || !canSeeLead(ctx.viewer, lead))
    throw new AppError("NOT_FOUND", "That lead does not exist or is not yours to see.", "leadId");
  return lead;
}

export async function readThread(ctx: TenantCtx & { viewer: Viewer }, leadId: string) {
  const lead = await visibleLead(ctx, leadId);
  const rows = await ctx.db.message.findMany({
    where: { leadId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: THREAD_PAGE,
  });
  const authorIds = [...new Set(rows.map((r) => r.authorId).filter((x): x is string => !!x))];
  const authors = await tenantPeople(ctx.db, authorIds);
  const consent = await consentState(ctx.db, ctx.tenantId, lead.callerPhone);
  const emptyNote = rows.length
    ? null
    : emptyThreadNote(lead, await getMessagingSettings(ctx.db, ctx.tenantId));
  return {
    /** What the thread says while it has no texts (null when it has some). */
    emptyNote,
    callerPhone: lead.callerPhone,
    optedOut: consent?.optedOut ?? false,
    optedOutAt: consent?.optedOut ? consent.at : null,
    messages: rows.reverse().map((m) => ({
      id: m.id,
      direction: m.direction,
      purpose: m.purpose,
      body: m.body,
      status: m.status,
      errorCode: m.errorCode,
      error: m.errorMessage ?? (m.errorCode ? twilioErrorText(m.errorCode) : null),
      createdAt: m.createdAt,
      sendAfter: m.sendAfter,
      sentAt: m.sentAt,
      author: m.authorId ? (authors.find((a) => a.id === m.authorId)?.name ?? "Staff") : null,
    })),
  };
}
