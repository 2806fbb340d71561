"use client";
// Follow-up sequences, one card per source (and the no-show, estimate and seasonal ones): on/off,
// send without approval, and each step's delay, channel and message. Owners edit; others read.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { QueryState, ReadOnlyNote } from "@/components/settings/access-states";

type Loaded = inferRouterOutputs<AppRouter>["followups"]["sequences"];
type Seq = Loaded["sequences"][number];
type StepForm = {
  amount: string;
  unit: "minutes" | "hours" | "days";
  channel: "text" | "email" | "task";
  message: string;
};

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440 } as const;

function toForm(s: { delayMinutes: number; channel: StepForm["channel"]; message: string }): StepForm {
  const unit =
    s.delayMinutes % 1440 === 0 && s.delayMinutes > 0
      ? "days"
      : s.delayMinutes % 60 === 0 && s.delayMinutes > 0
        ? "hours"
        : "minutes";
  return {
    amount: String(s.delayMinutes / UNIT_MINUTES[unit]),
    unit,
    channel: s.channel,
    message: s.message,
  };
}

export function SequenceSettings() {
  const trpc = useTRPC();
  const q = useQuery(trpc.followups.sequences.queryOptions());
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Follow-up sequences"
        description="What happens after a lead comes in and has not booked: texts, emails and call tasks, by where the lead came from. A reply, a booking, STOP, a close, a team member taking the lead, or the lead turning hot stops the sequence."
      />
      <QueryState query={q} what="see the follow-up sequences">
        {() =>
          q.data ? (
            <div className="space-y-4">
              {q.data.canEdit ? null : (
                <ReadOnlyNote>Only an owner can change the follow-up sequences.</ReadOnlyNote>
              )}
              <Card title="How temperature changes the plan">
                <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
                  <li>90–100: a person right away; no automatic texts.</li>
                  <li>70–89: a task for your team to book the visit within 24 hours.</li>
                  <li>50–69: the sequence as written below.</li>
                  <li>30–49: the same steps, spaced twice as far apart.</li>
                  <li>Below 30: no contact; the lead is watched for a reply.</li>
                </ul>
                <p className="mt-2 text-xs text-slate-500">
                  Texts and emails may use {"{name}"}, {"{business}"}, {"{problem}"}, {"{slot}"} (your next
                  real booking time) and {"{phone}"}. A message that names a price, a time or a promise that
                  is not in your settings is never sent. An email goes only to a caller who gave an email
                  address and has not unsubscribed; otherwise the step is skipped and the lead&apos;s timeline
                  says why.
                </p>
              </Card>
              {q.data.sequences.map((s) => (
                <SequenceCard key={s.key} seq={s} canEdit={q.data.canEdit} maxSteps={q.data.maxSteps} />
              ))}
            </div>
          ) : null
        }
      </QueryState>
    </div>
  );
}

