"use client";
// Routing rule settings: who receives emergencies, estimates, standard inbound, and the fallback.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { ErrorBanner, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { isForbidden, NoPermission } from "@/components/settings/access-states";

export function RoutingSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const q = useQuery(trpc.leads.routing.queryOptions());
  const set = useMutation(
    trpc.leads.setRouting.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.leads.routing.queryKey() }),
    }),
  );
  if (q.isPending) return <Loading />;
  if (q.error) {
    if (!isForbidden(q.error)) return <LoadError error={q.error} retry={() => q.refetch()} />;
    return (
      <div className="max-w-3xl">
        <PageHeader
          title="Routing"
          description="Who receives emergencies, estimates, standard inbound and the fallback."
        />
        <NoPermission what="change lead routing" who="an owner or manager" />
      </div>
    );
  }
  const nameOf = (id: string | null) => q.data.members.find((m) => m.userId === id)?.name ?? "nobody";
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Routing"
        description="Intake assigns one receiving owner based on the routing rule. Every lead goes to a person — never a generic pool."
      />
      <Card>
        <ul className="divide-y divide-slate-100">
          {q.data.rules.map((r) => (
            <li key={r.kind} className="grid gap-2 py-3 sm:grid-cols-[1fr_240px] sm:items-center">
              <div>
                <label htmlFor={`route-${r.kind}`} className="text-sm font-medium">
                  {r.label}
                </label>
                <p className="text-xs text-slate-500">{r.hint}</p>
                {!r.userId ? (
                  <p className="text-xs text-slate-500">
                    No rule of its own: goes to {nameOf(r.effectiveUserId)}.
                  </p>
                ) : null}
              </div>
              <select
                id={`route-${r.kind}`}
                value={r.userId ?? ""}
                disabled={set.isPending}
                onChange={(e) => set.mutate({ kind: r.kind, userId: e.target.value || null })}
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              >
                <option value="">
                  {r.kind === "fallback" ? "The business owner (default)" : "Use the fallback"}
                </option>
                {q.data.members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name} ({m.role})
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
        <div aria-live="polite" className="mt-2">
          {set.error ? (
            <ErrorBanner message={fieldErrorsFrom(set.error).message} />
          ) : (
            <SuccessNote message={set.isSuccess ? "Routing saved." : null} />
          )}
        </div>
      </Card>
    </div>
  );
}
