"use client";
// Under the inbox's "Test calls" filter: what these are, and (owners and managers) one button
// that closes every open test call so the list starts clean.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorBanner, SuccessNote } from "@/components/ui/form";

export function TestCallsNote({
  canManage,
  hasOpen,
  untilRealLeads = false,
}: {
  canManage: boolean;
  hasOpen: boolean;
  /** Shown in the queue because the business has no real lead yet. */ untilRealLeads?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const clear = useMutation(
    trpc.leads.clearTestCalls.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() }),
    }),
  );
  return (
    <div
      className="mb-4 rounded-lg border border-violet-200 bg-violet-50 p-3 text-sm text-violet-950"
      data-testid="test-calls-note"
    >
      {untilRealLeads ? (
        <p>
          No real calls yet, so your test calls from “Test your flow” are shown here, marked “Test”. They
          never escalate. Once a real call comes in, they move behind the “Test calls” filter.
        </p>
      ) : (
        <p>Test calls from “Test your flow”. They never reach the real queue and never escalate.</p>
      )}
      {canManage && hasOpen ? (
        <div className="mt-2">
          <ConfirmButton
            confirmText="Yes, clear test calls"
            busy={clear.isPending}
            onConfirm={() => clear.mutate()}
          >
            Clear test calls
          </ConfirmButton>
        </div>
      ) : null}
      <div aria-live="polite" className="mt-2">
        {clear.isSuccess ? (
          <SuccessNote
            message={`Cleared ${clear.data.cleared} test call${clear.data.cleared === 1 ? "" : "s"}.`}
          />
        ) : null}
        <ErrorBanner message={clear.error?.message} />
      </div>
    </div>
  );
}
