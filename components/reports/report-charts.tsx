"use client";
// The report's charts (recharts), each followed by a table of the same numbers: the chart is for
// the eye (aria-hidden), the table for screen readers, keyboards and copying.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReactNode } from "react";
import type { Report } from "@/server/reports/report-schema";
import { categoryAxisProps } from "@/components/ui/chart-axis";
import { dayLabel } from "@/server/text/day-label";

const OUTCOMES = [
  { key: "answered", label: "Answered by the plumber", color: "#475569" },
  { key: "booked", label: "Rescued by the AI, visit booked", color: "#059669" },
  { key: "rescued", label: "Rescued by the AI, not booked yet", color: "#0284c7" },
  { key: "missed", label: "Missed (not rescued)", color: "#dc2626" },
] as const;

const FUNNEL_LABEL: Record<string, string> = {
  leads: "Leads",
  booked: "Booked",
  showed: "Showed",
  won: "Won",
};

function ChartFigure({
  title,
  summary,
  chart,
  table,
}: {
  title: string;
  summary: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <h3 className="text-sm font-semibold">{title}</h3>
        <p className="mt-1 text-xs text-slate-600">{summary}</p>
      </figcaption>
      <div aria-hidden="true" inert className="mt-3 h-56 w-full">
        {chart}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 hover:underline">
          Show the numbers as a table
        </summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}

const th = "py-1 pr-3 font-medium";
const td = "py-1 pr-3 tabular-nums";

export function DailyCallsChart({ daily, timeZone }: { daily: Report["daily"]; timeZone: string }) {
  const total = daily.reduce((s, d) => s + d.answered + d.booked + d.rescued + d.missed, 0);
  return (
    <ChartFigure
      title="Calls per day, by outcome"
      summary={`${total} calls over ${daily.length} days.`}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={daily.map((d) => ({ ...d, label: dayLabel(d.day, timeZone, "axis") }))}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={28} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {OUTCOMES.map((o) => (
              <Bar
                key={o.key}
                dataKey={o.key}
                name={o.label}
                stackId="calls"
                fill={o.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="w-full text-left text-sm" data-testid="daily-calls-table">
          <caption className="sr-only">Calls per day, by outcome</caption>
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className={th}>
                Day
              </th>
              {OUTCOMES.map((o) => (
                <th key={o.key} scope="col" className={th}>
                  {o.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {daily.map((d) => (
              <tr key={d.day} className="border-t border-slate-100">
                <th scope="row" className={th}>
                  {dayLabel(d.day, timeZone)}
                </th>
                {OUTCOMES.map((o) => (
                  <td key={o.key} className={td}>
                    {d[o.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function FunnelChart({ funnel }: { funnel: Report["funnel"] }) {
  const data = funnel.map((f) => ({ stage: FUNNEL_LABEL[f.stage] ?? f.stage, count: f.count }));
  return (
    <ChartFigure
      title="Funnel: lead → booked → showed → won"
      summary={data.map((d) => `${d.stage} ${d.count}`).join(", ")}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 12 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={11} />
            <YAxis type="category" dataKey="stage" fontSize={11} width={60} />
            <Tooltip />
            <Bar dataKey="count" name="Count" fill="#2563eb" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="w-full text-left text-sm" data-testid="funnel-table">
          <caption className="sr-only">Funnel</caption>
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className={th}>
                Stage
              </th>
              <th scope="col" className={th}>
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.stage} className="border-t border-slate-100">
                <th scope="row" className={th}>
                  {d.stage}
                </th>
                <td className={td}>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function SpeedToLeadChart({ buckets }: { buckets: Report["speedToLead"] }) {
  const touched = buckets.filter((b) => b.key !== "no_touch").reduce((s, b) => s + b.count, 0);
  return (
    <ChartFigure
      title="Speed to lead: call to first human touch"
      summary={`${touched} leads touched by a person; ${buckets.find((b) => b.key === "no_touch")?.count ?? 0} not yet.`}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={buckets} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" {...categoryAxisProps(buckets.map((b) => b.label))} />
            <YAxis allowDecimals={false} fontSize={11} width={28} />
            <Tooltip />
            <Bar dataKey="count" name="Leads" fill="#7c3aed" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="w-full text-left text-sm" data-testid="speed-table">
          <caption className="sr-only">Speed to lead distribution</caption>
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className={th}>
                First human touch
              </th>
              <th scope="col" className={th}>
                Leads
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.key} className="border-t border-slate-100">
                <th scope="row" className={th}>
                  {b.label}
                </th>
                <td className={td}>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
