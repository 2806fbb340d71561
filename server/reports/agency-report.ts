// The agency roll-up: the same KPIs per business side by side, and the totals, for one period
// resolved in each business's own time zone. One set of statements for every business (no query
// per business); the database pools the totals (GROUPING SETS), so a total rate or percentile is
// the agency's, not an average of the businesses'.
import { forAgency } from "@/server/db/agency";
import { csvCell } from "@/server/text/csv-cell";
import type { SystemDb } from "@/server/db/system";
import { NO_LEADS, periodFigures, type PeriodCounts } from "./compute-report";
import { CSV_UNIT, csvNumber, FIGURES } from "./figures";
import { resolvePeriod, type ReportPeriodInput } from "./period";
import { handoffAnswerCounts, leadTotals, type TenantPeriod } from "./report-sql";
import type { FigureKey, PeriodFigures } from "./report-schema";

export type AgencyReportRow = {
  tenantId: string;
  name: string;
  slug: string;
  timeZone: string;
  firstDay: string;
  lastDay: string;
  figures: PeriodFigures;
};
export type AgencyReport = { label: string; rows: AgencyReportRow[]; totals: PeriodFigures };

/**
 * Every business of the agency with its period's counts, and the pooled totals. The one
 * cross-tenant read of the reports: the agency's read handle (forAgency) lists its businesses and
 * binds them into one set of statements, so the totals are pooled by the database.
 */
export async function agencyPeriodCounts(
  sys: SystemDb,
  agencyId: string,
  input: ReportPeriodInput,
  now: Date,
) {
  const agency = forAgency(sys, agencyId);
  const tenants = await agency.db.tenant.findMany({
    select: { id: true, name: true, slug: true, timeZone: true },
    orderBy: { name: "asc" },
  });
  const periods = tenants.map((tenant) => ({ tenant, period: resolvePeriod(input, tenant.timeZone, now) }));
  const bounds: TenantPeriod[] = periods.map(({ tenant, period }) => ({
    tenantId: tenant.id,
    timeZone: tenant.timeZone,
    start: period.start,
    end: period.end,
    firstDay: period.firstDay,
    lastDay: period.lastDay,
  }));
  const everyone = { ownerId: null };
  const [{ groups: leads }, handoff] = await Promise.all([
    leadTotals(agency.sql, bounds, everyone, "tenant"),
    handoffAnswerCounts(agency.sql, bounds),
  ]);
  const countsOf = (tenantId: string | null): PeriodCounts => ({
    leads: leads.find((l) => l.key === tenantId) ?? NO_LEADS,
    calls: leads.find((l) => l.key === tenantId)?.calls ?? [],
    handoff: handoff
      .filter((h) => tenantId == null || h.tenantId === tenantId)
      .reduce((a, h) => ({ answered: a.answered + h.answered, no: a.no + h.no }), { answered: 0, no: 0 }),
  });
  return { periods, countsOf };
}

export async function agencyReport(
  sys: SystemDb,
  agencyId: string,
  input: ReportPeriodInput,
  now = new Date(),
): Promise<AgencyReport> {
  const { periods, countsOf } = await agencyPeriodCounts(sys, agencyId, input, now);
  const rows = periods.map(({ tenant: t, period: p }) => ({
    tenantId: t.id,
    name: t.name,
    slug: t.slug,
    timeZone: t.timeZone,
    firstDay: p.firstDay,
    lastDay: p.lastDay,
    figures: periodFigures(countsOf(t.id)),
  }));
  return {
    label: periods[0]?.period.label ?? resolvePeriod(input, "UTC", now).label,
    rows,
    totals: periodFigures(countsOf(null)),
  };
}

/** The roll-up as CSV: one row per business and a totals row, one column per figure. */
export function agencyReportCsv(report: AgencyReport): string {
  // Each figure's column says its unit: "Value of jobs won ($)", "Show rate (%)", values to match.
  const head = [
    "business",
    "slug",
    "first_day",
    "last_day",
    ...FIGURES.map((f) => csvCell(`${f.label} (${CSV_UNIT[f.unit]})`)),
  ];
  const values = (figures: Record<FigureKey, number | null>) =>
    FIGURES.map((f) => csvNumber(figures[f.key], f.unit));
  const lines = report.rows.map((r) =>
    [r.name, r.slug, r.firstDay, r.lastDay, ...values(r.figures)].map(csvCell).join(","),
  );
  lines.push(["All businesses", "", "", "", ...values(report.totals)].map(csvCell).join(","));
  return [head.join(","), ...lines].join("\r\n") + "\r\n";
}
