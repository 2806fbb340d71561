"use client";
// Moving a lead's status (the transition table decides the choices), and reopening a closed one.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { STATUS_LABELS } from "@/server/leads/labels";
import { ActionResult, useLeadAction } from "./lead-actions";

export function LeadStatusCard({
  leadId,
  choices,
}: {
  leadId: string;
  choices: (keyof typeof STATUS_LABELS)[];
}) {
  const { trpc, done, onSuccess } = useLeadAction();
  const change = useMutation(
    trpc.leads.changeStatus.mutationOptions({ onSuccess: onSuccess("Status changed.") }),
  );
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
        <Select
          label="Change status to"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          error={fieldErrorsFrom(change.error).fields.status}
        >
          <option value="">Choose…</option>
          {choices.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        <p className="text-xs text-slate-500">
          Booking needs a time (Book appointment); closing needs a reason code (Close lead).
        </p>
        {status === "not_booked" ? (
          <p className="text-xs text-slate-500" data-testid="not-booked-hint">
            Nobody calls a not-booked lead back: its next action becomes closing it as declined (or out of
            area) within a day. An estimate lead is followed up by its target date instead.
          </p>
        ) : null}
        <Button type="submit" variant="secondary" busy={change.isPending} disabled={!status}>
          Change status
        </Button>
        <ActionResult error={change.error} done={change.isSuccess ? done : null} />
      </form>
    </Card>
  );
}

/** A closed lead offers one move: reopen it as follow-up needed (the transition table allows nothing else). */
export function LeadReopenCard({ leadId }: { leadId: string }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const change = useMutation(
    trpc.leads.changeStatus.mutationOptions({ onSuccess: onSuccess("Lead reopened as follow-up needed.") }),
  );
  return (
    <Card
      title="Reopen lead"
      description="A closed lead can come back as follow-up needed; its close reason is cleared and the handoff starts again."
    >
      <Button
        variant="secondary"
        busy={change.isPending}
        onClick={() => change.mutate({ leadId, status: "followup_needed" })}
      >
        Reopen as follow-up needed
      </Button>
      <ActionResult error={change.error} done={change.isSuccess ? done : null} />
    </Card>
  );
}

/** A call the AI closed as not from a customer: shows which, and one click makes it a real lead. */
export function LeadNotACustomerCard({ leadId, label }: { leadId: string; label: string }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const restore = useMutation(
    trpc.leads.markRealCustomer.mutationOptions({
      onSuccess: onSuccess("Marked a real customer: the lead is open again with a call-back due."),
    }),
  );
  return (
    <Card
      title={label}
      description="The AI closed this call as not from a customer, so it got no text and no callback and is not billed. If the AI was wrong, make it a real lead: it goes back to follow-up with a call-back due in 15 minutes."
    >
      <Button busy={restore.isPending} onClick={() => restore.mutate({ leadId })}>
        This is a real customer
      </Button>
      <ActionResult error={restore.error} done={restore.isSuccess ? done : null} />
    </Card>
  );
}
