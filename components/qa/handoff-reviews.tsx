"use client";
// The weekly handoff QA on the QA page: every Monday a sample of last week's handoffs (accepted,
// rejected, escalated); a reviewer answers five yes/no questions with a note.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading } from "@/components/ui/layout";
import { HANDOFF_QUESTIONS, type HandoffQuestion } from "@/server/reports/handoff-questions";
import { callerLabel, sourceLabel, urgencyLabel } from "@/server/leads/labels";
import { dayLabel } from "@/server/text/day-label";

type Review = {
  id: string;
  kind: string;
  note: string | null;
  reviewedAt: Date | null;
  lead: {
    id: string;
    callerName: string | null;
    callerPhone: string;
    urgency: string | null;
    source: string;
    owner: { name: string } | null;
  };
} & Record<HandoffQuestion, boolean | null>;

export function HandoffReviews({ slug, timeZone }: { slug: string; timeZone: string }) {
  const trpc = useTRPC();
  const weeks = useQuery(trpc.reports.handoffReviews.queryOptions());
  return (
    <Card
      title="Weekly handoff QA"
      description="Every Monday, a sample of last week's handoffs (accepted, rejected and escalated). Answer the five questions; a “no” needs a note. The share of “no” answers is in Reports."
    >
      {weeks.isPending ? <Loading label="Loading the handoff sample…" /> : null}
      {weeks.error ? (
        <LoadError error={weeks.error} retry={() => weeks.refetch()} what="handoff sample" />
      ) : null}
      {weeks.data && !weeks.data.length ? (
        <EmptyState title="No handoffs sampled yet.">
          The first sample comes on Monday morning, from the week before.
        </EmptyState>
      ) : null}
      {weeks.data?.map((w) => (
        <section
          key={w.weekOf}
          aria-label={`Week of ${dayLabel(w.weekOf, timeZone)}`}
          className="mt-4 first:mt-0"
        >
          <h3 className="text-sm font-semibold">Week of {dayLabel(w.weekOf, timeZone)}</h3>
          <ul className="mt-2 space-y-3">
            {w.reviews.map((r) => (
              <HandoffReviewItem key={r.id} review={r} slug={slug} />
            ))}
          </ul>
        </section>
      ))}
    </Card>
  );
}

function HandoffReviewItem({ review, slug }: { review: Review; slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Record<HandoffQuestion, boolean | null>>(
    () =>
      Object.fromEntries(HANDOFF_QUESTIONS.map((q) => [q.key, review[q.key]])) as Record<
        HandoffQuestion,
        boolean | null
      >,
  );
  const [note, setNote] = useState(review.note ?? "");
  const [missing, setMissing] = useState<string | null>(null);
  const save = useMutation(
    trpc.reports.answerHandoff.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reports.handoffReviews.queryKey() }),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (HANDOFF_QUESTIONS.some((q) => answers[q.key] == null))
      return setMissing("Answer all five questions.");
    setMissing(null);
    save.mutate({ reviewId: review.id, answers: answers as Record<HandoffQuestion, boolean>, note });
  };
  const who = callerLabel(review.lead);
  const err = fieldErrorsFrom(save.error);
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid="handoff-review">
      <p className="text-sm">
        <Link
          href={`/t/${slug}/leads/${review.lead.id}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {who}
        </Link>{" "}
        <span className="text-slate-600">
          — {review.kind}, {urgencyLabel(review.lead.urgency).toLowerCase()}, from{" "}
          {sourceLabel(review.lead.source).toLowerCase()}, owner {review.lead.owner?.name ?? "none"}
          {review.reviewedAt ? " · reviewed" : ""}
        </span>
      </p>
      <form onSubmit={submit} className="mt-2 space-y-2">
        {HANDOFF_QUESTIONS.map((q) => (
          <fieldset key={q.key} className="flex flex-wrap items-center gap-3 text-sm">
            <legend className="sr-only">{q.label}</legend>
            <span aria-hidden="true" className="min-w-0 flex-1 basis-64">
              {q.label}
            </span>
            {([true, false] as const).map((v) => (
              <label key={String(v)} className="flex items-center gap-1">
                <input
                  type="radio"
                  name={`${review.id}-${q.key}`}
                  checked={answers[q.key] === v}
                  onChange={() => setAnswers((a) => ({ ...a, [q.key]: v }))}
                />
                {v ? "Yes" : "No"}
              </label>
            ))}
          </fieldset>
        ))}
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Note</span>
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={1000}
            aria-invalid={err.field === "note" || undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        <Button type="submit" variant="secondary" busy={save.isPending}>
          Save answers
        </Button>
        <div aria-live="polite">
          {missing ? (
            <ErrorBanner message={missing} />
          ) : save.error ? (
            <ErrorBanner message={err.message} />
          ) : (
            <SuccessNote message={save.isSuccess ? "Saved." : null} />
          )}
        </div>
      </form>
    </li>
  );
}
