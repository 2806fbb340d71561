"use client";
// The agency console's Reports tab: the same KPIs per business side by side, with the totals,
// sortable by any column, and the CSV. Each business's period is in its own time zone.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/form";
import { EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { FIGURES, formatFigure } from "@/server/reports/figures";
import type { ReportPeriodInput } from "@/server/reports/period";
import type { FigureKey } from "@/server/reports/report-schema";

const PERIODS = [
  { kind: "this_week", label: "This week" },
  { kind: "last_week", label: "Last week" },
  { kind: "this_month", label: "This month" },
  { kind: "last_month", label: "Last month" },
] as const;

/** The columns of the roll-up: the figures an agency compares businesses by. */
const COLUMNS: FigureKey[] = [
  "calls",
  "missedCalls",
  "aiRescuedCalls",
  "textBacksSent",
  "leads",
  "booked",
  "responseRate",
  "appointmentRate",
  "showRate",
  "closeRate",
  "averageTemperature",
  "optOutRate",
  "speedToLeadP50Minutes",
  "speedToLeadP90Minutes",
  "handoffAcceptanceP50Minutes",
  "wonValueCents",
];

type Sort = { key: FigureKey | "name"; dir: "asc" | "desc" };

export function AgencyReports() {
  const trpc = useTRPC();
  const [period, setPeriod] = useState<ReportPeriodInput>({ kind: "this_month" });
  const [sort, setSort] = useState<Sort>({ key: "name", dir: "asc" });
  const q = useQuery(trpc.agency.reports.queryOptions({ period }, { placeholderData: keepPreviousData }));
  const defs = COLUMNS.map((k) => FIGURES.find((f) => f.key === k)!);

  const download = () => {
    if (!q.data) return;
    const url = URL.createObjectURL(new Blob([q.data.csv], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `agency-report-${period.kind}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };
  const rows = [...(q.data?.rows ?? [])].sort((a, b) => {
    const dir = sort.dir === "asc" ? 1 : -1;
    if (sort.key === "name") return a.name.localeCompare(b.name) * dir;
    const x = a.figures[sort.key];
    const y = b.figures[sort.key];
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return (x - y) * dir;
  });
  const sortBy = (key: Sort["key"]) =>
    setSort((s) => ({
      key,
      dir: s.key === key && s.dir === "desc" ? "asc" : key === "name" && s.key !== key ? "asc" : "desc",
    }));
  const ariaSort = (key: Sort["key"]) =>
    sort.key === key ? (sort.dir === "asc" ? "ascending" : "descending") : "none";

  return (
    <div>
      <PageHeader
        title="Reports"
        description="The KPIs of every business side by side, with the agency's totals. Each business's period is in its own time zone. Click a column to sort."
        actions={
          <Button variant="secondary" onClick={download} disabled={!q.data}>
            Download CSV
          </Button>
        }
      />
      <label htmlFor="agency-period" className="block text-sm font-medium text-slate-700">
        Period
      </label>
      <select
        id="agency-period"
        className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        value={period.kind}
        onChange={(e) => setPeriod({ kind: e.target.value as ReportPeriodInput["kind"] })}
      >
        {PERIODS.map((p) => (
          <option key={p.kind} value={p.kind}>
            {p.label}
          </option>
        ))}
      </select>
      {q.isPending ? <Loading label="Adding up every business…" /> : null}
      {q.error ? <LoadError error={q.error} retry={() => q.refetch()} what="agency report" /> : null}
      {q.data && !q.data.rows.length ? (
        <div className="mt-4">
          <EmptyState title="No businesses yet.">Add a business on the Businesses tab.</EmptyState>
        </div>
      ) : null}
      {q.data && q.data.rows.length ? (
        <div
          className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
          tabIndex={0}
          role="region"
          aria-label="KPIs per business"
        >
          <table className="w-full text-left text-sm" data-testid="agency-report-table">
            <caption className="sr-only">KPIs per business, {q.data.label}</caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" aria-sort={ariaSort("name")} className="px-3 py-2">
                  <button
                    type="button"
                    className="font-medium underline-offset-2 hover:underline"
                    onClick={() => sortBy("name")}
                  >
                    Business
                  </button>
                </th>
                {defs.map((d) => (
                  <th key={d.key} scope="col" aria-sort={ariaSort(d.key)} className="px-3 py-2">
                    <button
                      type="button"
                      className="text-left font-medium underline-offset-2 hover:underline"
                      onClick={() => sortBy(d.key)}
                    >
                      {d.label}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.tenantId} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/t/${r.slug}/reports`} className="text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                  </th>
                  {defs.map((d) => (
                    <td key={d.key} className="px-3 py-2 tabular-nums whitespace-nowrap">
                      {formatFigure(r.figures[d.key], d.unit)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-300 font-semibold">
                <th scope="row" className="px-3 py-2">
                  All businesses
                </th>
                {defs.map((d) => (
                  <td key={d.key} className="px-3 py-2 tabular-nums whitespace-nowrap">
                    {formatFigure(q.data.totals[d.key], d.unit)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </div>
  );
}
