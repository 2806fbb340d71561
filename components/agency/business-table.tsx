"use client";
// The agency's businesses, one row each: health, calls, leads, rates and the pause control; a
// table on a wide screen, a card per business on a phone.
import { type ReactNode } from "react";
import type { AppRouter } from "@/server/trpc/root";
import type { inferRouterOutputs } from "@trpc/server";
import { CallsSparkline } from "./calls-sparkline";
import { dateTimeIn } from "@/components/leads/format";
import { PauseControl } from "./pause-control";

type Row = inferRouterOutputs<AppRouter>["agency"]["overview"]["tenants"][number];

const HEALTH_STYLE: Record<Row["health"], string> = {
  ok: "bg-green-50 text-green-800 ring-green-200",
  attention: "bg-amber-50 text-amber-900 ring-amber-200",
  off: "bg-red-50 text-red-800 ring-red-200",
  paused: "bg-slate-100 text-slate-700 ring-slate-300",
};

function Badge({ className, children }: { className: string; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}
    >
      {children}
    </span>
  );
}

/** Visible on small screens only, where the table stacks into cards and the header row is hidden. */
function CellLabel({ children }: { children: ReactNode }) {
  return (
    <span className="mr-2 text-xs font-medium uppercase tracking-wide text-slate-500 md:hidden">
      {children}
    </span>
  );
}

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)} %`);

export function BusinessTable({
  rows,
  agencyId,
  onChanged,
}: {
  rows: Row[];
  agencyId?: string;
  onChanged: (msg: string) => void;
}) {
  return (
    <table
      role="table"
      aria-label="Businesses"
      className="block w-full text-sm md:table md:rounded-lg md:border md:border-slate-200 md:bg-white md:shadow-sm"
    >
      <thead className="hidden md:table-header-group">
        <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="px-3 py-2 font-medium">
            Business
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            AI
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Billing
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Leads today / 7 days
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Open leaks
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            AI calls 7 days
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Calls per day
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            QA failures
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody role="rowgroup" className="block md:table-row-group">
        {rows.map((t) => (
          <tr
            key={t.id}
            role="row"
            aria-label={t.name}
            className="mb-3 block rounded-lg border border-slate-200 bg-white p-3 shadow-sm md:mb-0 md:table-row md:rounded-none md:border-0 md:border-b md:p-0 md:shadow-none"
          >
            <td role="cell" className="block py-1 md:table-cell md:px-3 md:py-3">
              <p className="font-medium text-slate-900">{t.name}</p>
              <p className="mt-0.5">
                <Badge className={HEALTH_STYLE[t.health]}>{t.healthLabel}</Badge>
              </p>
            </td>
            <td role="cell" className="block py-1 md:table-cell md:px-3 md:py-3">
              <CellLabel>AI</CellLabel>
              {t.gate.open ? (
                <span className="font-medium text-green-700">On</span>
              ) : (
                <details className="inline-block align-top">
                  <summary className="cursor-pointer font-medium text-red-700">
                    {t.paused ? "Off (paused)" : "Off"}
                  </summary>
                  <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
                    {t.gate.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </details>
              )}
              {t.pause ? (
                <p className="mt-1 text-xs text-slate-600">
                  Paused{" "}
                  {dateTimeIn(t.timeZone, t.pause.at, {
                    month: "short",
                    day: "numeric",
                    hour: "numeric",
                    minute: "2-digit",
                    timeZoneName: "short",
                  })}
                  {t.pause.reason ? `: ${t.pause.reason}` : ""}
                </p>
              ) : null}
            </td>
            <td role="cell" className="block py-1 md:table-cell md:px-3 md:py-3">
              <CellLabel>Billing</CellLabel>
              <span className={t.billing.eligible ? "text-slate-700" : "font-medium text-red-700"}>
                {t.billing.label}
              </span>
            </td>
            <td role="cell" className="block py-1 tabular-nums md:table-cell md:px-3 md:py-3">
              <CellLabel>Leads today / 7 days</CellLabel>
              {t.leadsToday} / {t.leadsThisWeek}
            </td>
            <td role="cell" className="block py-1 md:table-cell md:px-3 md:py-3">
              <CellLabel>Open leaks</CellLabel>
              <span
                className={`tabular-nums ${t.openLeaks.total ? "font-semibold text-amber-800" : "text-slate-700"}`}
              >
                {t.openLeaks.total}
              </span>
              {t.openLeaks.total ? (
                <span className="ml-1 text-xs text-slate-600">
                  (
                  {[
                    t.openLeaks.unowned && `${t.openLeaks.unowned} unowned`,
                    t.openLeaks.overdue && `${t.openLeaks.overdue} overdue`,
                    t.openLeaks.escalated && `${t.openLeaks.escalated} escalated`,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                  )
                </span>
              ) : null}
            </td>
            <td role="cell" className="block py-1 tabular-nums md:table-cell md:px-3 md:py-3">
              <CellLabel>AI calls 7 days</CellLabel>
              {t.aiCalls7d}
            </td>
            <td role="cell" className="block py-1 md:table-cell md:px-3 md:py-3">
              <CellLabel>Calls per day</CellLabel>
              <span className="inline-block align-middle">
                <CallsSparkline days={t.callsPerDay} />
              </span>
            </td>
            <td role="cell" className="block py-1 tabular-nums md:table-cell md:px-3 md:py-3">
              <CellLabel>QA failures</CellLabel>
              <span title={t.qaFailureRate === null ? "No QA data yet" : `QA sample of ${t.qaDay}`}>
                {percent(t.qaFailureRate)}
              </span>
              {t.qaFailureRate === null ? <span className="sr-only">No QA data yet</span> : null}
            </td>
            <td role="cell" className="block pt-2 md:table-cell md:px-3 md:py-3">
              <div className="flex flex-wrap items-start gap-2">
                {/* A full page load, not client navigation: cached queries are keyed without the tenant. */}
                <a
                  href={`/t/${t.slug}`}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
                >
                  Open<span className="sr-only"> {t.name}</span>
                </a>
                <PauseControl tenant={t} agencyId={agencyId} onChanged={onChanged} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
