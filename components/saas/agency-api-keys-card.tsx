"use client";
// Agency API keys (a kind of their own) for GET /api/v1/agency/billing. The secret is shown once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { Button, ErrorBanner, Field, fieldErrorsFrom } from "@/components/ui/form";
import { Card, Loading } from "@/components/ui/layout";
import { relativeTime } from "@/components/leads/format";

export function AgencyApiKeysCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.saas.apiKeys.queryOptions());
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.saas.apiKeys.queryKey() });
  const create = useMutation(
    trpc.saas.createApiKey.mutationOptions({
      onSuccess: async (k) => (setSecret(k.secret), setName(""), await refresh()),
    }),
  );
  const revoke = useMutation(trpc.saas.revokeApiKey.mutationOptions({ onSuccess: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSecret(null);
    create.mutate({ name: name.trim() });
  };
  return (
    <Card
      title="Agency API keys"
      description="For your accounting tools: GET /api/v1/agency/billing?month=YYYY-MM (add &format=csv). A business's own API key cannot read it."
    >
      {keys.isPending ? <Loading label="Loading keys…" /> : null}
      {keys.data?.length ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {keys.data.map((k) => (
            <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <strong>{k.name}</strong> <code>{k.prefix}…</code>{" "}
                {k.revokedAt
                  ? "(revoked)"
                  : k.lastUsedAt
                    ? `(last used ${relativeTime(k.lastUsedAt)})`
                    : "(never used)"}
              </span>
              {k.revokedAt ? null : (
                <Button
                  type="button"
                  variant="secondary"
                  busy={revoke.isPending}
                  onClick={() => revoke.mutate({ id: k.id })}
                >
                  Revoke<span className="sr-only"> {k.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : keys.data ? (
        <p className="text-sm text-slate-600">No agency keys yet.</p>
      ) : null}
      <form
        onSubmit={submit}
        className="mt-3 flex flex-wrap items-end gap-3"
        aria-label="Create an agency API key"
      >
        <Field
          label="Key name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrorsFrom(create.error).fields.name}
          className="min-w-48"
        />
        <Button type="submit" busy={create.isPending}>
          Create key
        </Button>
      </form>
      <div aria-live="polite" className="mt-3">
        {secret ? (
          <div className="rounded-md border border-green-200 bg-green-50 p-3 text-sm">
            <p>Copy this key now: it is shown only once.</p>
            <code id="agency-key-secret" className="mt-1 block break-all" data-testid="agency-key-secret">
              {secret}
            </code>
            <CopyButton value={secret} targetId="agency-key-secret" />
          </div>
        ) : null}
        <ErrorBanner
          message={
            (create.error && !fieldErrorsFrom(create.error).fields.name ? create.error.message : null) ??
            revoke.error?.message
          }
        />
      </div>
    </Card>
  );
}
