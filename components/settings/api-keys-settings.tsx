"use client";
// API keys for the REST API (GET /api/v1/leads): create one (its secret is shown once, with
// copy), see which exist, who made each and when it was last used, revoke. A key stops working
// when the person who made it leaves the business or may no longer manage keys; the list says so.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { OneTimeSecret } from "@/components/integrations/one-time-secret";
import { NoPermission, QueryState } from "./access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import { API_SCOPE_LABELS, API_SCOPES, type ApiScope } from "@/server/api/api-scopes";
import { dateTimeIn, timeZoneNote } from "@/components/leads/format";

const when = (d: Date | null, timeZone: string) => (d ? dateTimeIn(timeZone, d) : "never");

/** `timeZone`: the business's, for when each key was made and last used. */
export function ApiKeysSettings({ role, timeZone }: { role: TenantRole; timeZone: string }) {
  const trpc = useTRPC();
  const allowed = can(role, "apiKeys.manage");
  const keys = useQuery(trpc.team.apiKeys.queryOptions(undefined, { enabled: allowed }));
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let your other tools read and update your leads and manage webhooks (REST API, described at{" "}
            <code className="rounded bg-slate-100 px-1">/api/v1/openapi.json</code>) with the header{" "}
            <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;key&gt;</code>. Only the
            person who makes a key sees it, so a key stops working when its maker leaves the business or is no
            longer an owner. {timeZoneNote(timeZone)}.
          </>
        }
      />
      {!allowed ? (
        <NoPermission what="manage API keys" />
      ) : (
        <>
          <CreateKey />
          <QueryState query={keys} what="manage API keys">
            {() => <KeyList keys={keys.data!} timeZone={timeZone} />}
          </QueryState>
        </>
      )}
    </div>
  );
}

function CreateKey() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<{ name: string; secret: string } | null>(null);
  const create = useMutation(
    trpc.team.createApiKey.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.team.apiKeys.queryKey() }),
    }),
  );
  const errs = fieldErrorsFrom(create.error);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const scopes = data.getAll("scopes").map(String) as ApiScope[];
    const res = await create.mutateAsync({ name: String(data.get("name") ?? ""), scopes }).catch(() => null);
    if (res) {
      form.reset();
      setShown({ name: res.name, secret: res.secret });
    }
  }

  return (
    <Card title="Create a key">
      <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start">
        <Field
          label="Key name"
          name="name"
          maxLength={60}
          placeholder="Zapier"
          hint="Say where it will be used, so you know what to revoke later."
          error={errs.fields.name}
        />
        <Button type="submit" busy={create.isPending} className="sm:mt-6">
          Create key
        </Button>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700">What the key may do</legend>
          <div className="mt-2 flex flex-wrap gap-3">
            {API_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope} defaultChecked />
                <span>
                  {API_SCOPE_LABELS[scope]} <span className="font-mono text-xs text-slate-500">{scope}</span>
                </span>
              </label>
            ))}
          </div>
          {errs.fields.scopes ? <p className="mt-1 text-xs text-red-600">{errs.fields.scopes}</p> : null}
        </fieldset>
      </form>
      <div aria-live="polite" className="mt-4">
        {create.error && !errs.field ? <ErrorBanner message={errs.message} /> : null}
        {shown ? (
          <OneTimeSecret
            title={`Copy the key "${shown.name}" now. It is shown only this once; we store only a fingerprint of it.`}
            secret={shown.secret}
            label="New API key"
            copyLabel="Copy key"
            onDone={() => setShown(null)}
          />
        ) : null}
      </div>
    </Card>
  );
}

type Key = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokedReason: "by_hand" | "maker_removed" | "maker_role_changed" | null;
};

/** "Revoked Mon, Dec 7, 9:14 AM: Sam Lee, who made it, was removed from the business" */
function revokedSentence(k: Key, timeZone: string): string {
  const maker = k.createdBy ?? "its maker";
  const why =
    k.revokedReason === "maker_removed"
      ? `${maker}, who made it, was removed from the business`
      : k.revokedReason === "maker_role_changed"
        ? `${maker}, who made it, is no longer an owner`
        : k.revokedBy
          ? `by ${k.revokedBy}`
          : null;
  return `Revoked ${when(k.revokedAt, timeZone)}${why ? (k.revokedReason === "by_hand" ? ` ${why}` : `: ${why}`) : ""}`;
}

function KeyList({ keys, timeZone }: { keys: Key[]; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.team.revokeApiKey.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.team.apiKeys.queryKey() }),
    }),
  );
  return (
    <Card title="Keys">
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">
          Create one above when a tool needs to read your leads.
        </EmptyState>
      ) : (
        <ResponsiveTable
          caption="API keys"
          rowKey={(k) => k.id}
          rows={keys}
          columns={[
            {
              header: "Name",
              cell: (k) => (
                <span className={`font-medium ${k.revokedAt ? "text-slate-500" : ""}`}>{k.name}</span>
              ),
            },
            { header: "Key", cell: (k) => <span className="font-mono text-xs">{k.prefix}…</span> },
            {
              header: "Scopes",
              cell: (k) => <span className="font-mono text-xs">{k.scopes.join(" ")}</span>,
            },
            { header: "Created", cell: (k) => when(k.createdAt, timeZone) },
            { header: "Made by", cell: (k) => k.createdBy ?? "—" },
            { header: "Last used", cell: (k) => when(k.lastUsedAt, timeZone) },
            {
              header: "Status",
              cell: (k) =>
                k.revokedAt ? (
                  revokedSentence(k, timeZone)
                ) : (
                  <ConfirmButton
                    label={`Revoke key ${k.name}`}
                    confirmText="Yes, revoke"
                    busy={revoke.isPending && revoke.variables?.id === k.id}
                    onConfirm={() => revoke.mutate({ id: k.id })}
                  >
                    Revoke
                  </ConfirmButton>
                ),
            },
          ]}
        />
      )}
      <ErrorBanner message={revoke.error?.message} />
    </Card>
  );
}
