"use client";
// Log a touchpoint: what happened with the customer, and the new next action if it changed.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { TOUCHPOINT_KINDS } from "@/server/leads/touchpoint-kinds";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction } from "./lead-actions";

export function LeadTouchpointCard({ leadId, open }: { leadId: string; open: boolean }) {
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
          log.mutate(
            { leadId, kind, text: text || null, nextAction: nextAction || null, dueAt: fromInput(dueAt) },
            {
              onSuccess: () => {
                setText("");
                setNextAction("");
                setDueAt("");
              },
            },
          );
        }}
        className="space-y-2"
      >
        <Select label="What happened" value={kind} onChange={(e) => setKind(e.target.value)}>
          {TOUCHPOINT_KINDS.filter((k) => open || k.kind === "note").map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </Select>
        <Field
          label={kind === "note" ? "Note" : "Notes (optional)"}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={errors.text}
        />
        {open ? (
          <>
            <Field
              label="New next action (optional)"
              value={nextAction}
              onChange={(e) => setNextAction(e.target.value)}
            />
            <Field
              label="Due (optional)"
              type="datetime-local"
              value={dueAt}
              onChange={(e) => setDueAt(e.target.value)}
              error={errors.dueAt}
            />
          </>
        ) : null}
        <Button type="submit" busy={log.isPending}>
          Log touchpoint
        </Button>
        <ActionResult error={log.error} done={log.isSuccess ? done : null} />
      </form>
    </Card>
  );
}
