"use client";
// Phone numbers: the tracking numbers callers dial, the plumber's phone that rings first, and
// the optional on-call phone for emergencies and warm transfers.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { QueryState, ReadOnlyNote } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import type { NumberConnection } from "@/server/setup/connection-summary";
import { phoneLabel } from "@/server/leads/labels";
import { ConnectNumberGuide } from "./connect-number-guide";
import { useInvalidateSetup } from "./use-invalidate-setup";
import { NumberConnectionStatus } from "./number-connection-status";

export function PhoneSettings({
  role,
  webhooks,
}: {
  role: TenantRole;
  webhooks: { voiceUrl: string; smsUrl: string };
}) {
  const trpc = useTRPC();
  const phones = useQuery(trpc.setup.phones.queryOptions());
  const connection = useQuery(trpc.setup.connection.queryOptions());
  const editable = can(role, "setup.write");

  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Phone numbers"
        description="Every call to a tracking number rings the plumber's phone first for 10 seconds. Only if nobody answers does the AI pick up."
      />
      {!editable ? (
        <ReadOnlyNote>You can see these numbers, but only an owner or manager can change them.</ReadOnlyNote>
      ) : null}
      <QueryState query={phones} what="see the phone numbers">
        {() => (
          <>
            {connection.data && connection.data.summary.state !== "no_numbers" ? (
              <p
                role="status"
                className={`rounded-lg border p-3 text-sm ${connection.data.summary.state === "elsewhere" ? "border-red-200 bg-red-50 text-red-900" : connection.data.summary.state === "unknown" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-green-200 bg-green-50 text-green-900"}`}
                data-testid="connection-summary"
              >
                {connection.data.summary.sentence}
              </p>
            ) : null}
            <TrackingNumbers
              numbers={phones.data!.tracking}
              editable={editable}
              connections={connection.data?.numbers}
            />
            <ForwardingPhones
              plumberPhone={phones.data!.plumberPhone}
              onCallPhone={phones.data!.onCallPhone}
              editable={editable}
            />
            <ConnectNumberGuide voiceUrl={webhooks.voiceUrl} smsUrl={webhooks.smsUrl} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function TrackingNumbers({
  numbers,
  editable,
  connections,
}: {
  numbers: { id: string; e164: string; label: string | null }[];
  editable: boolean;
  connections: NumberConnection[] | undefined;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSetup();
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(trpc.setup.addTrackingNumber.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.setup.removeTrackingNumber.mutationOptions({ onSuccess: invalidate }));
  const errs = fieldErrorsFrom(add.error);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setAdded(null);
    const res = await add
      .mutateAsync({
        number: String(f.get("number") ?? ""),
        label: String(f.get("label") ?? "") || undefined,
      })
      .catch(() => null);
    if (res) {
      form.reset();
      setAdded(`Added ${phoneLabel(res.e164)}.`);
    }
  }

  return (
    <Card
      title="Tracking numbers"
      description="The numbers your callers dial. Point each one at LeadRescue in Twilio. A number can belong to one business only."
    >
      {numbers.length === 0 ? (
        <EmptyState title="No tracking number yet">Add the number your customers call.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Tracking numbers">
          {numbers.map((n) => (
            <li key={n.id} className="flex items-start justify-between gap-4 py-3">
              <div className="min-w-0">
                <p className="text-sm font-medium">{phoneLabel(n.e164)}</p>
                {n.label ? <p className="text-xs text-slate-600">{n.label}</p> : null}
                <NumberConnectionStatus
                  connection={connections?.find((c) => c.id === n.id)}
                  editable={editable}
                />
              </div>
              {editable ? (
                <ConfirmButton
                  label={`Remove ${phoneLabel(n.e164)}`}
                  busy={remove.isPending && remove.variables?.id === n.id}
                  onConfirm={() => remove.mutate({ id: n.id })}
                >
                  Remove
                </ConfirmButton>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner message={remove.error?.message} />
      {editable ? (
        <form
          onSubmit={onSubmit}
          noValidate
          className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
        >
          <Field
            label="Tracking number"
            name="number"
            type="tel"
            autoComplete="off"
            placeholder="(512) 555-0100"
            required
            error={errs.fields.number}
            hint="US numbers as you write them, or +country code."
          />
          <Field
            label="Label (optional)"
            name="label"
            maxLength={60}
            placeholder="Google Ads"
            error={errs.fields.label}
          />
          <Button type="submit" busy={add.isPending} className="sm:mt-6">
            Add number
          </Button>
          <div className="sm:col-span-3" aria-live="polite">
            {add.error && !errs.field ? <ErrorBanner message={errs.message} /> : null}
            <SuccessNote message={added} />
          </div>
        </form>
      ) : null}
    </Card>
  );
}

function ForwardingPhones({
  plumberPhone,
  onCallPhone,
  editable,
}: {
  plumberPhone: string | null;
  onCallPhone: string | null;
  editable: boolean;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSetup();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.setup.setForwardingPhones.mutationOptions({ onSuccess: invalidate }));
  const errs = fieldErrorsFrom(save.error);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setSaved(false);
    const ok = await save
      .mutateAsync({
        plumberPhone: String(f.get("plumberPhone") ?? ""),
        onCallPhone: String(f.get("onCallPhone") ?? "") || null,
      })
      .then(
        () => true,
        () => false,
      );
    setSaved(ok);
  }

  return (
    <Card
      title="Who gets the call"
      description="The plumber's phone rings first on every call. The on-call phone takes emergencies and callers who ask for a person."
    >
      {/* Keyed by the saved values so the fields show what the server stored after a save. */}
      <form key={`${plumberPhone}|${onCallPhone}`} onSubmit={onSubmit} noValidate className="space-y-4">
        <Field
          label="Plumber's phone"
          name="plumberPhone"
          type="tel"
          autoComplete="off"
          defaultValue={phoneLabel(plumberPhone)}
          placeholder="(512) 555-0101"
          required
          disabled={!editable}
          error={errs.fields.plumberPhone}
          hint="Rings first for 10 seconds. Press 1 to take the call; a voicemail pickup does not count."
        />
        <Field
          label="On-call phone (optional)"
          name="onCallPhone"
          type="tel"
          autoComplete="off"
          defaultValue={phoneLabel(onCallPhone)}
          placeholder="(512) 555-0102"
          disabled={!editable}
          error={errs.fields.onCallPhone}
          hint="For emergencies and warm transfers. Leave empty to get an urgent callback task instead."
        />
        {editable ? (
          <div className="flex items-center gap-3" aria-live="polite">
            <Button type="submit" busy={save.isPending}>
              Save phones
            </Button>
            {saved ? <SuccessNote message="Saved." /> : null}
            {save.error && !errs.field ? <ErrorBanner message={errs.message} /> : null}
          </div>
        ) : null}
      </form>
    </Card>
  );
}
