"use client";
// The business's prompt profile, why it is what it is, and (for owners) the switch with a reason.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { dateTimeIn } from "@/components/leads/format";

type Profile = {
  profile: "standard" | "safe";
  reason: string | null;
  changedAt: Date | string | null;
  changedBy: string | null;
  byQa: boolean;
};

const PROFILE_TEXT = {
  standard: { name: "Standard", text: "The AI interprets what callers say naturally." },
  safe: { name: "Safe", text: "Scripted questions, and the AI only copies facts the caller states." },
} as const;

export function PromptProfileCard({
  profile,
  timeZone,
  canChange,
}: {
  profile: Profile;
  timeZone: string;
  canChange: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const target = profile.profile === "safe" ? "standard" : "safe";
  const change = useMutation(
    trpc.qa.setProfile.mutationOptions({
      onSuccess: async (res) => {
        setReason("");
        setDone(
          `Switched to ${res.profile === "safe" ? "safe, scripted" : "standard"} questions. New calls use them from now on.`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.qa.days.queryKey() });
      },
    }),
  );
  const errors = fieldErrorsFrom(change.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    change.mutate({ profile: target, reason });
  }

  return (
    <Card title="How the AI asks questions">
      <p className="text-sm">
        <span
          className={`mr-2 inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${profile.profile === "safe" ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-900"}`}
        >
          {PROFILE_TEXT[profile.profile].name}
          <span className="sr-only"> questions:</span>
        </span>
        {PROFILE_TEXT[profile.profile].text}
      </p>
      {profile.changedAt ? (
        <p className="mt-2 text-sm text-slate-600">
          Changed {dateTimeIn(timeZone, profile.changedAt)} by {profile.changedBy}
          {profile.reason ? <>: &ldquo;{profile.reason}&rdquo;</> : "."}
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-600">
          Never changed. QA switches to safe when a day&apos;s failure rate exceeds 5 %.
        </p>
      )}
      {profile.profile === "safe" && profile.byQa ? (
        <p className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Review the failed calls below and the prompts, then switch back to standard with what you found.
        </p>
      ) : null}
      {canChange ? (
        <form onSubmit={submit} className="mt-4 space-y-3" noValidate>
          <Field
            label={`Reason for switching to ${target}`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.fields.reason}
            hint="Saved in the audit log, e.g. what the prompt review found."
            maxLength={500}
          />
          {errors.fields.reason ? null : (
            <ErrorBanner message={change.error && !errors.field ? errors.message : null} />
          )}
          <Button type="submit" variant={target === "safe" ? "secondary" : "primary"} busy={change.isPending}>
            Switch to {target}
          </Button>
          <div aria-live="polite">
            <SuccessNote message={done} />
          </div>
        </form>
      ) : (
        <p className="mt-3 text-xs text-slate-500">
          Only owners and agency operators can switch how the AI asks.
        </p>
      )}
    </Card>
  );
}
