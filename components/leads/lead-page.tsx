"use client";
// The lead page, phone first: who called and how to reach them, the next action and the
// handoff, then the actions (a sticky bar on phones jumps to them), then the record — fields,
// calls, tasks, texts — and the timeline last. One file per card; every rule lives on the
// server, and this page shows its answers and its refusals.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { SmsThread } from "@/components/messaging/sms-thread";
import { OverdueBadge, StatusBadge, TemperatureBadge, TestBadge, UrgencyBadge } from "./badges";
import { BusinessTimeProvider, TimeZoneNote } from "./business-time";
import { PhoneLink } from "./contact-links";
import { LeadActionBar } from "./lead-action-bar";
import { LeadProblemSummary } from "./lead-problem-summary";
import { LeadOutcomeCard } from "./lead-outcome-card";
import { LeadAssignCard } from "./lead-assign-card";
import { LeadBookCard } from "./lead-book-card";
import { LeadCallCard } from "./lead-call-card";
import { LeadCloseCard } from "./lead-close-card";
import { LeadDetailsCard } from "./lead-details-card";
import { LeadFieldsCard } from "./lead-fields-card";
import { LeadHandoffCard } from "./lead-handoff-card";
import { LeadNotACustomerCard, LeadReopenCard, LeadStatusCard } from "./lead-status-card";
import { LeadQaFlagsCard } from "./lead-qa-flags-card";
import { LeadTasksCard } from "./lead-tasks-card";
import { LeadTimelineCard } from "./lead-timeline-card";
import { LeadTouchpointCard } from "./lead-touchpoint-card";

export function LeadPage({ id, timeZone }: { id: string; timeZone: string }) {
  return (
    <BusinessTimeProvider timeZone={timeZone}>
      <LeadPageBody id={id} />
    </BusinessTimeProvider>
  );
}

function LeadPageBody({ id }: { id: string }) {
  const trpc = useTRPC();
  const { slug } = useParams<{ slug: string }>();
  const q = useQuery(trpc.leads.get.queryOptions({ id }, { refetchInterval: 30_000 }));
  if (q.isPending) return <Loading label="Loading the lead…" />;
  if (q.error)
    return (
      <LoadError
        error={q.error}
        retry={() => q.refetch()}
        backHref={`/t/${slug}/leads`}
        backLabel="Back to the inbox"
        what="lead"
      />
    );
  const d = q.data;
  const { lead } = d;
  const nameOf = (uid: unknown) =>
    d.members.find((m) => m.userId === uid)?.name ??
    (uid === lead.ownerId ? (lead.ownerName ?? "Unknown") : "someone");
  const open = lead.status !== "closed";

  return (
    <div className="max-w-6xl pb-20 lg:pb-0">
      <p className="mb-2 text-sm">
        <Link href={`/t/${slug}/leads`} className="tap text-brand-700 underline-offset-2 hover:underline">
          ← Inbox
        </Link>
      </p>
      <PageHeader
        title={lead.callerName ?? "Unknown caller"}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <PhoneLink phone={lead.callerPhone} />
            <UrgencyBadge urgency={lead.urgency} />
            <StatusBadge status={lead.status} />
            <TemperatureBadge score={d.temperature.score} band={d.temperature.band.key} />
            {lead.isTest ? <TestBadge /> : null}
            {d.overdue ? <OverdueBadge noDueTime={!lead.dueAt} /> : null}
            <span className="text-slate-600">Queue: {d.queueGroup.label}</span>
          </span>
        }
      />
      <TimeZoneNote className="-mt-4 mb-4" />

      {/* Phones: next action, actions, record, timeline. Wide screens: actions in a side column. */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px] lg:grid-rows-[auto_1fr]">
        <div className="space-y-4 lg:col-start-1 lg:row-start-1">
          <LeadHandoffCard d={d} nameOf={nameOf} />
          <LeadProblemSummary d={d} />
        </div>
        <div className="space-y-6 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <LeadOutcomeCard lead={lead} />
          <div id="log-touchpoint" className="scroll-mt-4">
            <LeadTouchpointCard leadId={lead.id} open={open} slots={open ? d.booking.slots : []} />
          </div>
          {open ? (
            <div id="book" className="scroll-mt-4">
              <LeadBookCard leadId={lead.id} slots={d.booking.slots} timeZone={d.booking.timeZone} />
            </div>
          ) : null}
          {open ? <LeadAssignCard d={d} /> : null}
          {open ? (
            <LeadStatusCard leadId={lead.id} choices={d.statusChoices} />
          ) : lead.notACustomer ? (
            <LeadNotACustomerCard leadId={lead.id} label={lead.notACustomer} />
          ) : d.statusChoices.includes("followup_needed") ? (
            <LeadReopenCard leadId={lead.id} />
          ) : null}
          {open ? <LeadDetailsCard d={d} /> : null}
          {open ? (
            <div id="close" className="scroll-mt-4">
              <LeadCloseCard leadId={lead.id} />
            </div>
          ) : null}
        </div>
        <div className="space-y-6 lg:col-start-1 lg:row-start-2">
          {d.qaFlags.length ? <LeadQaFlagsCard flags={d.qaFlags} /> : null}
          <LeadFieldsCard d={d} />
          {d.calls.map((call) => (
            <LeadCallCard key={call.id} call={call} />
          ))}
          <LeadTasksCard lead={lead} tasks={d.tasks} />
          <SmsThread leadId={lead.id} canReply={open} />
          <LeadTimelineCard events={d.timeline} nameOf={nameOf} />
        </div>
      </div>
      <LeadActionBar phone={lead.callerPhone} open={open} />
    </div>
  );
}
