"use client";
// One day's sampled calls: the verdict, the criteria each failed, a link to the lead, and the
// reviewer's override with a note.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading } from "@/components/ui/layout";
import { dateTimeIn } from "@/components/leads/format";
import { formatRate } from "@/server/qa/qa-day";
import { dayLabel } from "@/server/text/day-label";
import { callerLabel } from "@/server/leads/labels";

type Verdict = "pass" | "fail";

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-semibold ${verdict === "fail" ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800"}`}
    >
      {verdict === "fail" ? "Failed" : "Passed"}
    </span>
  );
}

function OverrideForm({
  reviewId,
  current,
  onSaved,
}: {
  reviewId: string;
  current: Verdict;
  onSaved: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [verdict, setVerdict] = useState<Verdict>(current === "fail" ? "pass" : "fail");
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.qa.override.mutationOptions({
      onSuccess: async (res) => {
        setNote("");
        setSaved(
          res.switchedToSafe
            ? "Saved. The day is now over 5 %: the AI was switched to safe, scripted questions."
            : "Saved.",
        );
        await onSaved();
      },
    }),
  );
  const errors = fieldErrorsFrom(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    save.mutate({ reviewId, verdict, note });
  }
  return (
    <form onSubmit={submit} className="mt-3 space-y-2 rounded-md bg-slate-50 p-3" noValidate>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Your verdict</legend>
        <div className="mt-1 flex gap-4 text-sm">
          {(["pass", "fail"] as const).map((v) => (
            <label key={v} className="flex items-center gap-1">
              <input
                type="radio"
                name={`${id}-verdict`}
                value={v}
                checked={verdict === v}
                onChange={() => setVerdict(v)}
              />
              {v === "pass" ? "Passed" : "Failed"}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-700">
          Note
        </label>
        <textarea
          id={`${id}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={1000}
          aria-invalid={errors.fields.note ? true : undefined}
          aria-describedby={errors.fields.note ? `${id}-note-error` : undefined}
          className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm ${errors.fields.note ? "border-red-500" : "border-slate-300"}`}
        />
        {errors.fields.note ? (
          <p id={`${id}-note-error`} className="mt-1 text-xs text-red-600">
            {errors.fields.note}
          </p>
        ) : null}
      </div>
      {errors.field ? null : <ErrorBanner message={save.error ? errors.message : null} />}
      <Button type="submit" variant="secondary" busy={save.isPending}>
        Save verdict
      </Button>
      <div aria-live="polite">
        <SuccessNote message={saved} />
      </div>
    </form>
  );
}

export function DayReviews({
  slug,
  day,
  timeZone,
  canReview,
}: {
  slug: string;
  day: string;
  timeZone: string;
  canReview: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reviews = useQuery(trpc.qa.reviews.queryOptions({ day }));
  const [open, setOpen] = useState<string | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.qa.reviews.queryKey({ day }) });
    await queryClient.invalidateQueries({ queryKey: trpc.qa.days.queryKey() });
  };

  if (reviews.isPending) return <Loading label="Loading the sampled calls…" />;
  if (reviews.isError)
    return <LoadError error={reviews.error} retry={() => void reviews.refetch()} what="QA day" />;
  const data = reviews.data;
  return (
    <>
      {data.afterCall.length ? (
        <Card
          title={`Flagged after the call on ${dayLabel(day, timeZone)}`}
          description="Every AI-handled call is read again once it ends. These calls had something the live call missed; a missed emergency was already turned into an urgent callback."
          className="mb-6"
        >
          <ul className="divide-y divide-slate-100" data-testid="after-call-flags">
            {data.afterCall.map((r) => (
              <li key={r.id} className="py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-medium">{callerLabel(r)}</span>
                  {r.startedAt ? (
                    <span className="text-xs text-slate-500">
                      {dateTimeIn(timeZone, r.startedAt, { hour: "numeric", minute: "2-digit" })}
                    </span>
                  ) : null}
                  {r.upgraded ? (
                    <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800">
                      Upgraded to emergency
                    </span>
                  ) : null}
                  {r.leadId ? (
                    <Link
                      href={`/t/${slug}/leads/${r.leadId}`}
                      className="ml-auto text-sm text-brand-700 hover:underline"
                    >
                      Open lead
                    </Link>
                  ) : null}
                </div>
                <ul className="mt-2 space-y-1 text-sm" aria-label="What the after-call check found">
                  {r.flags.map((f, i) => (
                    <li key={i}>
                      <span className="font-medium text-amber-900">{f.label}:</span> {f.detail}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card
        title={`Sampled calls on ${dayLabel(day, timeZone)}`}
        description={
          data.sampled ? `${data.failed} of ${data.sampled} failed (${formatRate(data.rate)}).` : undefined
        }
      >
        {data.items.length === 0 ? (
          <EmptyState title="No calls were sampled on this day.">
            The day had no finished AI-handled calls when it was sampled.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.items.map((r) => (
              <li key={r.id} className="py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <VerdictBadge verdict={r.effectiveVerdict} />
                  {r.reviewerVerdict ? (
                    <span className="text-xs text-slate-500">
                      (automated: {r.verdict === "fail" ? "failed" : "passed"})
                    </span>
                  ) : null}
                  <span className="text-sm font-medium">{callerLabel(r)}</span>
                  {r.startedAt ? (
                    <span className="text-xs text-slate-500">
                      {dateTimeIn(timeZone, r.startedAt, { hour: "numeric", minute: "2-digit" })}
                    </span>
                  ) : null}
                  {r.promptProfile ? (
                    <span className="text-xs text-slate-500">profile {r.promptProfile}</span>
                  ) : null}
                  {r.leadId ? (
                    <Link
                      href={`/t/${slug}/leads/${r.leadId}`}
                      className="ml-auto text-sm text-brand-700 hover:underline"
                    >
                      Open lead
                    </Link>
                  ) : null}
                </div>
                {r.findings.length ? (
                  <ul className="mt-2 space-y-1 text-sm" aria-label="Failed criteria">
                    {r.findings.map((f, i) => (
                      <li key={i}>
                        <span className="font-medium text-red-800">{f.label}:</span> {f.detail}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-sm text-slate-600">No failure criteria found.</p>
                )}
                {r.reviewerNote ? (
                  <p className="mt-1 text-sm text-slate-700">
                    {r.reviewerName} ({r.reviewerVerdict === "fail" ? "failed" : "passed"}): &ldquo;
                    {r.reviewerNote}&rdquo;
                  </p>
                ) : null}
                {canReview ? (
                  <>
                    <button
                      type="button"
                      className="mt-2 text-sm text-brand-700 hover:underline"
                      aria-expanded={open === r.id}
                      onClick={() => setOpen(open === r.id ? null : r.id)}
                    >
                      {open === r.id ? "Cancel" : "Override verdict"}
                    </button>
                    {open === r.id ? (
                      <OverrideForm reviewId={r.id} current={r.effectiveVerdict} onSaved={refresh} />
                    ) : null}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
