"use client";
// Log a call or another touchpoint: how it went, and the next action it leaves. A call completes
// the lead's next action; the card then says the new next action and when it is due.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { callOutcomeOf, TOUCHPOINT_KINDS } from "@/server/leads/touchpoint-kinds";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction } from "./lead-actions";

export function LeadTouchpointCard({
  leadId,
  open,
  slots = [],
}: {
  leadId: string;
  open: boolean;
  /** The booking slots a call may book (the Book appointment card's). */
  slots?: { startsAt: string }[];
}) {
  const { trpc, done, setDone, onSuccess } = useLeadAction();
  const { fromInput, dateTime } = useBusinessTime();
  const log = useMutation(trpc.leads.logTouchpoint.mutationOptions({ onSuccess: onSuccess("Logged.") }));
  const [kind, setKind] = useState<string>(open ? "called_back" : "note");
  const [text, setText] = useState("");
  const [slot, setSlot] = useState("");
  const [nextAction, setNextAction] = useState("");
  const [dueAt, setDueAt] = useState("");
  const errors = fieldErrorsFrom(log.error).fields;
  const call = callOutcomeOf(kind);
  return (
    <Card
      title="Log a call or touchpoint"
      description={open ? "A call completes the current next action and sets the next step." : undefined}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          log.mutate(
            {
              leadId,
              kind,
              text: text || null,
              nextAction: nextAction || null,
              dueAt: fromInput(dueAt),
              slotStartsAt: call === "reached" && slot ? slot : null,
            },
            {
              onSuccess: (lead) => {
                setText("");
                setSlot("");
                setNextAction("");
                setDueAt("");
                setDone(
                  lead.nextAction && lead.dueAt
                    ? `Logged. Next action: ${lead.nextAction}, due ${dateTime(lead.dueAt)}.`
                    : "Logged.",
                );
              },
            },
          );
        }}
        className="space-y-2"
        aria-label="Log a call or touchpoint"
      >
        <Select
          label="What happened"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          error={errors.kind}
        >
          {TOUCHPOINT_KINDS.filter((k) => open || k.kind === "note").map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </Select>
        {call === "reached" && slots.length ? (
          <Select
            label="Visit booked on this call"
            value={slot}
            onChange={(e) => setSlot(e.target.value)}
            error={errors.slotStartsAt}
          >
            <option value="">No visit booked</option>
            {slots.map((s) => (
              <option key={s.startsAt} value={s.startsAt}>
                {dateTime(s.startsAt)}
              </option>
            ))}
          </Select>
        ) : null}
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
              hint={call ? "Leave empty for the usual next step." : undefined}
              value={nextAction}
              onChange={(e) => setNextAction(e.target.value)}
              error={errors.nextAction}
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
          {call ? "Log call" : "Log touchpoint"}
        </Button>
        <ActionResult error={log.error} done={log.isSuccess ? done : null} />
      </form>
    </Card>
  );
}
