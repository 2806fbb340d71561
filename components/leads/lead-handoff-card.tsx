"use client";
// The next action and the handoff: who owns the lead, what is next and by when, and — for the
// receiving person — the four acceptance points confirmed with one "Accept" click (or a
// rejection naming the missing field). Owners and managers can take the lead over and accept
// it themselves. After a rejection it says what intake must fix, not "waiting to accept".
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { ACCEPTANCE_STANDARDS, RECORD_FIELDS } from "@/server/leads/handoff";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction, type Detail } from "./lead-actions";

const ALL_CONFIRMED = Object.fromEntries(ACCEPTANCE_STANDARDS.map((s) => [s.key, true])) as Record<
  (typeof ACCEPTANCE_STANDARDS)[number]["key"],
  true
>;

export function LeadHandoffCard({ d, nameOf }: { d: Detail; nameOf: (id: unknown) => string }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const { dateTime, dateTimeRelative } = useBusinessTime();
  const accept = useMutation(
    trpc.leads.accept.mutationOptions({ onSuccess: onSuccess("Handoff accepted.") }),
  );
  const takeOver = useMutation(
    trpc.leads.accept.mutationOptions({ onSuccess: onSuccess("You took over this lead and accepted it.") }),
  );
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
  const [showReject, setShowReject] = useState(false);
  const [missingField, setMissingField] = useState("");
  const [reason, setReason] = useState("");
  const { handoff, lead } = d;
  const closed = lead.status === "closed";
  const isOwner = lead.ownerId === d.viewerId;
  const canRespond = isOwner && !lead.acceptedAt && !closed;
  const canTakeOver = d.canTakeOver && !isOwner && !lead.acceptedAt && !closed;
  const rejectErrors = fieldErrorsFrom(reject.error).fields;
  // "You took over this lead" / "Handoff accepted" only while it is still true: a later reassignment (here or by someone else) ends it.
  const stillMine = isOwner && !!lead.acceptedAt;
  const rejection = handoff.rejection;

  return (
    <section
      aria-labelledby="next-action-title"
      className="rounded-lg border-2 border-brand-200 bg-white p-5 shadow-sm"
    >
      <h2 id="next-action-title" className="text-base font-semibold">
        Next action
      </h2>
      <p className="mt-2 text-lg font-medium" data-testid="next-action">
        {lead.nextAction ?? (closed ? "None: the lead is closed." : "No next action yet: set one below.")}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {lead.dueAt ? <>Due {dateTimeRelative(lead.dueAt)}</> : "No due time"} · Owner:{" "}
        {isOwner ? "you" : lead.ownerId ? nameOf(lead.ownerId) : "nobody yet (intake)"}
      </p>
      <div role="status" aria-live="polite" className="mt-3 text-sm">
        {closed ? (
          <p>Closed — no handoff needed.</p>
        ) : handoff.handedOff ? (
          <p className="text-green-800">
            Handed off: {isOwner ? "you" : lead.ownerName} accepted on {dateTime(lead.acceptedAt)}.
          </p>
        ) : rejection ? (
          <p className="text-amber-900" data-testid="handoff-rejected">
            {rejection.byViewer ? "You" : rejection.byName} rejected the handoff on {dateTime(rejection.at)}:
            missing {rejection.fieldLabel} (“{rejection.reason}”). Intake fixes the record
            {isOwner
              ? ", then you accept it"
              : lead.ownerId
                ? `, then ${nameOf(lead.ownerId)} accepts it`
                : " and names an owner"}
            .
          </p>
        ) : (
          <div>
            <p className="font-medium text-amber-900">Not handed off yet. Still to do:</p>
            <ul className="mt-1 list-disc pl-5" aria-label="Missing for handoff">
              {handoff.missing.map((m) => (
                <li key={m.key}>
                  {m.key === "acceptance" && isOwner
                    ? "You accept it (below)"
                    : m.key === "acceptance" && lead.ownerId
                      ? `${nameOf(lead.ownerId)} has not accepted yet`
                      : m.label}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {canRespond ? (
        <div className="mt-4">
          <form
            aria-label="Accept handoff"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              accept.mutate({ leadId: lead.id, confirmations: ALL_CONFIRMED });
            }}
          >
            {d.members.length === 1 ? (
              <p className="mb-2 text-sm text-slate-700" data-testid="only-member-note">
                You are the only person in this business, so nobody else is alerted when a lead waits: one tap
                on Accept tells the record you have it.
              </p>
            ) : null}
            <p className="text-sm font-semibold">By accepting you confirm:</p>
            <ul className="mt-1 space-y-1 text-sm" aria-label="Acceptance points">
              {ACCEPTANCE_STANDARDS.map((s) => (
                <li key={s.key} className="flex items-start gap-2">
                  <span aria-hidden className="text-green-700">
                    ✓
                  </span>
                  {s.label}
                </li>
              ))}
            </ul>
            <div className="mt-3 flex flex-wrap gap-3">
              <Button type="submit" busy={accept.isPending}>
                Accept
              </Button>
              <Button
                type="button"
                variant="secondary"
                aria-expanded={showReject}
                onClick={() => setShowReject((v) => !v)}
              >
                Reject…
              </Button>
            </div>
            <ActionResult error={accept.error} done={accept.isSuccess && stillMine ? done : null} />
          </form>
          {showReject ? (
            <form
              aria-label="Reject handoff"
              className="mt-4 border-t border-slate-200 pt-4"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                reject.mutate({ leadId: lead.id, missingField, reason });
              }}
            >
              <p className="text-sm font-semibold">Reject: the record is incomplete</p>
              <Select
                label="Missing field"
                value={missingField}
                onChange={(e) => setMissingField(e.target.value)}
                error={rejectErrors.missingField}
                className="mt-2"
              >
                <option value="">Choose…</option>
                {RECORD_FIELDS.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </Select>
              <Field
                label="What is missing or wrong"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={rejectErrors.reason}
                className="mt-2"
              />
              <Button type="submit" variant="danger" className="mt-3" busy={reject.isPending}>
                Reject handoff
              </Button>
              <ActionResult error={reject.error} done={null} />
            </form>
          ) : null}
        </div>
      ) : canTakeOver ? (
        <div className="mt-4">
          <Button
            type="button"
            variant="secondary"
            busy={takeOver.isPending}
            onClick={() => takeOver.mutate({ leadId: lead.id, confirmations: ALL_CONFIRMED, takeOver: true })}
          >
            Take over and accept
          </Button>
          <p className="mt-1 text-xs text-slate-600">
            The lead becomes yours, accepted now; the timeline records that you took it over.
          </p>
          <ActionResult error={takeOver.error} done={takeOver.isSuccess && stillMine ? done : null} />
        </div>
      ) : null}
    </section>
  );
}
