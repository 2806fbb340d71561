"use client";
// The handoff's three facts to set: one owner, the next action and its due time. The form follows
// the lead (a touchpoint or a booking elsewhere on the page changes them) and its save says what
// it started from, so a save over a newer next action is refused instead of writing the old one back.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction, type Detail } from "./lead-actions";
import { ChangedUnderneathNote } from "./changed-underneath-note";
import { useLeadForm } from "./use-lead-form";

const FIELD_WORDS = { ownerId: "the owner", nextAction: "the next action", dueAt: "the due time" } as const;

export function LeadAssignCard({ d }: { d: Detail }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const assign = useMutation(trpc.leads.assign.mutationOptions({ onSuccess: onSuccess("Handoff updated.") }));
  const { lead } = d;
  const { toInput, fromInput } = useBusinessTime();
  const form = useLeadForm({
    ownerId: lead.ownerId ?? "",
    nextAction: lead.nextAction ?? "",
    dueAt: toInput(lead.dueAt),
  });
  const { ownerId, nextAction, dueAt } = form.values;
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
            seen: {
              ownerId: form.base.ownerId || null,
              nextAction: form.base.nextAction || null,
              dueAt: fromInput(form.base.dueAt),
            },
          });
        }}
      >
        {form.changed.length ? (
          <ChangedUnderneathNote onReset={form.reset}>
            This lead changed while you were editing: {form.changed.map((k) => FIELD_WORDS[k]).join(", ")}{" "}
            {form.changed.length > 1 ? "are" : "is"} now different
            {form.changed.includes("nextAction")
              ? ` (next action: “${form.latest.nextAction || "none"}”)`
              : ""}
            . Your edits are kept, but a save over the newer values is refused: look at them first.
          </ChangedUnderneathNote>
        ) : null}
        <Select
          label="Owner"
          value={ownerId}
          onChange={(e) => form.set("ownerId", e.target.value)}
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
          onChange={(e) => form.set("nextAction", e.target.value)}
          error={errors.nextAction}
        />
        <Field
          label="Due"
          type="datetime-local"
          value={dueAt}
          onChange={(e) => form.set("dueAt", e.target.value)}
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
