"use client";
// Cancelling the service: what happens and when, and undoing it until the business is detached.
import { Button, ErrorBanner, SuccessNote } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { BillingState } from "@/server/billing/billing-state";
import type { Fmt } from "./date-format";
import { useBillingActions } from "./use-billing-actions";

export function CancellationCard({ state, fmt }: { state: BillingState; fmt: Fmt }) {
  const { cancel, undo } = useBillingActions();
  const c = state.cancellation;
  return (
    <Card
      title="Cancel service"
      description="Cancelling turns the AI off 24 hours after you ask: your numbers stop being answered by LeadRescue, and nothing renews. You can undo it until then."
    >
      <div aria-live="polite">
        {c.detachedAt ? (
          <p className="text-sm" data-testid="detach-time">
            Cancelled — the AI stopped answering on <strong>{fmt(c.detachedAt, true)}</strong> (cancellation
            requested {fmt(c.requestedAt, true)}).
          </p>
        ) : c.requestedAt ? (
          <div className="space-y-3">
            <p className="text-sm" data-testid="detach-time">
              <strong>Cancelled — the AI stops answering on {fmt(c.detachAt, true)}; undo until then.</strong>{" "}
              Requested on {fmt(c.requestedAt, true)}.
            </p>
            {c.canUndo ? (
              <Button type="button" variant="secondary" busy={undo.isPending} onClick={() => undo.mutate()}>
                Undo cancellation
              </Button>
            ) : null}
          </div>
        ) : (
          <ConfirmButton
            confirmText="Yes, cancel service"
            busy={cancel.isPending}
            onConfirm={() => cancel.mutate()}
          >
            Cancel service
          </ConfirmButton>
        )}
        {undo.isSuccess && !c.requestedAt ? (
          <SuccessNote message="Cancellation undone: the AI stays on." />
        ) : null}
        <ErrorBanner message={cancel.error?.message ?? undo.error?.message} />
      </div>
    </Card>
  );
}
