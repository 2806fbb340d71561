// The one query layer of a business's report: rolls up the closed days the report reads that are
// not rolled up yet (report-days.ts), runs the counting SQL (report-sql.ts) for the period and the
// one before it through tenantSql (server/db/tenant-sql.ts), which binds this tenant's id itself,
// and hands the counts to compute-report.ts. Staff get their own leads only.
import type { LeadSource } from "@/server/db/generated/enums";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { tenantSql } from "@/server/db/tenant-sql";
import { seesAllLeads, type Viewer } from "@/server/leads/lead-access";
import { computeReport, NO_COUNTS, NO_LEADS, type PeriodCounts, type QaReviewRow } from "./compute-report";
import { resolvePeriod, type DateRange, type ReportPeriodInput } from "./period";
import { rollUpClosedDays } from "./report-days";
import {
  handoffAnswerCounts,
  leadTotals,
  leakCounts,
  scriptStepCounts,
  type Scope,
  type TenantPeriod,
} from "./report-sql";
import type { Report } from "./report-schema";
import { followUpReport } from "@/server/followups/report";

export type ReportScope = Scope;

export function reportScope(viewer: Viewer): ReportScope {
  return { ownerId: seesAllLeads(viewer.role) ? null : viewer.userId };
}

type Business = { tenantId: string; timeZone: string };
const tenantPeriod = (b: Business, r: DateRange): TenantPeriod => ({
  tenantId: b.tenantId,
  timeZone: b.timeZone,
  start: r.start,
  end: r.end,
  firstDay: r.firstDay,
  lastDay: r.lastDay,
});

/**
 * One period's counts; the current period (`detail`) also has its lead figures per source and its
 * calls per local day (the chart), the previous one only the totals beside each figure.
 */
async function periodCounts(ctx: TenantCtx, p: TenantPeriod, scope: ReportScope, detail: boolean) {
  const sql = tenantSql(ctx.db);
  const [{ groups: leads, daily }, handoff] = await Promise.all([
    leadTotals(sql, [p], scope, detail ? "source" : "none", detail),
    // Handoff QA is the whole business's work, not one person's numbers.
    scope.ownerId ? Promise.resolve([]) : handoffAnswerCounts(sql, [p]),
  ]);
  const total = leads.find((l) => l.key == null);
  const counts: PeriodCounts = {
    leads: total ?? NO_LEADS,
    // Per local day when the chart needs them; either way they add up to the same figures.
    calls: detail ? daily : (total?.calls ?? []),
    handoff: handoff[0] ?? NO_COUNTS.handoff,
  };
  const bySource = leads
    .filter((l) => l.key != null)
    .map(({ key, calls: _calls, ...t }) => ({ ...t, source: key as LeadSource }));
  return { counts, bySource };
}

export async function getReport(
  ctx: TenantCtx & { viewer: Viewer },
  input: ReportPeriodInput,
  now: Date,
): Promise<Report> {
  const tenant = await ctx.db.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { name: true, timeZone: true },
  });
  const period = resolvePeriod(input, tenant.timeZone, now);
  const scope = reportScope(ctx.viewer);
  const business = { tenantId: ctx.tenantId, timeZone: tenant.timeZone };
  const current = tenantPeriod(business, period);
  const previous = tenantPeriod(business, period.previous);
  // The lead figures read the closed days' roll-up: the days not rolled up yet are, first. Should
  // that fail (a busy pool, a timeout), the report still counts those days live.
  const counts = rollUpClosedDays(ctx.db, [current, previous], now)
    .catch((err: Error) =>
      console.error(`Report days: rolling up tenant ${ctx.tenantId} failed:`, err.message),
    )
    .then(() =>
      Promise.all([periodCounts(ctx, current, scope, true), periodCounts(ctx, previous, scope, false)]),
    );
  const [[cur, prev], scriptSteps, qaReviews, leaks, followUps, anyLead] = await Promise.all([
    counts,
    scriptStepCounts(tenantSql(ctx.db), current, scope),
    // QA reviews are the whole business's work; at most ten calls a day.
    scope.ownerId
      ? Promise.resolve<QaReviewRow[]>([])
      : ctx.db.qaReview.findMany({
          where: { sampledOn: { gte: period.firstDay, lte: period.lastDay } },
          select: { verdict: true, reviewerVerdict: true, criteria: true },
        }),
    leakCounts(tenantSql(ctx.db), scope, now),
    followUpReport(ctx.db, period, scope, now),
    // A business with no real lead ever is new (its empty report says how the first call comes in).
    ctx.db.lead.findFirst({
      where: { isTest: false, ...(scope.ownerId ? { ownerId: scope.ownerId } : {}) },
      select: { id: true },
    }),
  ]);
  const report = computeReport({
    business: { name: tenant.name, timeZone: tenant.timeZone },
    period,
    current: cur.counts,
    previous: prev.counts,
    bySource: cur.bySource,
    scriptSteps,
    qaReviews,
    leaks,
    now,
    ownLeadsOnly: scope.ownerId != null,
  });
  return { ...report, followUps, hasRealLeads: anyLead != null };
}
