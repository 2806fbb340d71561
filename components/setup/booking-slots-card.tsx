"use client";
// Booking slots: the weekly windows the AI may offer a caller, each inside the business hours.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, Select, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { WEEKDAYS } from "@/server/setup/weekly-times";
import { useInvalidateSetup } from "./use-invalidate-setup";
import { WEEK_ORDER, label12, type Window } from "./weekly-window";

export function BookingSlots({ slots, editable }: { slots: (Window & { id: string })[]; editable: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSetup();
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(trpc.setup.addBookingSlot.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.setup.removeBookingSlot.mutationOptions({ onSuccess: invalidate }));
  const errs = fieldErrorsFrom(add.error);
  const startErr = errs.fields.start ?? errs.fields["0.start"];
  const endErr = errs.fields.end ?? errs.fields["0.end"];

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const slot = {
      weekday: Number(f.get("weekday")),
      start: String(f.get("start") ?? ""),
      end: String(f.get("end") ?? ""),
    };
    setAdded(null);
    const ok = await add.mutateAsync(slot).then(
      () => true,
      () => false,
    );
    if (ok) setAdded(`Added ${WEEKDAYS[slot.weekday]} ${label12(slot)}.`);
  }

  const ordered = [...slots].sort(
    (a, b) => WEEK_ORDER.indexOf(a.weekday) - WEEK_ORDER.indexOf(b.weekday) || a.start.localeCompare(b.start),
  );
  return (
    <Card
      title="Booking slots"
      description="The weekly windows a visit can be booked in, e.g. Tuesday 9–11 AM. These are the only times the AI may ever offer a caller — it never invents a time."
    >
      {ordered.length === 0 ? (
        <EmptyState title="No booking slots yet">
          Without slots the AI cannot book visits; it offers a callback instead.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Booking slots">
          {ordered.map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-4 py-2">
              <span className="text-sm">
                <span className="font-medium">{WEEKDAYS[s.weekday]}</span> {label12(s)}
              </span>
              {editable ? (
                <ConfirmButton
                  label={`Remove ${WEEKDAYS[s.weekday]} ${label12(s)}`}
                  busy={remove.isPending && remove.variables?.id === s.id}
                  onConfirm={() => remove.mutate({ id: s.id })}
                >
                  Remove
                </ConfirmButton>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner message={remove.error?.message} />
      {editable ? (
        <form
          onSubmit={onSubmit}
          noValidate
          className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start"
        >
          <Select label="Day" name="weekday" defaultValue="2">
            {WEEK_ORDER.map((d) => (
              <option key={d} value={d}>
                {WEEKDAYS[d]}
              </option>
            ))}
          </Select>
          <Field label="From" name="start" type="time" defaultValue="09:00" required error={startErr} />
          <Field label="To" name="end" type="time" defaultValue="11:00" required error={endErr} />
          <Button type="submit" busy={add.isPending} className="sm:mt-6">
            Add slot
          </Button>
          <div className="sm:col-span-4" aria-live="polite">
            {add.error && !startErr && !endErr ? <ErrorBanner message={errs.message} /> : null}
            <SuccessNote message={added} />
          </div>
        </form>
      ) : null}
    </Card>
  );
}
