// The one query layer of the reports: loads the rows a period needs through the tenant-scoped
// client, hands them to compute-report.ts, and returns the report. Staff get their own leads only.
import type { Prisma } from "@/server/db/generated/client";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { parseConsentKeyword } from "@/server/messaging/parse-keyword";
import { seesAllLeads, type Viewer } from "@/server/leads/lead-access";
import { computeReport, type OpenLeadRow, type PeriodRows } from "./compute-report";
import { resolvePeriod, type DateRange, type ReportPeriodInput } from "./period";
import type { Report } from "./report-schema";

/** Events the figures read: human touches, routing, link clicks. */
const EVENT_TYPES = ["touchpoint.called_back", "touchpoint.left_voicemail", "touchpoint.texted", "sms.sent_by_staff", "lead.routed", "sms.link_clicked"];

/** Runs a lookup over ids in chunks (bind parameters are limited), one chunk after another. */
export async function inChunks<T>(ids: string[], fn: (chunk: string[]) => Promise<T[]>, size = 5_000): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await fn(ids.slice(i, i + size))));
  return out;
}

export type ReportScope = { ownerId: string | null };

export function reportScope(viewer: Viewer): ReportScope {
  return { ownerId: seesAllLeads(viewer.role) ? null : viewer.userId };
}

export async function loadPeriodRows(ctx: TenantCtx, range: DateRange, scope: ReportScope): Promise<PeriodRows> {
  const { db } = ctx;
  const leadWhere: Prisma.LeadWhereInput = { createdAt: { gte: range.start, lt: range.end }, isTest: false, ...(scope.ownerId ? { ownerId: scope.ownerId } : {}) };
  const [calls, leads, consents, qaReviews, handoffReviews] = await Promise.all([
    db.call.findMany({
      where: { startedAt: { gte: range.start, lt: range.end }, isTest: false, ...(scope.ownerId ? { lead: { ownerId: scope.ownerId } } : {}) },
      select: { startedAt: true, plumberAcceptedAt: true, state: true, endedAt: true },
    }),
    db.lead.findMany({
      where: leadWhere,
      select: { id: true, createdAt: true, source: true, status: true, ownerId: true, acceptedAt: true, appointmentAt: true, visitOutcome: true, jobOutcome: true, jobValueCents: true, temperature: true, callerPhone: true },
    }),
    db.consentRecord.findMany({ where: { optedOut: true, at: { gte: range.start, lt: range.end } }, select: { phone: true, optedOut: true, at: true } }),
    // QA reviews are the whole business's work, not one person's numbers.
    scope.ownerId ? Promise.resolve([]) : db.qaReview.findMany({ where: { sampledOn: { gte: range.firstDay, lte: range.lastDay } }, select: { verdict: true, reviewerVerdict: true, criteria: true } }),
    scope.ownerId
      ? Promise.resolve([])
      : db.handoffReview.findMany({ where: { weekOf: { gte: range.firstDay, lte: range.lastDay } }, select: { ownerCorrect: true, notesSufficient: true, waitReasonable: true, noRepeat: true, outcomeMatched: true } }),
  ]);
  // Events and texts of these leads, by lead id: each lookup is an index range on (leadId, …).
  const ids = leads.map((l) => l.id);
  const [events, messages] = await Promise.all([
    inChunks(ids, (chunk) => db.leadEvent.findMany({ where: { leadId: { in: chunk }, type: { in: EVENT_TYPES } }, select: { leadId: true, type: true, createdAt: true } })),
    inChunks(ids, (chunk) => db.message.findMany({ where: { leadId: { in: chunk } }, select: { leadId: true, direction: true, purpose: true, status: true, sentAt: true, createdAt: true, authorId: true, body: true } })),
  ]);
  return {
    calls,
    leads,
    events,
    messages: messages.map(({ body, ...m }) => ({ ...m, keyword: m.direction === "inbound" && parseConsentKeyword(body) != null })),
    consents,
    qaReviews,
    handoffReviews,
  };
}

export async function loadOpenLeads(ctx: TenantCtx, scope: ReportScope): Promise<OpenLeadRow[]> {
  return ctx.db.lead.findMany({
    where: { status: { not: "closed" }, isTest: false, ...(scope.ownerId ? { ownerId: scope.ownerId } : {}) },
    select: { ownerId: true, nextAction: true, dueAt: true, acceptedAt: true, createdAt: true, status: true, urgency: true, temperature: true },
  });
}

export async function getReport(ctx: TenantCtx & { viewer: Viewer }, input: ReportPeriodInput, now: Date): Promise<Report> {
  const tenant = await ctx.prisma.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true, timeZone: true } });
  const period = resolvePeriod(input, tenant.timeZone, now);
  const scope = reportScope(ctx.viewer);
  // One period after the other: each already runs its queries side by side.
  const current = await loadPeriodRows(ctx, period, scope);
  const previous = await loadPeriodRows(ctx, period.previous, scope);
  const open = await loadOpenLeads(ctx, scope);
  return computeReport({ business: tenant, period, current, previous, open, now, ownLeadsOnly: scope.ownerId != null });
}
