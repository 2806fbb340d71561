// The printable monthly report: plain tables on white, one section per part, for the browser's
// "Print → Save as PDF". Server-rendered; the figures come from server/reports/.
import { FIGURES, formatFigure } from "@/server/reports/figures";
import type { Report } from "@/server/reports/report-schema";
import { timeZoneLabel } from "@/server/tenants/us-time-zones";
import { PrintButton } from "./print-button";
import { dayLabel, dayRangeLabel } from "@/server/text/day-label";

const th = "border border-slate-300 px-2 py-1 text-left font-medium";
const td = "border border-slate-300 px-2 py-1 tabular-nums";

export function PrintableReport({ report }: { report: Report }) {
  const section = (key: "missed_leads" | "kpis", title: string) => (
    <section className="mt-6 break-inside-avoid">
      <h2 className="text-lg font-semibold">{title}</h2>
      <table className="mt-2 w-full border-collapse text-sm">
        <thead>
          <tr>
            <th scope="col" className={th}>
              Figure
            </th>
            <th scope="col" className={th}>
              {report.period.label}
            </th>
            <th scope="col" className={th}>
              Previous month
            </th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.filter((f) => f.section === key).map((f) => (
            <tr key={f.key}>
              <th scope="row" className={th}>
                {f.label}
              </th>
              <td className={td}>{formatFigure(report.current[f.key], f.unit)}</td>
              <td className={td}>{formatFigure(report.previous[f.key], f.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <article className="mx-auto max-w-3xl bg-white p-6 text-slate-900 print:p-0">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{report.business.name}: missed-lead report</h1>
          <p className="mt-1 text-sm text-slate-700">
            {report.period.label} (
            {dayRangeLabel(report.period.firstDay, report.period.lastDay, report.business.timeZone, "long")},{" "}
            {timeZoneLabel(report.business.timeZone)}){report.ownLeadsOnly ? " — your own leads" : ""}
          </p>
        </div>
        <PrintButton />
      </header>
      {section("missed_leads", "Missed calls and recovery")}
      <section className="mt-6 break-inside-avoid">
        <h2 className="text-lg font-semibold">Leads slipping through</h2>
        <p className="mt-1 text-sm">
          {report.leaks.total} open leads leak as of{" "}
          {dayLabel(report.leaks.asOf, report.business.timeZone, "long")}: {report.leaks.unowned} without an
          owner, {report.leaks.overdue} past their due time, {report.leaks.noNextAction} without a next
          action, {report.leaks.unacceptedPastWindow} handoffs not accepted in time.
        </p>
      </section>
      <section className="mt-6 break-inside-avoid">
        <h2 className="text-lg font-semibold">Script improvements</h2>
        {report.scriptImprovements.length ? (
          <ol className="mt-1 list-decimal pl-5 text-sm">
            {report.scriptImprovements.map((s) => (
              <li key={`${s.kind}:${s.key}`}>
                {s.label} ({s.count}×)
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-sm">Nothing to improve this month.</p>
        )}
      </section>
      {section("kpis", "KPIs")}
      <section className="mt-6 break-inside-avoid">
        <h2 className="text-lg font-semibold">KPIs by lead source</h2>
        {report.bySource.length ? (
          // Nine columns do not fit a phone: the table scrolls inside its own box, never the page (printing shows it whole).
          <div
            role="region"
            aria-label="KPIs by lead source, scrolls sideways on small screens"
            tabIndex={0}
            className="overflow-x-auto print:overflow-visible"
          >
            <table className="mt-2 w-full border-collapse text-sm">
              <thead>
                <tr>
                  {[
                    "Source",
                    "Leads",
                    "Response",
                    "Appointment",
                    "Show",
                    "Close",
                    "Avg. temp.",
                    "Opt-out",
                    "Speed p50",
                  ].map((h) => (
                    <th key={h} scope="col" className={th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.bySource.map((s) => (
                  <tr key={s.source}>
                    <th scope="row" className={th}>
                      {s.source.replace("_", " ")}
                    </th>
                    <td className={td}>{s.leads}</td>
                    <td className={td}>{formatFigure(s.responseRate, "rate")}</td>
                    <td className={td}>{formatFigure(s.appointmentRate, "rate")}</td>
                    <td className={td}>{formatFigure(s.showRate, "rate")}</td>
                    <td className={td}>{formatFigure(s.closeRate, "rate")}</td>
                    <td className={td}>{formatFigure(s.averageTemperature, "score")}</td>
                    <td className={td}>{formatFigure(s.optOutRate, "rate")}</td>
                    <td className={td}>{formatFigure(s.speedToLeadP50Minutes, "minutes")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-1 text-sm">No leads this month.</p>
        )}
      </section>
    </article>
  );
}
