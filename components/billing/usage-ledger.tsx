"use client";
// The usage ledger: every AI-handled call, billable or credited and why, newest first, with
// keyset pages (Newer / Older) and a filter.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, Select } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading } from "@/components/ui/layout";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { phoneLabel } from "@/server/leads/labels";
import { dateFormatter } from "./date-format";

// Whether the call reached the bill, in the owner's words (the payment processor stays behind the scenes).
const METER_LABELS: Record<string, string> = {
  sent: "On your bill",
  pending: "Adding to your bill…",
  skipped: "Not billed (no plan yet)",
  not_applicable: "—",
};

export function UsageLedger({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const fmt = dateFormatter(timeZone);
  const [outcome, setOutcome] = useState<"billable" | "credited" | "">("");
  // "This period" by default, so its count matches the usage card's above.
  const [period, setPeriod] = useState<"current" | "all">("current");
  // Cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const q = useQuery(
    trpc.billing.usageLedger.queryOptions({ cursor, limit: 20, outcome: outcome || null, period }),
  );

  return (
    <Card
      title="Usage ledger"
      description="Each call the AI handled. A billable call is charged once, however often it is retried; credited calls are never charged."
    >
      <div className="mb-4 grid max-w-md gap-3 sm:grid-cols-2">
        <Select
          label="Period"
          value={period}
          onChange={(e) => {
            setPeriod(e.target.value as typeof period);
            setCursors([null]);
          }}
        >
          <option value="current">This period</option>
          <option value="all">All time</option>
        </Select>
        <Select
          label="Show"
          value={outcome}
          onChange={(e) => {
            setOutcome(e.target.value as typeof outcome);
            setCursors([null]);
          }}
        >
          <option value="">All calls</option>
          <option value="billable">Billable</option>
          <option value="credited">Credited</option>
        </Select>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <LoadError error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <EmptyState
          title={`No ${outcome ? `${outcome} ` : "AI-handled "}calls ${period === "current" ? "this period" : "yet"}`}
        >
          Calls appear here when the AI answers a missed call.
        </EmptyState>
      ) : (
        <>
          <ResponsiveTable
            caption={`Usage ledger, ${q.data.total} call${q.data.total === 1 ? "" : "s"}`}
            rows={q.data.items}
            rowKey={(e) => e.id}
            columns={[
              { header: "When", nowrap: true, cell: (e) => fmt(e.occurredAt, true) },
              {
                header: "Caller",
                nowrap: true,
                cell: (e) => (e.callerPhone ? phoneLabel(e.callerPhone) : "—"),
              },
              {
                header: "Charge",
                cell: (e) => (
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${e.outcome === "billable" ? "bg-brand-50 text-brand-700" : "bg-green-50 text-green-800"}`}
                  >
                    {e.outcome === "billable" ? "Billable" : "Credited"}
                  </span>
                ),
              },
              { header: "Why", cell: (e) => e.reason },
              {
                header: "Billing",
                cell: (e) => (
                  <span className="text-slate-600">
                    {METER_LABELS[e.meterStatus] ?? e.meterStatus}
                    {e.meterError ? <span className="block text-xs text-red-700">{e.meterError}</span> : null}
                  </span>
                ),
              },
            ]}
          />
          <nav className="mt-4 flex items-center justify-between" aria-label="Ledger pages">
            <p className="text-xs text-slate-500">
              Page {cursors.length} · {q.data.total} call{q.data.total === 1 ? "" : "s"}
            </p>
            <div className="flex gap-2">
              <Button
                type="button"
                variant="secondary"
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Newer
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={!q.data.nextCursor}
                onClick={() => setCursors((c) => [...c, q.data.nextCursor])}
              >
                Older
              </Button>
            </div>
          </nav>
        </>
      )}
    </Card>
  );
}
