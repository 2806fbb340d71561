"use client";
// Business hours: open or closed each day, and from when to when, saved as a whole week.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { WEEKDAYS } from "@/server/setup/weekly-times";
import { useInvalidateSetup } from "./use-invalidate-setup";
import { WEEK_ORDER, type Window } from "./weekly-window";

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

export function BusinessHours({ hours, editable }: { hours: Window[]; editable: boolean }) {
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
                      className="min-h-9 min-w-0 rounded-md pointer-coarse:min-h-11 border border-slate-300 px-2 py-1 disabled:bg-slate-50 disabled:text-slate-500"
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
                      className="min-h-9 min-w-0 rounded-md pointer-coarse:min-h-11 border border-slate-300 px-2 py-1 disabled:bg-slate-50 disabled:text-slate-500"
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
