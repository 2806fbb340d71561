"use client";
// The reports page: the missed-lead report and the KPIs for a period, with the previous period
// beside each figure, charts with their tables, and the CSV. Figures come from server/reports/.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { inboxHref } from "@/components/leads/inbox-url-filters";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom } from "@/components/ui/form";
import { Card, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { can, type TenantRole } from "@/server/auth/permissions";
import type { ReportPeriodInput } from "@/server/reports/period";
import { timeZoneLabel } from "@/server/tenants/us-time-zones";
import type { Report } from "@/server/reports/report-schema";
import { FigureGrid } from "./figure-grid";
import { PeriodPicker } from "./period-picker";
import { DailyCallsChart, FunnelChart, SpeedToLeadChart } from "./report-charts";
import { FollowUpTables, LeakList, ScriptImprovements, SourceTable } from "./report-tables";
import { isEmptyReport, reportEmptyText } from "./report-empty-state";
import { dayRangeLabel } from "@/server/text/day-label";

export function ReportsPage({ slug, role }: { slug: string; role: TenantRole }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState<ReportPeriodInput>({ kind: "this_month" });
  const report = useQuery(
    trpc.reports.report.queryOptions(period, { placeholderData: keepPreviousData, retry: false }),
  );
  const [downloading, setDownloading] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  const fieldError =
    report.error && report.error.data?.code === "BAD_REQUEST" ? fieldErrorsFrom(report.error) : null;
  const periodError = fieldError
    ? { field: fieldError.field ?? Object.keys(fieldError.fields)[0], message: report.error?.message }
    : undefined;

  const download = async () => {
    setCsvError(null);
    setDownloading(true);
    try {
      const { csv, filename } = await queryClient.fetchQuery(trpc.reports.csv.queryOptions(period));
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    } catch (err) {
      setCsvError(`The CSV could not be made: ${(err as Error).message}`);
    } finally {
      setDownloading(false);
    }
  };

  const r = report.data;
  return (
    <div className="max-w-6xl">
      <PageHeader
        title="Reports"
        description="Missed calls the AI rescued, the texts and bookings that followed, leads slipping through and the KPIs by lead source, with the previous period beside each figure. Days are in the business's time zone."
        actions={
          <>
            <Link
              href={`/t/${slug}/reports/print${r ? `?month=${r.period.firstDay.slice(0, 7)}` : ""}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Printable monthly report
            </Link>
            <Button variant="secondary" onClick={download} busy={downloading} disabled={!r}>
              Download CSV
            </Button>
          </>
        }
      />
      <PeriodPicker value={period} onChange={setPeriod} error={periodError} />
      <div className="mt-3">
        <ErrorBanner message={csvError} />
      </div>
      {report.isPending ? <Loading label="Adding up the figures…" /> : null}
      {report.error && !periodError ? (
        <LoadError error={report.error} retry={() => report.refetch()} what="report" />
      ) : null}
      {r ? (
        <div
          className={`mt-4 space-y-6 ${report.isFetching ? "opacity-70" : ""}`}
          aria-busy={report.isFetching || undefined}
        >
          <p className="text-sm text-slate-700" data-testid="report-period">
            <span className="font-medium">{r.period.label}</span> (
            {dayRangeLabel(r.period.firstDay, r.period.lastDay, r.business.timeZone, "long")},{" "}
            {timeZoneLabel(r.business.timeZone)}); previous period{" "}
            {dayRangeLabel(
              r.period.previous.firstDay,
              r.period.previous.lastDay,
              r.business.timeZone,
              "long",
            )}
            .{r.ownLeadsOnly ? " These are your own leads' numbers." : ""}
          </p>
          <TestCallsLine slug={slug} from={r.period.start} to={r.period.end} />
          {isEmptyReport(r) ? (
            <ReportEmptyState
              slug={slug}
              role={role}
              ownLeadsOnly={r.ownLeadsOnly}
              hasRealLeads={r.hasRealLeads ?? true}
            />
          ) : (
            <ReportBody report={r} slug={slug} />
          )}
        </div>
      ) : null}
    </div>
  );
}

/** No real call or lead in the period nor the one before: what will show here, and how the first call comes in. */
function ReportEmptyState({
  slug,
  role,
  ownLeadsOnly,
  hasRealLeads,
}: {
  slug: string;
  role: TenantRole;
  ownLeadsOnly: boolean;
  hasRealLeads: boolean;
}) {
  const trpc = useTRPC();
  const canSetUp = can(role, "setup.write");
  // Whether setup is done decides if the checklist is worth pointing to (unknown while loading: not offered).
  const checklist = useQuery(trpc.setup.checklist.queryOptions(undefined, { enabled: canSetUp }));
  const text = reportEmptyText({
    ownLeadsOnly,
    hasRealLeads,
    canPlaceTestCalls: can(role, "simulator.run"),
    canSetUp,
    setupComplete: checklist.data?.setupComplete,
  });
  const link = "font-medium text-brand-700 underline underline-offset-2";
  return (
    <section
      aria-labelledby="report-empty-heading"
      data-testid="report-empty"
      className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8"
    >
      <h2 id="report-empty-heading" className="text-lg font-semibold">
        {text.title}
      </h2>
      <p className="mt-2 max-w-2xl text-sm text-slate-700">{text.body}</p>
      {text.testCallHint || text.setupHint ? (
        <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {text.setupHint ? (
            <li>
              The AI answers missed calls once setup is complete:{" "}
              <Link href={`/t/${slug}`} className={link}>
                see the setup checklist
              </Link>
              .
            </li>
          ) : null}
          {text.testCallHint ? (
            <li>
              To see a call from start to finish now, place one in{" "}
              <Link href={`/t/${slug}/simulator`} className={link}>
                Test your flow
              </Link>{" "}
              (test calls show in the inbox, not here).
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}

/** The figures, leaks, charts and tables of a report with something in it. */
function ReportBody({ report: r, slug }: { report: Report; slug: string }) {
  return (
    <>
      {r.current.calls === 0 && r.current.leads === 0 ? (
        <p
          role="status"
          className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-600"
        >
          No real calls or leads in this period yet; the previous period&apos;s figures are beside each. Test
          calls are left out of reports.
        </p>
      ) : null}
      <section aria-labelledby="missed-heading">
        <h2 id="missed-heading" className="mb-3 text-lg font-semibold">
          Missed-lead report
        </h2>
        <FigureGrid report={r} section="missed_leads" slug={slug} />
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title="Leads slipping through"
          description="Open leads with no owner, no next action, past their due time, or a handoff not accepted in time — as of now, whatever the period."
        >
          <LeakList report={r} slug={slug} />
        </Card>
        <Card
          title="Script improvements"
          description="QA failures and the intake steps where callers hung up or were asked again, most frequent first."
        >
          <ScriptImprovements items={r.scriptImprovements} />
        </Card>
      </div>
      <section aria-labelledby="kpi-heading">
        <h2 id="kpi-heading" className="mb-3 text-lg font-semibold">
          KPIs
        </h2>
        <FigureGrid report={r} section="kpis" slug={slug} />
      </section>
      <section aria-labelledby="charts-heading">
        <h2 id="charts-heading" className="mb-3 text-lg font-semibold">
          Charts
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="lg:col-span-2">
            <DailyCallsChart daily={r.daily} timeZone={r.business.timeZone} />
          </div>
          <FunnelChart funnel={r.funnel} />
          <SpeedToLeadChart buckets={r.speedToLead} />
        </div>
      </section>
      <Card title="KPIs by lead source">
        <SourceTable report={r} slug={slug} />
      </Card>
      {r.followUps ? (
        <Card
          title="Follow-ups"
          description="Texts and call tasks from the follow-up sequences: how often callers answered and booked after each, opt-outs, and how long texts waited for approval."
        >
          <FollowUpTables followUps={r.followUps} />
        </Card>
      ) : null}
    </>
  );
}

/**
 * Reports count real calls only; this line says how many test calls the period left out, counted
 * by the inbox's own query (leads.counts), and links to them.
 */
function TestCallsLine({ slug, from, to }: { slug: string; from: string; to: string }) {
  const trpc = useTRPC();
  const counts = useQuery(
    trpc.leads.counts.queryOptions({ testCalls: true, createdFrom: from, createdTo: to }),
  );
  if (!counts.data) return null;
  const n = counts.data.reduce((sum, g) => sum + g.total, 0);
  if (!n)
    return (
      <p className="text-sm text-slate-600" data-testid="report-test-calls">
        Excludes test calls (none in this period).
      </p>
    );
  return (
    <p className="text-sm text-slate-600" data-testid="report-test-calls">
      Excludes {n} open test call{n === 1 ? "" : "s"} from “Test your flow”.{" "}
      <Link
        href={inboxHref(slug, { testCalls: true, createdFrom: from, createdTo: to })}
        className="font-medium text-brand-700 underline underline-offset-2"
      >
        See them in the inbox
      </Link>
    </p>
  );
}
