// The report's lists: KPIs by lead source, open lead leaks, and the ranked script improvements.
import Link from "next/link";
import { inboxHref } from "@/components/leads/inbox-url-filters";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { EmptyState } from "@/components/ui/layout";
import { formatFigure } from "@/server/reports/figures";
import type { Report, SourceFigures } from "@/server/reports/report-schema";

const SOURCE_LABEL: Record<string, string> = {
  phone: "Phone",
  sms: "Text message",
  web_form: "Web form",
  referral: "Referral",
  manual: "Entered by hand",
  marketplace: "Marketplace",
};

export function SourceTable({ report, slug }: { report: Report; slug: string }) {
  if (!report.bySource.length)
    return (
      <EmptyState title="No leads in this period.">KPIs by source appear once leads come in.</EmptyState>
    );
  const rate = (k: keyof SourceFigures) => (s: SourceFigures) => formatFigure(s[k] as number | null, "rate");
  const mins = (k: keyof SourceFigures) => (s: SourceFigures) =>
    formatFigure(s[k] as number | null, "minutes");
  return (
    <ResponsiveTable
      caption="KPIs by lead source"
      testId="source-table"
      rowKey={(s) => s.source}
      rows={report.bySource}
      columns={[
        {
          header: "Source",
          cell: (s) =>
            report.ownLeadsOnly ? (
              SOURCE_LABEL[s.source]
            ) : (
              <Link
                className="font-medium text-brand-700 hover:underline"
                href={inboxHref(slug, {
                  source: s.source,
                  createdFrom: report.period.start,
                  createdTo: report.period.end,
                })}
              >
                {SOURCE_LABEL[s.source]}
              </Link>
            ),
        },
        { header: "Leads", cell: (s) => s.leads },
        { header: "Response rate", cell: rate("responseRate") },
        { header: "Appointment rate", cell: rate("appointmentRate") },
        { header: "Show rate", cell: rate("showRate") },
        { header: "Close rate", cell: rate("closeRate") },
        { header: "Avg. temperature", cell: (s) => formatFigure(s.averageTemperature, "score") },
        { header: "Opt-out rate", cell: rate("optOutRate") },
        { header: "Speed to lead p50", cell: mins("speedToLeadP50Minutes"), nowrap: true },
        { header: "Speed to lead p90", cell: mins("speedToLeadP90Minutes"), nowrap: true },
        { header: "Acceptance p50", cell: mins("handoffAcceptanceP50Minutes"), nowrap: true },
      ]}
    />
  );
}

export function LeakList({ report, slug }: { report: Report; slug: string }) {
  const { leaks } = report;
  const rows: { label: string; count: number; href?: string }[] = [
    {
      label: "Without an owner",
      count: leaks.unowned,
      href: report.ownLeadsOnly ? undefined : inboxHref(slug, { unowned: true }),
    },
    { label: "Past their due time", count: leaks.overdue, href: inboxHref(slug, { overdue: true }) },
    { label: "Without a next action", count: leaks.noNextAction },
    { label: "Handoff not accepted in time", count: leaks.unacceptedPastWindow },
  ];
  return (
    <div>
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold tabular-nums" data-testid="leaks-total">
          {leaks.total}
        </span>{" "}
        open leads leak right now (a lead counts once).
      </p>
      <ul className="mt-3 divide-y divide-slate-100 text-sm">
        {rows.map((r) => (
          <li key={r.label} className="flex justify-between gap-3 py-1.5">
            {r.href ? (
              <Link href={r.href} className="text-brand-700 hover:underline">
                {r.label}
              </Link>
            ) : (
              <span>{r.label}</span>
            )}
            <span className="tabular-nums">{r.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ScriptImprovements({ items }: { items: Report["scriptImprovements"] }) {
  if (!items.length)
    return (
      <EmptyState title="Nothing to improve in this period.">
        QA failures and the intake steps where callers hung up or were asked again appear here, most frequent
        first.
      </EmptyState>
    );
  return (
    <ol className="list-decimal space-y-1 pl-5 text-sm" data-testid="script-improvements">
      {items.map((it) => (
        <li key={`${it.kind}:${it.key}`}>
          {it.label} <span className="text-slate-600">— {it.count}×</span>
        </li>
      ))}
    </ol>
  );
}

// ── follow-ups ──
type FollowUps = NonNullable<Report["followUps"]>;

/** Follow-up sequences: response and booking rate by source and by step, opt-outs, the approval queue. */
export function FollowUpTables({ followUps }: { followUps: FollowUps }) {
  const pct = (v: number | null) => formatFigure(v, "rate");
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="followup-queue-age">
        Waiting for approval now: {followUps.queue.waiting}
        {followUps.queue.oldestWaitingMinutes !== null
          ? ` (oldest ${formatFigure(followUps.queue.oldestWaitingMinutes, "minutes")})`
          : ""}
        . Median wait before approval in this period:{" "}
        {formatFigure(followUps.queue.medianWaitMinutes, "minutes")} over {followUps.queue.approvedInPeriod}{" "}
        approved.
      </p>
      {followUps.bySource.length ? (
        <ResponsiveTable
          caption="Follow-ups by lead source"
          rowKey={(s) => s.source}
          rows={followUps.bySource}
          columns={[
            { header: "Source", cell: (s) => s.label },
            { header: "Sequences started", cell: (s) => s.sequences },
            { header: "Leads texted", cell: (s) => s.texted },
            { header: "Response rate", cell: (s) => pct(s.responseRate) },
            { header: "Booking rate", cell: (s) => pct(s.bookingRate) },
          ]}
        />
      ) : (
        <EmptyState title="No follow-up sequences started in this period." />
      )}
      {followUps.bySequenceStep.length ? (
        <ResponsiveTable
          caption="Follow-up texts by sequence step"
          rowKey={(s) => `${s.sequence}:${s.step}`}
          rows={followUps.bySequenceStep}
          columns={[
            { header: "Sequence", cell: (s) => s.name },
            { header: "Step", cell: (s) => s.step },
            { header: "Texts sent", cell: (s) => s.sent },
            { header: "Response rate", cell: (s) => pct(s.responseRate) },
            { header: "Booking rate", cell: (s) => pct(s.bookingRate) },
          ]}
        />
      ) : null}
      {followUps.optOuts.length ? (
        <ResponsiveTable
          caption="Opt-outs per sequence"
          rowKey={(o) => o.sequence}
          rows={followUps.optOuts}
          columns={[
            { header: "Sequence", cell: (o) => o.name },
            { header: "Leads texted", cell: (o) => o.texted },
            { header: "Opted out", cell: (o) => o.optedOut },
            { header: "Opt-out rate", cell: (o) => pct(o.optOutRate) },
          ]}
        />
      ) : null}
    </div>
  );
}
