"use client";
// The plumber's (or on-call) phone is ringing in a test call: the tester decides what happens.
import { Button } from "@/components/ui/form";
import { phoneLabel } from "@/server/leads/labels";
import type { DialPending, How } from "./use-simulated-call";

export function DialControls({
  pending,
  disabled,
  onAnswer,
}: {
  pending: DialPending;
  disabled: boolean;
  onAnswer: (how: How) => void;
}) {
  const who = pending.purpose === "transfer" ? "The on-call phone" : "The plumber's phone";
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">
        {who} ({phoneLabel(pending.number)}) is ringing. What happens?
      </legend>
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={disabled} onClick={() => onAnswer("answer")}>
          {pending.purpose === "transfer" ? "On-call answers (presses 1)" : "Plumber answers (presses 1)"}
        </Button>
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => onAnswer("voicemail")}>
          Voicemail picks up (no key)
        </Button>
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => onAnswer("no-answer")}>
          No answer
        </Button>
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => onAnswer("busy")}>
          Busy
        </Button>
      </div>
    </fieldset>
  );
}
