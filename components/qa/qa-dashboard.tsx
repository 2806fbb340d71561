"use client";
// The Call QA page (the daily sample of AI calls): 30 days of failure rates, the prompt profile and why, a day's
// sampled calls with overrides, and "run today's sample now".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { formatRate } from "@/server/qa/qa-day";
import { DayReviews } from "./day-reviews";
import { HandoffReviews } from "./handoff-reviews";
import { FailureRateChart } from "./failure-rate-chart";
import { PromptProfileCard } from "./prompt-profile-card";

export function QaDashboard({ slug, canChangeProfile }: { slug: string; canChangeProfile: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const days = useQuery(trpc.qa.days.queryOptions());
  const [picked, setPicked] = useState<string | null>(null);
  const [ran, setRan] = useState<string | null>(null);
  const run = useMutation(
    trpc.qa.runNow.mutationOptions({
      onSuccess: async (r) => {
        setPicked(r.day);
        setRan(
          r.sampled === 0
            ? "No finished AI-handled calls today yet: nothing to sample."
            : `Sampled ${r.sampled} of ${r.eligible} AI-handled calls today: ${r.failed} failed (${formatRate(r.rate)}).${r.switchedToSafe ? " That is over 5 %: the AI now asks safe, scripted questions." : ""}`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.qa.days.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.qa.reviews.queryKey({ day: r.day }) });
      },
    }),
  );

  const header = (
    <PageHeader
      title="Call QA"
      description="Every evening 10 random AI-handled calls of the day are checked for a wrong qualification path, missing required fields, incorrect urgency and details the caller never said. Above 5 % failures the AI switches to safe, scripted questions."
      actions={
        <Button
          onClick={() => {
            setRan(null);
            run.mutate();
          }}
          busy={run.isPending}
          variant="secondary"
        >
          Run today&apos;s sample now
        </Button>
      }
    />
  );

  if (days.isPending)
    return (
      <div>
        {header}
        <Loading label="Loading QA results…" />
      </div>
    );
  if (days.isError)
    return (
      <div>
        {header}
        <LoadError error={days.error} retry={() => void days.refetch()} what="QA page" />
      </div>
    );
  const data = days.data;
  const sampledDays = data.days.filter((d) => d.isSampled && d.sampled > 0);
  const day = picked ?? sampledDays[sampledDays.length - 1]?.day ?? null;

  return (
    <div className="max-w-5xl space-y-6">
      {header}
      <div aria-live="polite" className="text-sm">
        {ran ? (
          <p role="status" className="rounded-md bg-slate-50 p-3">
            {ran}
          </p>
        ) : null}
      </div>
      <ErrorBanner message={run.error ? fieldErrorsFrom(run.error).message : null} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card
            title="Failure rate, last 30 days"
            description={
              data.hasAiCalls
                ? "Red bars went over the 5 % line. Click a bar, or use the table, to see that day's calls."
                : undefined
            }
          >
            {data.hasAiCalls ? (
              <FailureRateChart
                days={data.days}
                timeZone={data.timeZone}
                selected={day}
                onSelect={setPicked}
              />
            ) : (
              <EmptyState title="No AI-handled calls yet.">
                When the AI answers missed calls, a daily sample of them shows up here. Test calls from “Test
                your flow” are never sampled.
              </EmptyState>
            )}
          </Card>
        </div>
        <PromptProfileCard profile={data.profile} timeZone={data.timeZone} canChange={canChangeProfile} />
      </div>
      {day ? (
        <DayReviews slug={slug} day={day} timeZone={data.timeZone} canReview />
      ) : data.hasAiCalls ? (
        <EmptyState title="No day has been sampled yet.">
          The first sample runs after 6 PM business time, or use “Run today’s sample now”.
        </EmptyState>
      ) : null}
      <div className="mt-6">
        <HandoffReviews slug={slug} timeZone={data.timeZone} />
      </div>
    </div>
  );
}
