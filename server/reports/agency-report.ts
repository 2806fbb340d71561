// The agency roll-up: the same KPIs per business side by side, and the totals, for one period
// resolved in each business's own time zone. Rows for every business are read in one set of
// queries (no query per business) and handed to the same pure functions as a business's report.
import type { PrismaClient } from "@/server/db/generated/client";
import { parseConsentKeyword } from "@/server/messaging/parse-keyword";
import { periodFigures, type PeriodRows } from "./compute-report";
import { FIGURES } from "./figures";
import { inChunks } from "./query-report";
import { resolvePeriod, type ReportPeriod, type ReportPeriodInput } from "./period";
import type { FigureKey, PeriodFigures } from "./report-schema";

const EVENT_TYPES = ["touchpoint.called_back", "touchpoint.left_voicemail", "touchpoint.texted", "sms.sent_by_staff", "lead.routed", "sms.link_clicked"];

export type AgencyReportRow = { tenantId: string; name: string; slug: string; timeZone: string; firstDay: string; lastDay: string; figures: PeriodFigures };
export type AgencyReport = { label: string; rows: AgencyReportRow[]; totals: PeriodFigures };

const emptyRows = (): PeriodRows => ({ calls: [], leads: [], events: [], messages: [], consents: [], qaReviews: [], handoffReviews: [] });

export async function agencyReport(prisma: PrismaClient, agencyId: string, input: ReportPeriodInput, now = new Date()): Promise<AgencyReport> {
  const tenants = await prisma.tenant.findMany({ where: { agencyId }, select: { id: true, name: true, slug: true, timeZone: true }, orderBy: { name: "asc" } });
  const periods = new Map<string, ReportPeriod>(tenants.map((t) => [t.id, resolvePeriod(input, t.timeZone, now)]));
  const all = [...periods.values()];
  if (!all.length) return { label: resolvePeriod(input, "UTC", now).label, rows: [], totals: periodFigures(emptyRows(), resolvePeriod(input, "UTC", now)) };
  // One window wide enough for every business's local period; each row is then kept by its own.
  const start = new Date(Math.min(...all.map((p) => p.start.getTime())));
  const end = new Date(Math.max(...all.map((p) => p.end.getTime())));
  const firstDay = all.map((p) => p.firstDay).sort()[0]!;
  const lastDay = all.map((p) => p.lastDay).sort().at(-1)!;
  const ids = tenants.map((t) => t.id);
  const leadWhere = { tenantId: { in: ids }, createdAt: { gte: start, lt: end }, isTest: false };
  const [calls, leads, consents, qaReviews, handoffReviews] = await Promise.all([
    prisma.call.findMany({ where: { tenantId: { in: ids }, startedAt: { gte: start, lt: end }, isTest: false }, select: { tenantId: true, startedAt: true, plumberAcceptedAt: true, state: true, endedAt: true } }),
    prisma.lead.findMany({
      where: leadWhere,
      select: { tenantId: true, id: true, createdAt: true, source: true, status: true, ownerId: true, acceptedAt: true, appointmentAt: true, visitOutcome: true, jobOutcome: true, jobValueCents: true, temperature: true, callerPhone: true },
    }),
    prisma.consentRecord.findMany({ where: { tenantId: { in: ids }, optedOut: true, at: { gte: start, lt: end } }, select: { tenantId: true, phone: true, optedOut: true, at: true } }),
    prisma.qaReview.findMany({ where: { tenantId: { in: ids }, sampledOn: { gte: firstDay, lte: lastDay } }, select: { tenantId: true, sampledOn: true, verdict: true, reviewerVerdict: true, criteria: true } }),
    prisma.handoffReview.findMany({ where: { tenantId: { in: ids }, weekOf: { gte: firstDay, lte: lastDay } }, select: { tenantId: true, weekOf: true, ownerCorrect: true, notesSufficient: true, waitReasonable: true, noRepeat: true, outcomeMatched: true } }),
  ]);
  const leadIds = leads.map((l) => l.id);
  const events = await inChunks(leadIds, (chunk) => prisma.leadEvent.findMany({ where: { leadId: { in: chunk }, type: { in: EVENT_TYPES } }, select: { tenantId: true, leadId: true, type: true, createdAt: true } }));
  const messages = await inChunks(leadIds, (chunk) => prisma.message.findMany({ where: { leadId: { in: chunk } }, select: { tenantId: true, leadId: true, direction: true, purpose: true, status: true, sentAt: true, createdAt: true, authorId: true, body: true } }));

  const byTenant = new Map<string, PeriodRows>(ids.map((id) => [id, emptyRows()]));
  const inTime = (tenantId: string, at: Date) => {
    const p = periods.get(tenantId)!;
    return at >= p.start && at < p.end;
  };
  const inDays = (tenantId: string, day: string) => {
    const p = periods.get(tenantId)!;
    return day >= p.firstDay && day <= p.lastDay;
  };
  const keptLeads = new Set<string>();
  for (const { tenantId, ...c } of calls) if (inTime(tenantId, c.startedAt)) byTenant.get(tenantId)!.calls.push(c);
  for (const { tenantId, ...l } of leads) {
    if (!inTime(tenantId, l.createdAt)) continue;
    keptLeads.add(l.id);
    byTenant.get(tenantId)!.leads.push(l);
  }
  for (const { tenantId, ...e } of events) if (keptLeads.has(e.leadId)) byTenant.get(tenantId)!.events.push(e);
  for (const { tenantId, body, ...m } of messages) if (m.leadId && keptLeads.has(m.leadId)) byTenant.get(tenantId)!.messages.push({ ...m, keyword: m.direction === "inbound" && parseConsentKeyword(body) != null });
  for (const { tenantId, ...c } of consents) if (inTime(tenantId, c.at)) byTenant.get(tenantId)!.consents.push(c);
  for (const { tenantId, sampledOn, ...r } of qaReviews) if (inDays(tenantId, sampledOn)) byTenant.get(tenantId)!.qaReviews.push(r);
  for (const { tenantId, weekOf, ...r } of handoffReviews) if (inDays(tenantId, weekOf)) byTenant.get(tenantId)!.handoffReviews!.push(r);

  const rows = tenants.map((t) => {
    const p = periods.get(t.id)!;
    return { tenantId: t.id, name: t.name, slug: t.slug, timeZone: t.timeZone, firstDay: p.firstDay, lastDay: p.lastDay, figures: periodFigures(byTenant.get(t.id)!, p) };
  });
  // Totals pool every business's rows, so a total rate is the agency's rate, not an average of rates.
  const pooled = emptyRows();
  for (const r of byTenant.values()) for (const k of Object.keys(pooled) as (keyof PeriodRows)[]) (pooled[k] as unknown[]).push(...(r[k] ?? []));
  return { label: all[0]!.label, rows, totals: periodFigures(pooled, { start, end, firstDay, lastDay }) };
}

/** The roll-up as CSV: one row per business and a totals row, one column per figure. */
export function agencyReportCsv(report: AgencyReport): string {
  const keys: FigureKey[] = FIGURES.map((f) => f.key);
  const cell = (v: string | number | null) => {
    if (v == null) return "";
    const s = String(v);
    const safe = typeof v === "string" && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const head = ["business", "slug", "first_day", "last_day", ...keys];
  const lines = report.rows.map((r) => [r.name, r.slug, r.firstDay, r.lastDay, ...keys.map((k) => r.figures[k])].map(cell).join(","));
  lines.push(["All businesses", "", "", "", ...keys.map((k) => report.totals[k])].map(cell).join(","));
  return [head.join(","), ...lines].join("\r\n") + "\r\n";
}
