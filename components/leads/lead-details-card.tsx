"use client";
// Intake details the office can correct: urgency, the caller's email, summary notes, the estimate flag and its follow-up date.
// The form follows the lead while nobody types in it, and says so when the lead changes under edits.
import { useMutation } from "@tanstack/react-query";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { urgencyLabel } from "@/server/leads/labels";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction, type Detail } from "./lead-actions";
import { ChangedUnderneathNote } from "./changed-underneath-note";
import { useLeadForm } from "./use-lead-form";

const DETAIL_WORDS = {
  urgency: "the urgency",
  notes: "the summary notes",
  callerEmail: "the caller's email",
  isEstimate: "the estimate flag",
  followUpAt: "the follow-up date",
} as const;

export function LeadDetailsCard({ d }: { d: Detail }) {
  const { trpc, done, onSuccess } = useLeadAction();
  const update = useMutation(
    trpc.leads.updateDetails.mutationOptions({ onSuccess: onSuccess("Details saved.") }),
  );
  const { lead } = d;
  const { toInput, fromInput } = useBusinessTime();
  const form = useLeadForm({
    urgency: lead.urgency ?? "",
    notes: lead.notes ?? "",
    callerEmail: lead.callerEmail ?? "",
    isEstimate: lead.isEstimate,
    followUpAt: toInput(lead.followUpAt),
  });
  const { urgency, notes, callerEmail, isEstimate, followUpAt } = form.values;
  const errors = fieldErrorsFrom(update.error).fields;
  return (
    <Card title="Intake details">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          // Only what the person changed: a field someone else changed meanwhile is not written back.
          const edited = new Set(form.edited);
          update.mutate({
            leadId: lead.id,
            ...(urgency && edited.has("urgency")
              ? { urgency: urgency as "emergency" | "high" | "normal" | "low" }
              : {}),
            ...(edited.has("notes") ? { notes } : {}),
            ...(edited.has("callerEmail") ? { callerEmail } : {}),
            ...(edited.has("isEstimate") ? { isEstimate } : {}),
            ...(edited.has("followUpAt") ? { followUpAt: fromInput(followUpAt) } : {}),
          });
        }}
      >
        {form.changed.length ? (
          <ChangedUnderneathNote onReset={form.reset}>
            Someone changed {form.changed.map((k) => DETAIL_WORDS[k]).join(", ")} while you were editing.
            Saving writes only the fields you changed; on a field you both changed, yours replaces theirs.
          </ChangedUnderneathNote>
        ) : null}
        <Select label="Urgency" value={urgency} onChange={(e) => form.set("urgency", e.target.value)}>
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
          onChange={(e) => form.set("callerEmail", e.target.value)}
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
            onChange={(e) => form.set("notes", e.target.value)}
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
            onChange={(e) => form.set("isEstimate", e.target.checked)}
          />{" "}
          Estimate / consult lead
        </label>
        {isEstimate ? (
          <Field
            label="Target follow-up date"
            type="datetime-local"
            value={followUpAt}
            onChange={(e) => form.set("followUpAt", e.target.value)}
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
