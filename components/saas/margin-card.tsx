"use client";
// The agency's margin: per business for a month (revenue at your price, LeadRescue's wholesale
// cost, margin, usage and overage), a chart of the last 12 months with the same numbers as a
// table, and a CSV download.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner } from "@/components/ui/form";
import { Card, EmptyState, Loading } from "@/components/ui/layout";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { money } from "@/server/billing/money";

const thisMonth = () => new Date().toISOString().slice(0, 7);
const usd = (c: number) => money(c, "usd");

export function MarginCard() {
  const trpc = useTRPC();
  const [month, setMonth] = useState(thisMonth);
  const table = useQuery(trpc.saas.margin.queryOptions({ month }));
  const history = useQuery(trpc.saas.marginHistory.queryOptions());
  const download = () => {
    if (!table.data) return;
    const url = URL.createObjectURL(new Blob([table.data.csv], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `agency-billing-${month}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  type Row = NonNullable<typeof table.data>["rows"][number];
  return (
    <Card
      title="Margin"
      description="Invoiced months are Stripe's own figures: revenue is what your businesses paid, the wholesale cost is LeadRescue's fee on those payments. This month is an estimate until it is invoiced."
    >
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium text-slate-700">
          Month
          <input
            type="month"
            value={month}
            onChange={(e) => e.target.value && setMonth(e.target.value)}
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <Button type="button" variant="secondary" onClick={download} disabled={!table.data}>
          Download CSV
        </Button>
      </div>
      <div className="mt-4" aria-live="polite">
        {table.isPending ? <Loading label="Loading the margin table…" /> : null}
        {table.error ? <ErrorBanner message={table.error.message} /> : null}
        {table.data && table.data.rows.length === 0 ? (
          <EmptyState title="Nothing to show for this month">
            Put a business on one of your plans to see its margin here.
          </EmptyState>
        ) : null}
        {table.data && table.data.rows.length > 0 ? (
          <>
            <ResponsiveTable<Row>
              caption={`Margin per business, ${table.data.label}`}
              testId="margin-table"
              rows={table.data.rows}
              rowKey={(r) => r.businessId}
              columns={[
                { header: "Business", cell: (r) => r.business },
                { header: "Plan", cell: (r) => r.plan ?? "—" },
                { header: "Calls", cell: (r) => `${r.calls} / ${r.includedCalls}`, nowrap: true },
                { header: "Texts", cell: (r) => `${r.texts} / ${r.includedTexts}`, nowrap: true },
                {
                  header: "Overage",
                  cell: (r) =>
                    r.overageCents
                      ? `${usd(r.overageCents)} (${r.overageCalls} calls, ${r.overageTexts} texts)`
                      : "—",
                },
                {
                  header: "Plan changes",
                  cell: (r) => (r.prorationCents ? usd(r.prorationCents) : "—"),
                  nowrap: true,
                },
                { header: "Revenue", cell: (r) => usd(r.revenueCents), nowrap: true },
                { header: "Wholesale", cell: (r) => usd(r.wholesaleCents), nowrap: true },
                { header: "Margin", cell: (r) => <strong>{usd(r.marginCents)}</strong>, nowrap: true },
                {
                  header: "Source",
                  cell: (r) => (r.source === "invoiced" ? `Invoiced (${r.invoices})` : "Estimate"),
                },
              ]}
            />
            <p className="mt-3 text-sm" data-testid="margin-totals">
              Total for {table.data.label}: revenue <strong>{usd(table.data.totals.revenueCents)}</strong>,
              wholesale {usd(table.data.totals.wholesaleCents)}, margin{" "}
              <strong>{usd(table.data.totals.marginCents)}</strong>.
            </p>
          </>
        ) : null}
      </div>
      {history.data ? (
        <figure className="mt-6">
          <figcaption className="text-sm font-semibold">Margin over the last 12 months</figcaption>
          <div aria-hidden="true" inert className="mt-2 h-56 w-full">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={history.data.map((m) => ({
                  label: m.label.slice(0, 3) + " " + m.month.slice(2, 4),
                  Margin: m.marginCents / 100,
                  Wholesale: m.wholesaleCents / 100,
                }))}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" fontSize={11} />
                <YAxis fontSize={11} width={48} />
                <Tooltip />
                <Legend />
                <Bar dataKey="Margin" stackId="r" fill="#059669" />
                <Bar dataKey="Wholesale" stackId="r" fill="#94a3b8" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-brand-700 hover:underline">
              Show the numbers as a table
            </summary>
            <table className="mt-2 text-left text-sm">
              <thead>
                <tr>
                  <th className="py-1 pr-3 font-medium">Month</th>
                  <th className="py-1 pr-3 font-medium">Revenue</th>
                  <th className="py-1 pr-3 font-medium">Wholesale</th>
                  <th className="py-1 pr-3 font-medium">Margin</th>
                </tr>
              </thead>
              <tbody>
                {history.data.map((m) => (
                  <tr key={m.month}>
                    <td className="py-1 pr-3">{m.label}</td>
                    <td className="py-1 pr-3 tabular-nums">{usd(m.revenueCents)}</td>
                    <td className="py-1 pr-3 tabular-nums">{usd(m.wholesaleCents)}</td>
                    <td className="py-1 pr-3 tabular-nums">{usd(m.marginCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      ) : null}
    </Card>
  );
}
