"use client";
// Booking a visit: one of the business's own slots, or a custom time the customer agreed to.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Field, fieldErrorsFrom } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { timeZoneLabel } from "@/server/tenants/us-time-zones";
import { useBusinessTime } from "./business-time";
import { ActionResult, useLeadAction } from "./lead-actions";

export function LeadBookCard({
  leadId,
  slots,
  timeZone,
}: {
  leadId: string;
  slots: { startsAt: string }[];
  timeZone: string;
}) {
  const { trpc, done, onSuccess } = useLeadAction();
  const book = useMutation(trpc.leads.book.mutationOptions({ onSuccess: onSuccess("Appointment booked.") }));
  const [choice, setChoice] = useState("");
  const [customAt, setCustomAt] = useState("");
  // Slot times as every other time in the app reads ("Wed, Dec 9, 9:00 AM"), not the AI's spoken "tomorrow at 9 AM".
  const { fromInput, dateTime } = useBusinessTime();
  const errors = fieldErrorsFrom(book.error).fields;
  return (
    <Card
      title="Book appointment"
      description={`From your booking slots (${timeZoneLabel(timeZone)}) or a custom time the customer agreed to.`}
    >
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          book.mutate(
            choice === "custom"
              ? { leadId, customAt: fromInput(customAt) }
              : { leadId, slotStartsAt: choice || null },
          );
        }}
      >
        <fieldset>
          <legend className="sr-only">Time</legend>
          {slots.map((s) => (
            <label
              key={s.startsAt}
              className="flex min-h-8 items-center gap-2 text-sm pointer-coarse:min-h-11"
            >
              <input
                type="radio"
                className="size-5"
                name="slot"
                value={s.startsAt}
                checked={choice === s.startsAt}
                onChange={() => setChoice(s.startsAt)}
              />
              {dateTime(s.startsAt)}
            </label>
          ))}
          {!slots.length ? (
            <p className="text-sm text-slate-500">No booking slots in the next two weeks.</p>
          ) : null}
          <label className="flex min-h-8 items-center gap-2 text-sm pointer-coarse:min-h-11">
            <input
              type="radio"
              className="size-5"
              name="slot"
              value="custom"
              checked={choice === "custom"}
              onChange={() => setChoice("custom")}
            />
            Custom time
          </label>
        </fieldset>
        {choice === "custom" ? (
          <Field
            label="Appointment time"
            type="datetime-local"
            value={customAt}
            onChange={(e) => setCustomAt(e.target.value)}
            error={errors.customAt}
          />
        ) : null}
        <Button type="submit" busy={book.isPending} disabled={!choice}>
          Book
        </Button>
        <ActionResult error={book.error} done={book.isSuccess ? done : null} />
      </form>
    </Card>
  );
}
