"use client";
// The lead the test call produced, live: refreshed after every step of the call.
import Link from "next/link";
import type { ReactNode } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { Card, EmptyState, LoadError, Loading } from "@/components/ui/layout";
import { SimulatorTexts } from "@/components/messaging/simulator-texts";
import { phoneLabel, statusLabel, urgencyLabel } from "@/server/leads/labels";
import { nextActionAsTask } from "@/server/leads/next-action-task";

type SimLead = inferRouterOutputs<AppRouter>["simulator"]["lead"];

function when(date: Date | string | null | undefined, timeZone: string): string | null {
  if (!date) return null;
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(date));
}

const STATUS_STYLE: Record<string, string> = {
  booked: "bg-green-100 text-green-800",
  answered_by_plumber: "bg-green-100 text-green-800",
  answered_by_ai: "bg-brand-100 text-brand-700",
  followup_needed: "bg-amber-100 text-amber-800",
  not_booked: "bg-slate-200 text-slate-800",
  missed: "bg-red-100 text-red-800",
  closed: "bg-slate-200 text-slate-800",
};

function Row({ label, value, evidence }: { label: string; value: ReactNode; evidence?: string }) {
  const empty = value === null || value === undefined || value === "";
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className={empty ? "text-slate-400" : "text-slate-900"}>
        {empty ? (
          <>
            <span aria-hidden>—</span>
            <span className="sr-only">Not known yet</span>
          </>
        ) : (
          value
        )}
        {evidence && !empty ? <span className="block text-xs text-slate-500">“{evidence}”</span> : null}
      </dd>
    </div>
  );
}

export function LeadPanel({
  slug,
  timeZone,
  query,
}: {
  slug: string;
  timeZone: string;
  query: {
    data?: SimLead;
    isPending: boolean;
    isFetching: boolean;
    error: { message: string } | null;
    refetch: () => unknown;
  } | null;
}) {
  if (!query) {
    return (
      <Card title="The lead">
        <EmptyState title="No test call yet">
          Start a call: the lead it creates appears here, live.
        </EmptyState>
      </Card>
    );
  }
  if (query.isPending)
    return (
      <Card title="The lead">
        <Loading label="Loading the lead…" />
      </Card>
    );
  if (query.error)
    return (
      <Card title="The lead">
        <LoadError error={query.error} retry={() => void query.refetch()} />
      </Card>
    );
  const lead = query.data?.lead;
  if (!lead) {
    return (
      <Card title="The lead">
        <EmptyState title="No lead for this call">
          The call did not reach a business (check the number called).
        </EmptyState>
      </Card>
    );
  }
  const ev = lead.evidence;
  return (
    <Card title="The lead">
      <div
        className="mb-3 flex flex-wrap items-center gap-2"
        role="status"
        aria-live="polite"
        aria-label="Lead status"
      >
        <span
          className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${STATUS_STYLE[lead.status] ?? "bg-slate-100"}`}
          data-testid="lead-status"
        >
          {statusLabel(lead.status)}
        </span>
        {lead.isTest ? (
          <span className="rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">
            Test
          </span>
        ) : null}
        {query.isFetching ? <span className="text-xs text-slate-400">updating…</span> : null}
      </div>
      <dl className="divide-y divide-slate-100 text-sm">
        <Row label="Caller" value={phoneLabel(lead.callerPhone)} />
        <Row label="ZIP" value={lead.zip} evidence={ev.zip} />
        <Row label="In area" value={lead.inArea === null ? null : lead.inArea ? "Yes" : "No — out of area"} />
        <Row label="Issue" value={lead.issueSummary} evidence={ev.issueSummary} />
        <Row label="Urgency" value={lead.urgency ? urgencyLabel(lead.urgency) : null} />
        <Row label="Name" value={lead.callerName} evidence={ev.callerName} />
        <Row label="Address" value={lead.address} evidence={ev.address} />
        <Row label="Appointment" value={when(lead.appointmentAt, timeZone)} evidence={ev.appointmentAt} />
        <Row label="Notes" value={lead.notes} />
        {lead.status === "closed" && lead.closeReason ? (
          <Row
            label="Closed"
            value={
              lead.closeReason === "not_a_customer"
                ? `Not a customer${lead.closeNote ? `: ${lead.closeNote.toLowerCase()}` : ""}`
                : (lead.closeNote ?? lead.closeReason)
            }
          />
        ) : null}
        <Row
          label="Next action"
          value={
            lead.nextAction
              ? `${lead.nextAction}${lead.dueAt ? ` (due ${when(lead.dueAt, timeZone)})` : ""}`
              : null
          }
        />
        <Row label="Owner" value={lead.owner} />
      </dl>
      <h3 className="mt-4 text-sm font-semibold">Tasks</h3>
      {lead.tasks.length === 0 ? (
        <p className="text-sm text-slate-500">
          {nextActionAsTask(lead, lead.tasks) ? "No other tasks than the next action above." : "No tasks."}
        </p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm" aria-label="Tasks">
          {lead.tasks.map((t) => (
            <li key={t.id}>
              {t.title}{" "}
              <span className="text-xs text-slate-500">
                — due {when(t.dueAt, timeZone)}
                {t.doneAt ? " · done" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <SimulatorTexts leadId={lead.id} />
      <Link
        href={`/t/${slug}/leads/${lead.id}`}
        className="mt-4 inline-block text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
      >
        Open the lead page →
      </Link>
    </Card>
  );
}
