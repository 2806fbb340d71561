"use client";
// Settings → Webhooks: add an endpoint (its signing secret is shown once), see each endpoint's
// state, turn it off/on, rotate its secret, remove it, and read its delivery log.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { NoPermission, QueryState } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import { timeZoneNote } from "@/components/leads/format";
import type { WebhookEventType } from "@/server/webhooks/events";
import { OneTimeSecret } from "./one-time-secret";
import { EndpointCard } from "./webhook-endpoint-card";

/** `timeZone`: the business's, for when an endpoint began failing and when each delivery was tried. */
export function WebhooksSettings({ role, timeZone }: { role: TenantRole; timeZone: string }) {
  const trpc = useTRPC();
  const allowed = can(role, "integrations.manage");
  const endpoints = useQuery(trpc.integrations.webhooks.queryOptions(undefined, { enabled: allowed }));
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="Webhooks"
        description={
          <>
            LeadRescue posts each event to your endpoints as JSON, signed per the Standard Webhooks
            specification (headers <code className="rounded bg-slate-100 px-1">webhook-id</code>,{" "}
            <code className="rounded bg-slate-100 px-1">webhook-timestamp</code>,{" "}
            <code className="rounded bg-slate-100 px-1">webhook-signature</code>). Failed deliveries are
            retried for about 24 hours. {timeZoneNote(timeZone)}.
          </>
        }
      />
      {!allowed ? (
        <NoPermission what="manage webhooks" />
      ) : (
        <>
          <AddEndpoint />
          <QueryState query={endpoints} what="manage webhooks">
            {() =>
              endpoints.data!.length === 0 ? (
                <Card title="Endpoints">
                  <EmptyState title="No endpoints yet">
                    Add one above, e.g. a Zapier or Make catch hook, or your field-service system&apos;s URL.
                  </EmptyState>
                </Card>
              ) : (
                <ul className="space-y-4" aria-label="Webhook endpoints">
                  {endpoints.data!.map((e) => (
                    <li key={e.id}>
                      <EndpointCard endpoint={e} timeZone={timeZone} />
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </>
      )}
    </div>
  );
}

function AddEndpoint() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const legendId = useId();
  const events = useQuery(trpc.integrations.webhookEvents.queryOptions());
  const [shown, setShown] = useState<{ url: string; secret: string } | null>(null);
  const create = useMutation(
    trpc.integrations.createWebhook.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.integrations.webhooks.queryKey() }),
    }),
  );
  const errs = fieldErrorsFrom(create.error);
  const eventsError = Object.entries(errs.fields).find(([k]) => k.startsWith("events"))?.[1];

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const res = await create
      .mutateAsync({
        url: String(data.get("url") ?? ""),
        events: data.getAll("events").map(String) as WebhookEventType[],
      })
      .catch(() => null);
    if (res) {
      form.reset();
      setShown({ url: res.url, secret: res.secret });
    }
  }

  return (
    <Card title="Add an endpoint">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field
          label="Endpoint URL"
          name="url"
          type="url"
          inputMode="url"
          maxLength={2000}
          placeholder="https://hooks.example.com/leadrescue"
          hint="An https:// address on the public internet."
          error={errs.fields.url}
        />
        <fieldset aria-describedby={eventsError ? `${legendId}-error` : undefined}>
          <legend id={legendId} className="text-sm font-medium text-slate-700">
            Events to send
          </legend>
          {events.isPending ? <p className="mt-2 text-sm text-slate-500">Loading events…</p> : null}
          {events.error ? <ErrorBanner message={events.error.message} /> : null}
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {events.data?.map((ev) => (
              <label
                key={ev.type}
                className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm"
              >
                <input
                  type="checkbox"
                  name="events"
                  value={ev.type}
                  defaultChecked={ev.type === "lead.created" || ev.type === "call.completed"}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-mono text-xs">{ev.type}</span>
                  <span className="block text-slate-600">{ev.label}</span>
                </span>
              </label>
            ))}
          </div>
          {eventsError ? (
            <p id={`${legendId}-error`} className="mt-1 text-xs text-red-600">
              {eventsError}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" busy={create.isPending}>
          Add endpoint
        </Button>
      </form>
      <div aria-live="polite" className="mt-4">
        {create.error && !errs.field ? <ErrorBanner message={errs.message} /> : null}
        {shown ? (
          <OneTimeSecret
            title={`Copy the signing secret for ${shown.url} now. It is shown only this once.`}
            secret={shown.secret}
            label="Signing secret"
            onDone={() => setShown(null)}
          />
        ) : null}
      </div>
    </Card>
  );
}
