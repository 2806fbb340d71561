"use client";
// The lead page: required fields with the caller's words behind them, the call path and
// transcript, tasks, the timeline, the handoff state — and the actions that move the lead.
// Every rule lives on the server; this page shows its answers and its refusals.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc-provider";
import type { AppRouter } from "@/server/trpc/root";
import { Button, ErrorBanner, Field, fieldErrorsFrom, Select, SuccessNote } from "@/components/ui/form";
import { Card, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { ACCEPTANCE_STANDARDS, RECORD_FIELDS } from "@/server/leads/handoff";
import { CLOSE_REASONS } from "@/server/leads/close-reasons";
import { STATUS_LABELS } from "@/server/leads/status-transitions";
import { TOUCHPOINT_KINDS } from "@/server/leads/touchpoint-kinds";
import { OverdueBadge, StatusBadge, TemperatureBadge, TestBadge, UrgencyBadge } from "./badges";
import { BusinessTimeProvider, TimeZoneNote, useBusinessTime } from "./business-time";
import { Timeline } from "./timeline";
import { SmsThread } from "@/components/messaging/sms-thread";
import { LeadOutcomeCard } from "./lead-outcome-card";

function useLeadAction() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = (message: string) => async () => {
    setDone(message);
    await queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() });
  };
  return { trpc, done, setDone, onSuccess };
}

function ActionResult({ error, done }: { error: unknown; done: string | null }) {
  const e = fieldErrorsFrom(error);
  return (
    <div aria-live="polite" className="mt-2 space-y-1">
      {error ? <ErrorBanner message={e.message} /> : null}
      {!error ? <SuccessNote message={done} /> : null}
    </div>
  );
}

export function LeadPage({ id, timeZone }: { id: string; timeZone: string }) {
  return (
    <BusinessTimeProvider timeZone={timeZone}>
      <LeadPageBody id={id} />
    </BusinessTimeProvider>
  );
}

