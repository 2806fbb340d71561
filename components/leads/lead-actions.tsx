"use client";
// What every card on the lead page shares: the lead's data type, a mutation helper that
// refreshes the lead after a change, and the success / refusal line under a form.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc-provider";
import { ErrorBanner, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import type { AppRouter } from "@/server/trpc/root";

export type Detail = inferRouterOutputs<AppRouter>["leads"]["get"];

export function useLeadAction() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = (message: string) => async () => {
    setDone(message);
    await queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() });
  };
  return { trpc, done, setDone, onSuccess };
}

export function ActionResult({ error, done }: { error: unknown; done: string | null }) {
  const e = fieldErrorsFrom(error);
  return (
    <div aria-live="polite" className="mt-2 space-y-1">
      {error ? <ErrorBanner message={e.message} /> : null}
      {!error ? <SuccessNote message={done} /> : null}
    </div>
  );
}