function SequenceCard({ seq, canEdit, maxSteps }: { seq: Seq; canEdit: boolean; maxSteps: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(seq.enabled);
  const [autoSend, setAutoSend] = useState(seq.autoSend);
  const [steps, setSteps] = useState<StepForm[]>(() => seq.steps.map(toForm));
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation(
    trpc.followups.saveSequence.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.followups.sequences.queryKey() }),
    }),
  );
  const errors = fieldErrorsFrom(save.error);
  const readOnly = !canEdit;
  const setStep = (i: number, patch: Partial<StepForm>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const idp = `seq-${seq.key}`;

  function submit() {
    const parsed = [];
    for (const [i, s] of steps.entries()) {
      const amount = Number(s.amount);
      if (!Number.isFinite(amount) || amount < 0 || !Number.isInteger(amount))
        return setLocalError(`Step ${i + 1}: write the wait as a whole number, like 4.`);
      if (!s.message.trim()) return setLocalError(`Step ${i + 1}: write the message or the task.`);
      parsed.push({
        delayMinutes: amount * UNIT_MINUTES[s.unit],
        channel: s.channel,
        message: s.message.trim(),
      });
    }
    setLocalError(null);
    save.mutate({ key: seq.key, enabled, autoSend, steps: parsed });
  }

  return (
    <Card title={seq.name} description={`Starts ${seq.when}.`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="space-y-3"
        aria-label={`${seq.name} sequence`}
      >
        <div className="flex flex-wrap gap-6">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4"
              checked={enabled}
              disabled={readOnly}
              onChange={(e) => setEnabled(e.target.checked)}
            />
            Sequence on
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4"
              checked={autoSend}
              disabled={readOnly}
              onChange={(e) => setAutoSend(e.target.checked)}
            />
            Send texts without approval
          </label>
        </div>
        <ol className="space-y-3">
          {steps.map((s, i) => (
            <li key={i} className="rounded-md border border-slate-200 p-3">
              <fieldset>
                <legend className="text-sm font-medium text-slate-700">Step {i + 1}</legend>
                <div className="mt-2 flex flex-wrap items-end gap-2">
                  <div>
                    <label htmlFor={`${idp}-${i}-amount`} className="block text-xs text-slate-600">
                      After
                    </label>
                    <input
                      id={`${idp}-${i}-amount`}
                      inputMode="numeric"
                      value={s.amount}
                      disabled={readOnly}
                      onChange={(e) => setStep(i, { amount: e.target.value })}
                      className="mt-1 w-20 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                    />
                  </div>
                  <div>
                    <label htmlFor={`${idp}-${i}-unit`} className="block text-xs text-slate-600">
                      Unit
                    </label>
                    <select
                      id={`${idp}-${i}-unit`}
                      value={s.unit}
                      disabled={readOnly}
                      onChange={(e) => setStep(i, { unit: e.target.value as StepForm["unit"] })}
                      className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                    >
                      <option value="minutes">minutes</option>
                      <option value="hours">hours</option>
                      <option value="days">days</option>
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`${idp}-${i}-channel`} className="block text-xs text-slate-600">
                      What
                    </label>
                    <select
                      id={`${idp}-${i}-channel`}
                      value={s.channel}
                      disabled={readOnly}
                      onChange={(e) => setStep(i, { channel: e.target.value as StepForm["channel"] })}
                      className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                    >
                      <option value="text">Text the caller</option>
                      <option value="email">Email the caller</option>
                      <option value="task">Task for the team</option>
                    </select>
                  </div>
                  {readOnly ? null : (
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() => setSteps(steps.filter((_, j) => j !== i))}
                      aria-label={`Remove step ${i + 1}`}
                    >
                      Remove
                    </Button>
                  )}
                </div>
                <label htmlFor={`${idp}-${i}-message`} className="mt-2 block text-xs text-slate-600">
                  {s.channel === "task" ? "Task" : s.channel === "email" ? "Email" : "Message"}
                </label>
                <textarea
                  id={`${idp}-${i}-message`}
                  rows={s.channel === "email" ? 6 : 2}
                  value={s.message}
                  disabled={readOnly}
                  onChange={(e) => setStep(i, { message: e.target.value })}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50"
                />
              </fieldset>
            </li>
          ))}
        </ol>
        {readOnly ? null : (
          <div className="flex flex-wrap items-center gap-2">
            {steps.length < maxSteps ? (
              <Button
                type="button"
                variant="secondary"
                onClick={() =>
                  setSteps([...steps, { amount: "1", unit: "days", channel: "text", message: "" }])
                }
              >
                Add a step
              </Button>
            ) : null}
            <Button type="button" variant="secondary" onClick={() => setSteps(seq.defaults.map(toForm))}>
              Back to the default steps
            </Button>
            <Button type="submit" busy={save.isPending}>
              Save {seq.name.toLowerCase()}
            </Button>
          </div>
        )}
        <div aria-live="polite">
          {localError ? (
            <ErrorBanner message={localError} />
          ) : save.error ? (
            <ErrorBanner message={errors.message ?? save.error.message} />
          ) : (
            <SuccessNote
              message={
                save.isSuccess
                  ? `${seq.name} saved. If you changed the steps, texts still waiting from the old ones were withdrawn.`
                  : null
              }
            />
          )}
        </div>
      </form>
    </Card>
  );
}
