"use client";
// Intake details the office can correct: urgency, the caller's email, summary notes, the estimate flag and its follow-up date.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { urgencyLabel } from "@/server/leads/labels";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction, type Detail } from "./lead-actions";

export function LeadDetailsCard({ d }: { d: Detail }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const update = useMutation(
    trpc.leads.updateDetails.mutationOptions({ onSuccess: onSuccess("Details saved.") }),
  );
  const { lead } = d;
  const [urgency, setUrgency] = useState(lead.urgency ?? "");
  const [notes, setNotes] = useState(lead.notes ?? "");
  const [callerEmail, setCallerEmail] = useState(lead.callerEmail ?? "");
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
          update.mutate({
            leadId: lead.id,
            ...(urgency ? { urgency: urgency as "emergency" | "high" | "normal" | "low" } : {}),
            notes,
            callerEmail,
            isEstimate,
            followUpAt: fromInput(followUpAt),
          });
        }}
      >
        <Select
          label="Urgency"
          value={urgency}
          onChange={(e) => setUrgency(e.target.value as typeof urgency)}
        >
          <option value="">Not set</option>
          {["emergency", "high", "normal", "low"].map((u) => (
            <option key={u} value={u}>
              {urgencyLabel(u)}
            </option>
          ))}
        </Select>
        <Field
          label="Caller's email"
          type="email"
          autoComplete="off"
          value={callerEmail}
          onChange={(e) => setCallerEmail(e.target.value)}
          error={errors.callerEmail}
          hint={
            lead.emailOptedOutAt
              ? "This caller unsubscribed from emails: follow-up emails are not sent."
              : "Follow-up emails go here. Leave empty for none."
          }
        />
        <label className="flex flex-col text-sm font-medium text-slate-700">
          Summary notes
          <textarea
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            rows={3}
            aria-invalid={errors.notes ? true : undefined}
            className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm font-normal"
          />
          {errors.notes ? (
            <span className="mt-1 text-xs font-normal text-red-600">{errors.notes}</span>
          ) : null}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-5"
            checked={isEstimate}
            onChange={(e) => setIsEstimate(e.target.checked)}
          />{" "}
          Estimate / consult lead
        </label>
        {isEstimate ? (
          <Field
            label="Target follow-up date"
            type="datetime-local"
            value={followUpAt}
            onChange={(e) => setFollowUpAt(e.target.value)}
            error={errors.followUpAt}
          />
        ) : null}
        <Button type="submit" variant="secondary" busy={update.isPending}>
          Save details
        </Button>
        <ActionResult error={update.error} done={update.isSuccess ? done : null} />
      </form>
    </Card>
  );
}
