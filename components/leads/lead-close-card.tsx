"use client";
// Closing a lead with a reason code (and attempts or a note where the reason needs one).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { CLOSE_REASONS } from "@/server/leads/close-reasons";
import { ActionResult, useLeadAction } from "./lead-actions";

export function LeadCloseCard({ leadId }: { leadId: string }) {
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
          close.mutate({
            leadId,
            reason: reason as (typeof CLOSE_REASONS)[number]["code"],
            attempts: attempts ? Number(attempts) : null,
            note: note || null,
          });
        }}
      >
        <Select
          label="Close reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
        >
          <option value="">Choose…</option>
          {CLOSE_REASONS.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </Select>
        {reason === "no_answer_after_attempts" ? (
          <Field
            label="Attempts made"
            type="number"
            min={1}
            max={50}
            value={attempts}
            onChange={(e) => setAttempts(e.target.value)}
            error={errors.attempts}
          />
        ) : null}
        <Field
          label={reason === "other" ? "Note (required)" : "Note (optional)"}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors.note}
        />
        <Button type="submit" variant="danger" busy={close.isPending} disabled={!reason}>
          Close lead
        </Button>
        <ActionResult error={close.error} done={close.isSuccess ? done : null} />
      </form>
    </Card>
  );
}
