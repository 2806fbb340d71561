"use client";
// Add a client business to the agency: name, time zone and the owner's email. An existing
// account becomes the owner at once; anyone else gets an invite link to pass on.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { useTRPC } from "@/components/trpc-provider";
import { CopyableValue } from "@/components/ui/copyable-value";
import { Button, ErrorBanner, Field, fieldErrorsFrom, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";

type Values = { businessName: string; timeZone: string; ownerEmail: string };

/** Checks as you go, so the obvious mistakes show before the round trip; the server checks again. */
function check(v: Values): Partial<Record<keyof Values, string>> {
  const out: Partial<Record<keyof Values, string>> = {};
  if (v.businessName.trim().length < 2) out.businessName = "Business name must be at least 2 characters.";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.ownerEmail.trim()))
    out.ownerEmail = "Enter the owner's email address, like owner@example.com.";
  return out;
}

export function AddBusinessForm({
  agencyId,
  onDone,
}: {
  agencyId?: string;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({
    businessName: "",
    timeZone: "America/Chicago",
    ownerEmail: "",
  });
  // SaaS mode: the agency plan the business starts on ("" = LeadRescue's own trial).
  const [planId, setPlanId] = useState("");
  const plans = useQuery(trpc.saas.plans.queryOptions());
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const create = useMutation(
    trpc.agency.createTenant.mutationOptions({
      onSuccess: async (res) => {
        onDone(`Added ${res.name}.`);
        setValues((v) => ({ ...v, businessName: "", ownerEmail: "" }));
        setTouched({});
        await queryClient.invalidateQueries({ queryKey: trpc.agency.overview.queryKey() });
      },
    }),
  );
  const local = check(values);
  const server = fieldErrorsFrom(create.error);
  const errorOf = (k: keyof Values) => (touched[k] ? local[k] : undefined) ?? server.fields[k];
  const set = (k: keyof Values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    if (create.error) create.reset();
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched({ businessName: true, timeZone: true, ownerEmail: true });
    if (Object.keys(local).length) return;
    create.mutate({
      agencyId,
      businessName: values.businessName.trim(),
      timeZone: values.timeZone,
      ownerEmail: values.ownerEmail.trim(),
      ...(planId ? { planId } : {}),
    });
  }

  const done = create.data;
  return (
    <Card
      title="Add a business"
      description="The new business starts on your plan's trial, or LeadRescue's 14-day free trial (no card needed either way); the AI answers once its setup is complete."
    >
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Business name"
          name="businessName"
          value={values.businessName}
          onChange={set("businessName")}
          onBlur={() => setTouched((t) => ({ ...t, businessName: true }))}
          error={errorOf("businessName")}
          required
        />
        <TimeZoneSelect
          value={values.timeZone}
          onChange={(timeZone) => setValues((v) => ({ ...v, timeZone }))}
          error={server.fields.timeZone}
        />
        <Field
          label="Owner's email"
          name="ownerEmail"
          type="email"
          value={values.ownerEmail}
          onChange={set("ownerEmail")}
          onBlur={() => setTouched((t) => ({ ...t, ownerEmail: true }))}
          error={errorOf("ownerEmail")}
          hint="The owner gets an invite link; someone who already has an account accepts it with their password."
          required
        />
        {plans.data?.length ? (
          <Select
            label="Plan"
            value={planId}
            onChange={(e) => setPlanId(e.target.value)}
            error={server.fields.planId}
          >
            <option value="">LeadRescue&apos;s 14-day free trial (pays LeadRescue)</option>
            {plans.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        ) : null}
        <div className="sm:col-span-3">
          <ErrorBanner message={create.error && !Object.keys(server.fields).length ? server.message : null} />
          <Button type="submit" busy={create.isPending} className="mt-2">
            Add business
          </Button>
        </div>
      </form>
      <div role="status" aria-live="polite" className="mt-4 text-sm">
        {done ? (
          <div className="rounded-md border border-green-200 bg-green-50 p-3 text-green-900">
            <p>
              Added <strong>{done.name}</strong>.{" "}
              {done.owner.invited
                ? `${done.owner.email} was invited as owner${done.invite?.emailed ? " by email" : ""}.`
                : `${done.owner.name} (${done.owner.email}) is its owner.`}{" "}
              <a href={`/t/${done.slug}`} className="font-medium text-brand-700 underline">
                Open {done.name}
              </a>
            </p>
            {done.invite ? (
              <div className="mt-2">
                <CopyableValue id="owner-invite-link" label="Owner invite link" value={done.invite.link} />
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
