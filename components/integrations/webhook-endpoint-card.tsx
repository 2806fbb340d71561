"use client";
// One webhook endpoint: its state and events, on/off, secret rotation, removal, and its log.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { OneTimeSecret } from "./one-time-secret";
import { DeliveryLog } from "./webhook-delivery-log";
import { dateTimeIn } from "@/components/leads/format";

type Endpoint = {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
};

export function EndpointCard({ endpoint: e, timeZone }: { endpoint: Endpoint; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.webhooks.queryKey() });
  const [rotated, setRotated] = useState<string | null>(null);
  const [showLog, setShowLog] = useState(false);
  const toggle = useMutation(trpc.integrations.setWebhookEnabled.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.integrations.deleteWebhook.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(
    trpc.integrations.rotateWebhookSecret.mutationOptions({ onSuccess: (r) => setRotated(r.secret) }),
  );
  const error = toggle.error ?? remove.error ?? rotate.error;

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="break-all font-mono text-sm">{e.url}</p>
          <p className="mt-1 text-xs text-slate-600">{e.events.join(", ")}</p>
          <p className="mt-1 text-sm">
            {e.enabled ? (
              <span className="text-emerald-700">
                On{e.failingSince ? ` — failing since ${dateTimeIn(timeZone, e.failingSince)}` : ""}
              </span>
            ) : (
              <span className="text-red-700">Off{e.disabledReason ? `: ${e.disabledReason}` : ""}</span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            busy={toggle.isPending}
            onClick={() => toggle.mutate({ id: e.id, enabled: !e.enabled })}
            aria-label={`${e.enabled ? "Turn off" : "Turn on"} ${e.url}`}
          >
            {e.enabled ? "Turn off" : "Turn on"}
          </Button>
          <ConfirmButton
            label={`Rotate the secret of ${e.url}`}
            confirmText="Yes, rotate"
            busy={rotate.isPending}
            onConfirm={() => rotate.mutate({ id: e.id })}
          >
            Rotate secret
          </ConfirmButton>
          <ConfirmButton
            label={`Remove ${e.url}`}
            busy={remove.isPending}
            onConfirm={() => remove.mutate({ id: e.id })}
          >
            Remove
          </ConfirmButton>
        </div>
      </div>
      <div aria-live="polite">
        <ErrorBanner message={error?.message} />
        {rotated ? (
          <div className="mt-3">
            <OneTimeSecret
              title="The new signing secret — shown only this once. The old one keeps signing too for 24 hours."
              secret={rotated}
              label="New signing secret"
              onDone={() => setRotated(null)}
            />
          </div>
        ) : null}
      </div>
      <div className="mt-3">
        <Button
          type="button"
          variant="secondary"
          aria-expanded={showLog}
          onClick={() => setShowLog((v) => !v)}
        >
          {showLog ? "Hide delivery log" : "Show delivery log"}
        </Button>
        {showLog ? <DeliveryLog endpointId={e.id} timeZone={timeZone} /> : null}
      </div>
    </Card>
  );
}
