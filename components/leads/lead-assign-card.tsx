"use client";
// The handoff's three facts to set: one owner, the next action and its due time.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction, type Detail } from "./lead-actions";

export function LeadAssignCard({ d }: { d: Detail }) {
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
          assign.mutate({
            leadId: lead.id,
            ownerId: ownerId || null,
            nextAction: nextAction || null,
            dueAt: fromInput(dueAt),
            reason: reason || null,
          });
        }}
      >
        <Select
          label="Owner"
          value={ownerId}
          onChange={(e) => setOwnerId(e.target.value)}
          error={errors.ownerId}
        >
          <option value="">Nobody (intake)</option>
          {d.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name} ({m.role})
            </option>
          ))}
        </Select>
        <Field
          label="Next action"
          value={nextAction}
          onChange={(e) => setNextAction(e.target.value)}
          error={errors.nextAction}
        />
        <Field
          label="Due"
          type="datetime-local"
          value={dueAt}
          onChange={(e) => setDueAt(e.target.value)}
          error={errors.dueAt}
        />
        {changingAccepted || errors.reason ? (
          <Field
            label="Reason for reassigning an accepted lead"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
            hint="It goes on the timeline; the new owner has to accept again."
          />
        ) : null}
        <Button type="submit" busy={assign.isPending}>
          Save handoff
        </Button>
        <ActionResult error={assign.error} done={assign.isSuccess ? done : null} />
      </form>
    </Card>
  );
}