function LeadPageBody({ id }: { id: string }) {
  const trpc = useTRPC();
  const { dateTime, dateTimeRelative } = useBusinessTime();
  const { slug } = useParams<{ slug: string }>();
  const q = useQuery(trpc.leads.get.queryOptions({ id }, { refetchInterval: 30_000 }));
  if (q.isPending) return <Loading label="Loading the lead…" />;
  if (q.error) return <LoadError error={q.error} retry={() => q.refetch()} backHref={`/t/${slug}/leads`} backLabel="Back to the inbox" what="lead" />;
  const d = q.data;
  const { lead } = d;
  const nameOf = (uid: unknown) => d.members.find((m) => m.userId === uid)?.name ?? (uid === lead.ownerId ? (lead.ownerName ?? "Unknown") : "someone");
  const isOwner = lead.ownerId === d.viewerId;
  const open = lead.status !== "closed";
  const overdue = d.overdue;

  return (
    <div className="max-w-6xl">
      <p className="mb-2 text-sm">
        <Link href={`/t/${slug}/leads`} className="text-brand-600 hover:underline">← Inbox</Link>
      </p>
      <PageHeader
        title={lead.callerName ?? "Unknown caller"}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{lead.callerPhone}</span>
            <UrgencyBadge urgency={lead.urgency} />
            <StatusBadge status={lead.status} />
            <TemperatureBadge score={d.temperature.score} band={d.temperature.band.key} />
            {lead.isTest ? <TestBadge /> : null}
            {overdue ? <OverdueBadge /> : null}
            <span className="text-slate-500">Queue: {d.queueGroup.label}</span>
          </span>
        }
      />
      <TimeZoneNote className="-mt-4 mb-4" />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="space-y-6">
          <HandoffCard d={d} isOwner={isOwner} nameOf={nameOf} />
          <Card title="Lead fields" description="Each field the call captured shows the caller's own words it came from.">
            <dl className="divide-y divide-slate-100">
              {d.fields.map((f) => (
                <div key={f.key} className="grid gap-1 py-2 sm:grid-cols-[160px_minmax(0,1fr)]">
                  <dt className="text-sm font-medium text-slate-600">{f.label}</dt>
                  <dd className="text-sm">
                    <FieldValue fieldKey={f.key} lead={lead} />
                    {f.evidence ? (
                      <blockquote className="mt-1 border-l-2 border-brand-200 pl-2 text-xs italic text-slate-500">
                        <span className="sr-only">Caller said: </span>“{f.evidence}”
                      </blockquote>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          </Card>
          {d.calls.map((call) => (
            <Card key={call.id} title={`Call ${dateTime(call.startedAt)}${call.isTest ? " (test)" : ""}`}>
              <h3 className="text-sm font-semibold">Call path</h3>
              <ol aria-label="Call path" className="mt-2 flex flex-wrap items-center gap-2 text-sm">
                {call.path.map((s, i) => (
                  <li key={s.key} className="flex items-center gap-2">
                    {i > 0 ? <span aria-hidden className="text-slate-400">→</span> : null}
                    <span className={`rounded px-2 py-0.5 ${s.state === "stopped" ? "bg-amber-50 text-amber-800" : s.state === "skipped" ? "bg-slate-50 text-slate-400" : "bg-slate-100"}`}>
                      {s.label}
                      {s.detail ? <span className="text-xs text-slate-500"> ({s.detail})</span> : null}
                    </span>
                  </li>
                ))}
              </ol>
              <h3 className="mt-4 text-sm font-semibold">Transcript</h3>
              {call.turns.length ? (
                <ol aria-label="Transcript" className="mt-2 space-y-1.5">
                  {call.turns.map((t) => (
                    <li key={t.seq} className={`rounded-md px-3 py-1.5 text-sm ${t.speaker === "caller" ? "bg-brand-50" : "bg-slate-50"}`}>
                      <span className="font-medium capitalize">{t.speaker === "agent" ? "AI" : t.speaker}:</span> {t.text}
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="mt-1 text-sm text-slate-500">No conversation on this call.</p>
              )}
            </Card>
          ))}
          <Card title="Tasks">
            {d.tasks.length ? (
              <ul className="divide-y divide-slate-100">
                {d.tasks.map((t) => (
                  <li key={t.id} className="py-2 text-sm">
                    <p className="font-medium">{t.title}</p>
                    <p className={t.overdue ? "text-red-700" : "text-slate-500"}>
                      {t.kind.replace("_", " ")} · due {dateTimeRelative(t.dueAt)} · {t.doneAt ? `done ${dateTime(t.doneAt)}` : t.overdue ? "overdue" : "open"}
                      {t.assigneeName ? ` · ${t.assigneeName}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">No tasks on this lead.</p>
            )}
          </Card>
          <Card title="Timeline">
            <Timeline events={d.timeline} nameOf={nameOf} />
          </Card>
          <SmsThread leadId={lead.id} canReply={open} />
        </div>

        <div className="space-y-6">
          <LeadOutcomeCard lead={lead} />
          <TouchpointCard leadId={lead.id} open={open} />
          {open ? <AssignCard d={d} /> : null}
          {open ? <StatusCard leadId={lead.id} choices={d.statusChoices} /> : d.statusChoices.includes("followup_needed") ? <ReopenCard leadId={lead.id} /> : null}
          {open ? <BookCard leadId={lead.id} slots={d.booking.slots} timeZone={d.booking.timeZone} /> : null}
          {open ? <DetailsCard d={d} /> : null}
          {open ? <CloseCard leadId={lead.id} /> : null}
        </div>
      </div>
    </div>
  );
}

type Detail = inferRouterOutputs<AppRouter>["leads"]["get"];

function FieldValue({ fieldKey, lead }: { fieldKey: string; lead: Detail["lead"] }): ReactNode {
  const { dateTimeRelative } = useBusinessTime();
  const v = (lead as Record<string, unknown>)[fieldKey];
  if (fieldKey === "ownerId") return lead.ownerName ?? <span className="text-amber-700">Unowned</span>;
  if (fieldKey === "status") return STATUS_LABELS[lead.status];
  if (fieldKey === "closeReason") return lead.closeReason ? `${lead.closeReasonLabel}${lead.closeNote ? ` — ${lead.closeNote}` : ""}` : "—";
  if (fieldKey === "inArea") return v === true ? "Yes" : v === false ? "No — out of area" : "—";
  if (v instanceof Date) return dateTimeRelative(v);
  if (v === null || v === undefined || v === "") return <span className="text-slate-400">—</span>;
  return String(v).replace(/_/g, fieldKey === "source" ? " " : "_");
}

function HandoffCard({ d, isOwner, nameOf }: { d: Detail; isOwner: boolean; nameOf: (id: unknown) => string }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const { dateTime, dateTimeRelative } = useBusinessTime();
  const accept = useMutation(trpc.leads.accept.mutationOptions({ onSuccess: onSuccess("Handoff accepted.") }));
  const router = useRouter();
  const { slug } = useParams<{ slug: string }>();
  const queryClient = useQueryClient();
  // The rejected lead may go to someone else and out of this person's sight: back to the inbox.
  const reject = useMutation(
    trpc.leads.reject.mutationOptions({
      onSuccess: () => {
        router.push(`/t/${slug}/leads?notice=rejected`);
        void queryClient.invalidateQueries({ queryKey: trpc.leads.inbox.pathKey() });
      },
    }),
  );
  const [confirm, setConfirm] = useState<Record<string, boolean>>({});
  const [missingField, setMissingField] = useState("");
  const [reason, setReason] = useState("");
  const { handoff, lead } = d;
  const closed = lead.status === "closed";
  const canRespond = isOwner && !lead.acceptedAt && !closed;
  const rejectErrors = fieldErrorsFrom(reject.error).fields;

  return (
    <Card title="Handoff">
      <div role="status" aria-live="polite">
        {closed ? (
          <p className="text-sm">Closed — no handoff needed.</p>
        ) : handoff.handedOff ? (
          <p className="text-sm text-green-800">Handed off: {lead.ownerName} accepted on {dateTime(lead.acceptedAt)}.</p>
        ) : (
          <div className="text-sm">
            <p className="font-medium text-amber-800">Still belongs to intake. Missing:</p>
            <ul className="mt-1 list-disc pl-5" aria-label="Missing for handoff">
              {handoff.missing.map((m) => (
                <li key={m.key}>{m.label}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <p className="mt-2 text-sm text-slate-600">
        Owner: {lead.ownerId ? nameOf(lead.ownerId) : "nobody"} · Next action: {lead.nextAction ?? "—"} · Due: {lead.dueAt ? dateTimeRelative(lead.dueAt) : "—"}
      </p>
      {canRespond ? (
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <form
            aria-label="Accept handoff"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              accept.mutate({ leadId: lead.id, confirmations: confirm });
            }}
          >
            <fieldset>
              <legend className="text-sm font-semibold">Accept: confirm all four</legend>
              {ACCEPTANCE_STANDARDS.map((s) => (
                <label key={s.key} className="mt-2 flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-0.5" checked={!!confirm[s.key]} onChange={(e) => setConfirm((c) => ({ ...c, [s.key]: e.target.checked }))} />
                  {s.label}
                </label>
              ))}
            </fieldset>
            <Button type="submit" className="mt-3" busy={accept.isPending} disabled={ACCEPTANCE_STANDARDS.some((s) => !confirm[s.key])}>
              Accept handoff
            </Button>
            <ActionResult error={accept.error} done={accept.isSuccess ? done : null} />
          </form>
          <form
            aria-label="Reject handoff"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              reject.mutate({ leadId: lead.id, missingField, reason });
            }}
          >
            <p className="text-sm font-semibold">Reject: the record is incomplete</p>
            <Select label="Missing field" value={missingField} onChange={(e) => setMissingField(e.target.value)} error={rejectErrors.missingField} className="mt-2">
              <option value="">Choose…</option>
              {RECORD_FIELDS.map((f) => (
                <option key={f.key} value={f.key}>{f.label}</option>
              ))}
            </Select>
            <Field label="What is missing or wrong" value={reason} onChange={(e) => setReason(e.target.value)} error={rejectErrors.reason} className="mt-2" />
            <Button type="submit" variant="danger" className="mt-3" busy={reject.isPending}>
              Reject handoff
            </Button>
            <ActionResult error={reject.error} done={reject.isSuccess ? "Handoff rejected: the lead is back with intake." : null} />
          </form>
        </div>
      ) : !closed && !lead.acceptedAt && lead.ownerId ? (
        <p className="mt-2 text-sm text-slate-500">Waiting for {nameOf(lead.ownerId)} to accept or reject.</p>
      ) : null}
    </Card>
  );
}

function TouchpointCard({ leadId, open }: { leadId: string; open: boolean }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const log = useMutation(trpc.leads.logTouchpoint.mutationOptions({ onSuccess: onSuccess("Logged.") }));
  const { fromInput } = useBusinessTime();
  const [kind, setKind] = useState<string>(open ? "called_back" : "note");
  const [text, setText] = useState("");
  const [nextAction, setNextAction] = useState("");
  const [dueAt, setDueAt] = useState("");
  const errors = fieldErrorsFrom(log.error).fields;
  return (
    <Card title="Log a touchpoint">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          log.mutate({ leadId, kind, text: text || null, nextAction: nextAction || null, dueAt: fromInput(dueAt) }, { onSuccess: () => { setText(""); setNextAction(""); setDueAt(""); } });
        }}
        className="space-y-2"
      >
        <Select label="What happened" value={kind} onChange={(e) => setKind(e.target.value)}>
          {TOUCHPOINT_KINDS.filter((k) => open || k.kind === "note").map((k) => (
            <option key={k.kind} value={k.kind}>{k.label}</option>
          ))}
        </Select>
        <Field label={kind === "note" ? "Note" : "Notes (optional)"} value={text} onChange={(e) => setText(e.target.value)} error={errors.text} />
        {open ? (
          <>
            <Field label="New next action (optional)" value={nextAction} onChange={(e) => setNextAction(e.target.value)} />
            <Field label="Due (optional)" type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} error={errors.dueAt} />
          </>
        ) : null}
        <Button type="submit" busy={log.isPending}>Log touchpoint</Button>
        <ActionResult error={log.error} done={log.isSuccess ? done : null} />
      </form>
    </Card>
  );
}

function AssignCard({ d }: { d: Detail }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const assign = useMutation(trpc.leads.assign.mutationOptions({ onSuccess: onSuccess("Handoff updated.") }));
  const { lead } = d;
  const [ownerId, setOwnerId] = useState(lead.ownerId ?? "");
  const [nextAction, setNextAction] = useState(lead.nextAction ?? "");
  const { toInput, fromInput } = useBusinessTime();
  const [dueAt, setDueAt] = useState(toInput(lead.dueAt));
  const [reason, setReason] = useState("");
  const errors = fieldErrorsFrom(assign.error).fields;
  const changingAccepted = !!lead.acceptedAt && ownerId !== (lead.ownerId ?? "");
  return (
    <Card title="Owner, next action, due time">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate({ leadId: lead.id, ownerId: ownerId || null, nextAction: nextAction || null, dueAt: fromInput(dueAt), reason: reason || null });
        }}
      >
        <Select label="Owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={errors.ownerId}>
          <option value="">Nobody (intake)</option>
          {d.members.map((m) => (
            <option key={m.userId} value={m.userId}>{m.name} ({m.role})</option>
          ))}
        </Select>
        <Field label="Next action" value={nextAction} onChange={(e) => setNextAction(e.target.value)} error={errors.nextAction} />
        <Field label="Due" type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} error={errors.dueAt} />
        {changingAccepted || errors.reason ? (
          <Field label="Reason for reassigning an accepted lead" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} hint="It goes on the timeline; the new owner has to accept again." />
        ) : null}
        <Button type="submit" busy={assign.isPending}>Save handoff</Button>
        <ActionResult error={assign.error} done={assign.isSuccess ? done : null} />
      </form>
    </Card>
  );
}

function StatusCard({ leadId, choices }: { leadId: string; choices: (keyof typeof STATUS_LABELS)[] }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const change = useMutation(trpc.leads.changeStatus.mutationOptions({ onSuccess: onSuccess("Status changed.") }));
  const [status, setStatus] = useState("");
  return (
    <Card title="Status">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (status) change.mutate({ leadId, status: status as keyof typeof STATUS_LABELS });
        }}
      >
        <Select label="Change status to" value={status} onChange={(e) => setStatus(e.target.value)} error={fieldErrorsFrom(change.error).fields.status}>
          <option value="">Choose…</option>
          {choices.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </Select>
        <p className="text-xs text-slate-500">Booking needs a time (Book appointment); closing needs a reason code (Close lead).</p>
        <Button type="submit" variant="secondary" busy={change.isPending} disabled={!status}>Change status</Button>
        <ActionResult error={change.error} done={change.isSuccess ? done : null} />
      </form>
    </Card>
  );
}

/** A closed lead offers one move: reopen it as follow-up needed (the transition table allows nothing else). */
function ReopenCard({ leadId }: { leadId: string }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const change = useMutation(trpc.leads.changeStatus.mutationOptions({ onSuccess: onSuccess("Lead reopened as follow-up needed.") }));
  return (
    <Card title="Reopen lead" description="A closed lead can come back as follow-up needed; its close reason is cleared and the handoff starts again.">
      <Button variant="secondary" busy={change.isPending} onClick={() => change.mutate({ leadId, status: "followup_needed" })}>
        Reopen as follow-up needed
      </Button>
      <ActionResult error={change.error} done={change.isSuccess ? done : null} />
    </Card>
  );
}

function BookCard({ leadId, slots, timeZone }: { leadId: string; slots: { startsAt: string; label: string }[]; timeZone: string }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const book = useMutation(trpc.leads.book.mutationOptions({ onSuccess: onSuccess("Appointment booked.") }));
  const [choice, setChoice] = useState("");
  const [customAt, setCustomAt] = useState("");
  const { fromInput } = useBusinessTime();
  const errors = fieldErrorsFrom(book.error).fields;
  return (
    <Card title="Book appointment" description={`From your booking slots (${timeZone}) or a custom time the customer agreed to.`}>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          book.mutate(choice === "custom" ? { leadId, customAt: fromInput(customAt) } : { leadId, slotStartsAt: choice || null });
        }}
      >
        <fieldset>
          <legend className="sr-only">Time</legend>
          {slots.map((s) => (
            <label key={s.startsAt} className="flex items-center gap-2 text-sm">
              <input type="radio" name="slot" value={s.startsAt} checked={choice === s.startsAt} onChange={() => setChoice(s.startsAt)} />
              {s.label}
            </label>
          ))}
          {!slots.length ? <p className="text-sm text-slate-500">No booking slots in the next two weeks.</p> : null}
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="slot" value="custom" checked={choice === "custom"} onChange={() => setChoice("custom")} />
            Custom time
          </label>
        </fieldset>
        {choice === "custom" ? <Field label="Appointment time" type="datetime-local" value={customAt} onChange={(e) => setCustomAt(e.target.value)} error={errors.customAt} /> : null}
        <Button type="submit" busy={book.isPending} disabled={!choice}>Book</Button>
        <ActionResult error={book.error} done={book.isSuccess ? done : null} />
      </form>
    </Card>
  );
}

function DetailsCard({ d }: { d: Detail }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const update = useMutation(trpc.leads.updateDetails.mutationOptions({ onSuccess: onSuccess("Details saved.") }));
  const { lead } = d;
  const [urgency, setUrgency] = useState(lead.urgency ?? "");
  const [notes, setNotes] = useState(lead.notes ?? "");
  const [isEstimate, setIsEstimate] = useState(lead.isEstimate);
  const { toInput, fromInput } = useBusinessTime();
  const [followUpAt, setFollowUpAt] = useState(toInput(lead.followUpAt));
  const errors = fieldErrorsFrom(update.error).fields;
  return (
    <Card title="Intake details">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ leadId: lead.id, ...(urgency ? { urgency: urgency as "emergency" | "high" | "normal" | "low" } : {}), notes, isEstimate, followUpAt: fromInput(followUpAt) });
        }}
      >
        <Select label="Urgency" value={urgency} onChange={(e) => setUrgency(e.target.value as typeof urgency)}>
          <option value="">Not set</option>
          {["emergency", "high", "normal", "low"].map((u) => (
            <option key={u} value={u}>{u}</option>
          ))}
        </Select>
        <label className="flex flex-col text-sm font-medium text-slate-700">
          Summary notes
          <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} aria-invalid={errors.notes ? true : undefined} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm font-normal" />
          {errors.notes ? <span className="mt-1 text-xs font-normal text-red-600">{errors.notes}</span> : null}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isEstimate} onChange={(e) => setIsEstimate(e.target.checked)} /> Estimate / consult lead
        </label>
        {isEstimate ? <Field label="Target follow-up date" type="datetime-local" value={followUpAt} onChange={(e) => setFollowUpAt(e.target.value)} error={errors.followUpAt} /> : null}
        <Button type="submit" variant="secondary" busy={update.isPending}>Save details</Button>
        <ActionResult error={update.error} done={update.isSuccess ? done : null} />
      </form>
    </Card>
  );
}

function CloseCard({ leadId }: { leadId: string }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const close = useMutation(trpc.leads.close.mutationOptions({ onSuccess: onSuccess("Lead closed.") }));
  const [reason, setReason] = useState("");
  const [attempts, setAttempts] = useState("");
  const [note, setNote] = useState("");
  const errors = fieldErrorsFrom(close.error).fields;
  return (
    <Card title="Close lead">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          close.mutate({ leadId, reason: reason as (typeof CLOSE_REASONS)[number]["code"], attempts: attempts ? Number(attempts) : null, note: note || null });
        }}
      >
        <Select label="Close reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason}>
          <option value="">Choose…</option>
          {CLOSE_REASONS.map((r) => (
            <option key={r.code} value={r.code}>{r.label}</option>
          ))}
        </Select>
        {reason === "no_answer_after_attempts" ? <Field label="Attempts made" type="number" min={1} max={50} value={attempts} onChange={(e) => setAttempts(e.target.value)} error={errors.attempts} /> : null}
        <Field label={reason === "other" ? "Note (required)" : "Note (optional)"} value={note} onChange={(e) => setNote(e.target.value)} error={errors.note} />
        <Button type="submit" variant="danger" busy={close.isPending} disabled={!reason}>Close lead</Button>
        <ActionResult error={close.error} done={close.isSuccess ? done : null} />
      </form>
    </Card>
  );
}
