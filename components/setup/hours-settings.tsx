"use client";
// Business hours per weekday and the weekly booking slots — the only visit times the AI may offer.
// All times are wall-clock times in the business's own time zone.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, Select, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { QueryState, ReadOnlyNote } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import { WEEKDAYS, formatClock12, parseClock } from "@/server/setup/weekly-times";
import { useInvalidateSetup } from "./use-invalidate-setup";

/** Monday first, the way an office reads its week. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

type Window = { weekday: number; start: string; end: string };

function label12(w: { start: string; end: string }) {
  const fmt = (v: string) => {
    try {
      return formatClock12(parseClock(v, "time"));
    } catch {
      return v;
    }
  };
  return `${fmt(w.start)} – ${fmt(w.end)}`;
}

export function HoursSettings({
  role,
  slug,
  timeZone,
}: {
  role: TenantRole;
  slug: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const times = useQuery(trpc.setup.weeklyTimes.queryOptions());
  const editable = can(role, "setup.write");
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Hours & booking slots"
        description={
          <>
            All times are in your business&apos;s time zone, <strong>{timeZone.replace(/_/g, " ")}</strong>
            {can(role, "tenant.settings") ? (
              <>
                {" "}
                (
                <Link
                  href={`/t/${slug}/settings/business`}
                  className="text-brand-700 underline underline-offset-2 hover:text-brand-600"
                >
                  change
                </Link>
                )
              </>
            ) : null}
            .
          </>
        }
      />
      {!editable ? (
        <ReadOnlyNote>
          You can see the hours and slots, but only an owner or manager can change them.
        </ReadOnlyNote>
      ) : null}
      <QueryState query={times} what="see the business hours">
        {() => (
          <>
            <BusinessHours hours={times.data!.hours} editable={editable} />
            <BookingSlots slots={times.data!.slots} editable={editable} />
          </>
        )}
      </QueryState>
    </div>
  );
}

type DayState = { open: boolean; start: string; end: string };

function initialDays(hours: Window[]): Record<number, DayState> {
  const out: Record<number, DayState> = {};
  const fresh = hours.length === 0;
  for (const d of WEEK_ORDER) {
    const h = hours.find((x) => x.weekday === d);
    // A new business starts from suggested weekday hours; nothing is stored until Save.
    out[d] = h
      ? { open: true, start: h.start, end: h.end }
      : { open: fresh && d >= 1 && d <= 5, start: "08:00", end: "17:00" };
  }
  return out;
}

function BusinessHours({ hours, editable }: { hours: Window[]; editable: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSetup();
  const [days, setDays] = useState(() => initialDays(hours));
  const [sent, setSent] = useState<number[]>([]);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.setup.setBusinessHours.mutationOptions({ onSuccess: invalidate }));
  const errs = fieldErrorsFrom(save.error);
  // The server names fields by position in the list sent ("2.end"); map them back to weekdays.
  const errorFor = (weekday: number, part: "start" | "end" | "weekday") => {
    const i = sent.indexOf(weekday);
    return i >= 0 ? (errs.fields[`days.${i}.${part}`] ?? errs.fields[`${i}.${part}`]) : undefined;
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const open = WEEK_ORDER.filter((d) => days[d]!.open);
    setSent(open);
    setSaved(false);
    const ok = await save
      .mutateAsync({
        days: open.map((weekday) => ({ weekday, start: days[weekday]!.start, end: days[weekday]!.end })),
      })
      .then(
        () => true,
        () => false,
      );
    setSaved(ok);
  }

  const set = (d: number, patch: Partial<DayState>) => {
    setSaved(false);
    setDays((s) => ({ ...s, [d]: { ...s[d]!, ...patch } }));
  };

  return (
    <Card
      title="Business hours"
      description="When your office is open. Days left closed have no office hours."
    >
      {hours.length === 0 && editable ? (
        <p className="mb-3 text-sm text-amber-700">
          Suggested hours are filled in below. Adjust them and save to finish this step.
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        {/* One row per day; on a phone the times wrap under the day instead of spilling out of the card. */}
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Business hours by weekday">
          {WEEK_ORDER.map((d) => {
            const day = days[d]!;
            const name = WEEKDAYS[d]!;
            const err = errorFor(d, "end") ?? errorFor(d, "start") ?? errorFor(d, "weekday");
            return (
              <li key={d} className="py-2">
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                  <span className="w-24 font-medium">{name}</span>
                  <label className="inline-flex w-24 items-center gap-2">
                    <input
                      type="checkbox"
                      className="size-5"
                      checked={day.open}
                      disabled={!editable}
                      onChange={(e) => set(d, { open: e.target.checked })}
                      aria-label={`Open on ${name}`}
                    />
                    <span className="text-slate-600">{day.open ? "Open" : "Closed"}</span>
                  </label>
                  <span className="flex min-w-0 items-center gap-2">
                    <input
                      type="time"
                      aria-label={`${name} opens at`}
                      value={day.start}
                      disabled={!editable || !day.open}
                      onChange={(e) => set(d, { start: e.target.value })}
                      aria-invalid={err ? true : undefined}
                      className="min-h-9 min-w-0 rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-50 disabled:text-slate-500"
                    />
                    <span aria-hidden className="text-slate-600">
                      to
                    </span>
                    <input
                      type="time"
                      aria-label={`${name} closes at`}
                      value={day.end}
                      disabled={!editable || !day.open}
                      onChange={(e) => set(d, { end: e.target.value })}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `hours-err-${d}` : undefined}
                      className="min-h-9 min-w-0 rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-50 disabled:text-slate-500"
                    />
                  </span>
                </div>
                {err ? (
                  <p id={`hours-err-${d}`} className="mt-1 text-xs text-red-600">
                    {err}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        {editable ? (
          <div className="mt-4 flex items-center gap-3" aria-live="polite">
            <Button type="submit" busy={save.isPending}>
              Save hours
            </Button>
            {saved ? <SuccessNote message="Business hours saved." /> : null}
            {save.error && !Object.keys(errs.fields).length ? <ErrorBanner message={errs.message} /> : null}
          </div>
        ) : null}
      </form>
    </Card>
  );
}

function BookingSlots({ slots, editable }: { slots: (Window & { id: string })[]; editable: boolean }) {
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
