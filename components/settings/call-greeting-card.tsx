"use client";
// White label on calls: the owner chooses whether the AI introduces itself with the agency's
// brand ("I'm the virtual assistant from <agency>"). Shown only to a business whose agency has a brand.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";

export function CallGreetingCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const choice = useQuery(trpc.setup.callGreeting.queryOptions());
  const [on, setOn] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.setup.setCallGreeting.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.setup.callGreeting.queryKey() });
      },
    }),
  );
  const data = choice.data;
  if (!data?.agencyBrand || !data.greetingWith) return null;
  const checked = on ?? data.on;
  return (
    <Card className="mt-6">
      <form
        aria-label="Your agency on calls"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          save.mutate({ on: checked });
        }}
      >
        <h2 className="text-base font-semibold">Your agency on calls</h2>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={checked}
            onChange={(e) => {
              setOn(e.target.checked);
              setSaved(false);
            }}
          />
          <span>Have the AI introduce itself as the virtual assistant from {data.agencyBrand}</span>
        </label>
        <p className="text-sm text-slate-600">Callers will hear:</p>
        <blockquote
          className="border-l-4 border-slate-200 pl-3 text-sm text-slate-800"
          data-testid="greeting-preview"
        >
          {checked ? data.greetingWith : data.greetingWithout}
        </blockquote>
        <div className="flex items-center gap-3" aria-live="polite">
          <Button type="submit" busy={save.isPending}>
            Save greeting
          </Button>
          {saved ? <SuccessNote message="Greeting saved." /> : null}
          {save.error ? <ErrorBanner message={fieldErrorsFrom(save.error).message} /> : null}
        </div>
      </form>
    </Card>
  );
}
