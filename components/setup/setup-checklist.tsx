"use client";
// The onboarding checklist and the service gate: what is still missing before the AI may answer.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { Card, LoadError, Loading, PageHeader } from "@/components/ui/layout";

export function SetupChecklist() {
  const trpc = useTRPC();
  const { slug } = useParams<{ slug: string }>();
  const q = useQuery(trpc.setup.checklist.queryOptions());
  if (q.isPending) return <Loading />;
  if (q.error) return <LoadError error={q.error} retry={() => q.refetch()} />;
  const { items, gate } = q.data;
  const done = items.filter((i) => i.done).length;
  // The billing half of the gate (server/billing/service-gate.ts words its reason "Billing: …").
  const billingClosed = !gate.open && gate.reasons.some((r) => r.startsWith("Billing"));

  return (
    <div className="max-w-3xl">
      <PageHeader title="Overview" description="When a call is missed, LeadRescue answers with the AI — once your setup is complete." />
      <Card className="mb-6">
        <div className="flex items-center gap-3" role="status" aria-live="polite">
          <span className={`size-3 rounded-full ${gate.open ? "bg-green-500" : "bg-amber-500"}`} aria-hidden />
          <p className="font-medium">{gate.open ? "The AI is on: missed calls are answered." : "The AI is off: missed calls are not answered yet."}</p>
        </div>
        {!gate.open ? (
          <ul className="mt-2 list-disc pl-9 text-sm text-slate-600">
            {gate.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card title="Setup checklist" description={`${done} of ${items.length} done`}>
        {/* "Setup complete" is the first half of the service gate; billing is the second. */}
        <p role="status" className={`mb-3 text-sm font-medium ${q.data.complete ? "text-green-700" : "text-slate-600"}`}>
          {q.data.complete ? "Setup complete" : `Setup incomplete: ${items.length - done} step${items.length - done === 1 ? "" : "s"} left before the AI may answer calls.`}
        </p>
        {q.data.complete && billingClosed ? (
          <p className="-mt-2 mb-3 text-sm text-slate-600">
            <Link href={`/t/${slug}/settings/billing`} className="font-medium text-brand-600 underline">
              Choose a plan
            </Link>{" "}
            on the Billing page to turn the AI on.
          </p>
        ) : null}
        <div className="mb-4 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={items.length} aria-valuenow={done} aria-label="Setup progress">
          <div className="h-full bg-brand-500 transition-all" style={{ width: `${(done / items.length) * 100}%` }} />
        </div>
        <ol className="divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.key} className="flex items-center justify-between gap-4 py-3">
              <div className="flex items-start gap-3">
                <span aria-hidden className={`mt-0.5 flex size-5 items-center justify-center rounded-full text-xs ${item.done ? "bg-green-100 text-green-700" : "bg-slate-100 text-slate-400"}`}>
                  {item.done ? "✓" : ""}
                </span>
                <div>
                  <p className="text-sm font-medium">
                    {item.label} <span className="sr-only">{item.done ? "(done)" : "(missing)"}</span>
                  </p>
                  <p className="text-xs text-slate-500">{item.hint}</p>
                </div>
              </div>
              <Link href={`/t/${slug}/${item.href}`} className="shrink-0 text-sm font-medium text-brand-600 hover:underline">
                {item.done ? "Edit" : "Set up"}
                <span className="sr-only"> {item.label}</span>
              </Link>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
