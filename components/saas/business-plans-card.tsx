"use client";
// Each business of the agency with its plan, this month's usage against it, and what happens past
// 100 % of the included calls (bill the extra calls, or stop the AI).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { ErrorBanner } from "@/components/ui/form";
import { Card, EmptyState, Loading } from "@/components/ui/layout";
import { ResponsiveTable } from "@/components/ui/responsive-table";

const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500";

export function BusinessPlansCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const businesses = useQuery(trpc.saas.businesses.queryOptions());
  const plans = useQuery(trpc.saas.plans.queryOptions());
  const assign = useMutation(
    trpc.saas.assignPlan.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.saas.pathKey() }),
    }),
  );
  type Row = NonNullable<typeof businesses.data>[number];
  return (
    <Card
      title="Businesses and their plans"
      description="Choose each business's plan and what happens once its included calls are used up this month."
    >
      {businesses.isPending ? <Loading label="Loading businesses…" /> : null}
      {businesses.error ? <ErrorBanner message={businesses.error.message} /> : null}
      {businesses.data?.length === 0 ? (
        <EmptyState title="No businesses yet">Add one on the Businesses page.</EmptyState>
      ) : null}
      {businesses.data?.length ? (
        <ResponsiveTable<Row>
          caption="Businesses and their plans"
          testId="business-plans"
          rows={businesses.data}
          rowKey={(r) => r.id}
          columns={[
            {
              header: "Business",
              cell: (r) => (
                <a className="text-brand-700 hover:underline" href={`/t/${r.slug}`}>
                  {r.name}
                </a>
              ),
            },
            {
              header: "Plan",
              cell: (r) => (
                <label className="block text-xs text-slate-600">
                  <span className="sr-only">Plan for {r.name}</span>
                  <select
                    className={selectClass}
                    value={r.planId ?? ""}
                    disabled={assign.isPending}
                    onChange={(e) => assign.mutate({ tenantId: r.id, planId: e.target.value || null })}
                  >
                    <option value="">No agency plan (pays LeadRescue)</option>
                    {plans.data?.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </label>
              ),
            },
            {
              header: "Past the included calls",
              cell: (r) => (
                <label className="block text-xs text-slate-600">
                  <span className="sr-only">Past the included calls, for {r.name}</span>
                  <select
                    className={selectClass}
                    value={r.overagePolicy}
                    disabled={assign.isPending || !r.planId}
                    onChange={(e) =>
                      assign.mutate({
                        tenantId: r.id,
                        planId: r.planId,
                        overagePolicy: e.target.value as "bill" | "stop_ai",
                      })
                    }
                  >
                    <option value="bill">Keep answering, bill extra calls</option>
                    <option value="stop_ai">Stop the AI (the phone still rings)</option>
                  </select>
                </label>
              ),
            },
            {
              header: "This month",
              cell: (r) =>
                r.usage ? (
                  <span>
                    {r.usage.calls} / {r.usage.includedCalls} calls, {r.usage.texts} / {r.usage.includedTexts}{" "}
                    texts
                    {r.usage.overageCalls || r.usage.overageTexts ? (
                      <span className="block text-amber-800">
                        {r.usage.overageCalls} extra calls, {r.usage.overageTexts} extra texts
                      </span>
                    ) : null}
                    {r.capReached ? (
                      <span className="block font-medium text-red-700">
                        AI stopped: included calls used up
                      </span>
                    ) : null}
                  </span>
                ) : (
                  "—"
                ),
            },
            { header: "Billing", cell: (r) => (r.saasBilling ? "On your Stripe" : "Pays LeadRescue") },
          ]}
        />
      ) : null}
      <div aria-live="polite">
        <ErrorBanner message={assign.error?.message} />
      </div>
    </Card>
  );
}
