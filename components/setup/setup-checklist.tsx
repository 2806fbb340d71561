"use client";
// The onboarding checklist and the service gate: what is still missing before the AI may answer.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { AiStatusCard } from "@/components/billing/ai-status-card";
import { Card, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { overviewStatus } from "@/server/setup/connection-summary";
import { actionFor, checklistLinkLabel } from "@/server/setup/overview-actions";
import type { TenantRole } from "@/server/auth/permissions";

export function SetupChecklist({ role }: { role: TenantRole }) {
  const trpc = useTRPC();
  const { slug } = useParams<{ slug: string }>();
  const q = useQuery(trpc.setup.checklist.queryOptions());
  // Whether calls really reach LeadRescue (Twilio's URLs, a real call arrived): "on" only as far as it is checked.
  const connection = useQuery(trpc.setup.connection.queryOptions());
  if (q.isPending) return <Loading />;
  if (q.error) return <LoadError error={q.error} retry={() => q.refetch()} />;
  const { items, gate, ai } = q.data;
  const done = items.filter((i) => i.done).length;
  const status = connection.data ? overviewStatus(ai, connection.data.summary) : ai;

  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Overview"
        description="When a call is missed, LeadRescue answers with the AI — once your setup is complete and your plan (or free trial) is on."
      />
      <div className="mb-6">
        <AiStatusCard
          ai={{ ...status, action: actionFor(role, status.action) }}
          slug={slug}
          details={
            !gate.open && gate.reasons.length > 1 ? (
              <ul
                className="mt-2 list-disc pl-9 text-sm text-slate-600"
                aria-label="Everything that keeps the AI off"
              >
                {gate.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null
          }
        />
      </div>
      <Card title="Setup checklist" description={`${done} of ${items.length} done`}>
        {/* Billing is the last step: setup alone does not turn the AI on. */}
        <p className={`mb-3 text-sm font-medium ${q.data.complete ? "text-green-700" : "text-slate-600"}`}>
          {q.data.complete
            ? "Setup complete"
            : `${items.length - done} step${items.length - done === 1 ? "" : "s"} left before the AI may answer calls.`}
        </p>
        <div
          className="mb-4 h-2 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={items.length}
          aria-valuenow={done}
          aria-label="Setup progress"
        >
          <div
            className="h-full bg-brand-500 transition-all"
            style={{ width: `${(done / items.length) * 100}%` }}
          />
        </div>
        <ol className="divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.key} className="flex items-center justify-between gap-4 py-3">
              <div className="flex min-w-0 items-start gap-3">
                <span
                  aria-hidden
                  className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs ${item.done ? "bg-green-100 text-green-700" : "bg-slate-100 text-slate-400"}`}
                >
                  {item.done ? "✓" : ""}
                </span>
                <div>
                  <p className="text-sm font-medium">
                    {item.label} <span className="sr-only">{item.done ? "(done)" : "(missing)"}</span>
                  </p>
                  <p className="text-xs text-slate-600">{item.hint}</p>
                </div>
              </div>
              <Link
                href={`/t/${slug}/${item.href}`}
                className="shrink-0 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
              >
                {checklistLinkLabel(role, item)}
                <span className="sr-only"> {item.label}</span>
              </Link>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
