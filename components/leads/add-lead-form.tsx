"use client";
// Add lead: a call the plumber took himself, a walk-in or a referral, typed in by the office.
// If the caller already has an open lead, the page offers it ("Open it?") before adding another.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { ADD_LEAD_KINDS, type AddLeadKind } from "@/server/leads/add-lead-kinds";

type Values = {
  kind: AddLeadKind;
  callerName: string;
  callerPhone: string;
  callerEmail: string;
  zip: string;
  issueSummary: string;
  address: string;
  referredBy: string;
  notes: string;
};
const EMPTY: Values = {
  kind: "phone_call",
  callerName: "",
  callerPhone: "",
  callerEmail: "",
  zip: "",
  issueSummary: "",
  address: "",
  referredBy: "",
  notes: "",
};
type Duplicate = { leadId: string | null; callerName: string | null; createdAt: Date | string };

export function AddLeadForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const { slug } = useParams<{ slug: string }>();
  const [values, setValues] = useState<Values>(EMPTY);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const duplicateRef = useRef<HTMLDivElement>(null);
  const add = useMutation(
    trpc.leads.add.mutationOptions({
      onSuccess: (res) => {
        if (res.created && res.visible) {
          router.push(`/t/${slug}/leads/${res.leadId}`);
          return;
        }
        if (res.created) {
          // Routed to a colleague: say where it went and start a fresh form for the next one.
          setAdded(
            `Lead added for ${values.callerName.trim()}. The routing rule gave it to ${res.ownerName ?? "its receiving owner"}.`,
          );
          setValues(EMPTY);
          return;
        }
        setDuplicate(res.duplicate);
      },
    }),
  );
  // Move focus to the "Open it?" question so keyboard and screen-reader users meet it first.
  useEffect(() => {
    if (duplicate) duplicateRef.current?.focus();
  }, [duplicate]);
  const errors = fieldErrorsFrom(add.error);
  const set = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    if (patch.callerPhone !== undefined) setDuplicate(null);
  };
  const send = (allowDuplicate: boolean) => {
    setAdded(null);
    add.mutate({
      kind: values.kind,
      callerName: values.callerName,
      callerPhone: values.callerPhone,
      callerEmail: values.callerEmail || undefined,
      zip: values.zip || undefined,
      issueSummary: values.issueSummary || undefined,
      address: values.address || undefined,
      referredBy: values.kind === "referral" ? values.referredBy || undefined : undefined,
      notes: values.notes || undefined,
      allowDuplicate,
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(false);
  };

  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Add lead"
        description="A call you took yourself, a walk-in or a referral. It joins the inbox with an owner and a due time, like a call."
      />
      <Card>
        <form onSubmit={submit} className="space-y-4" noValidate>
          {errors.message && !errors.field ? <ErrorBanner message={errors.message} /> : null}
          <SuccessNote message={added} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">How did it come in?</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {ADD_LEAD_KINDS.map((k) => (
                <label key={k.kind} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="kind"
                    value={k.kind}
                    checked={values.kind === k.kind}
                    onChange={() => set({ kind: k.kind })}
                    className="size-4"
                  />
                  {k.label}
                </label>
              ))}
            </div>
          </fieldset>
          {values.kind === "referral" ? (
            <Field
              label="Referred by"
              value={values.referredBy}
              onChange={(e) => set({ referredBy: e.target.value })}
              error={errors.fields.referredBy}
              hint="Who sent this customer: a past customer, a contractor, a neighbor."
              autoFocus
            />
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Customer's name"
              autoComplete="off"
              value={values.callerName}
              onChange={(e) => set({ callerName: e.target.value })}
              error={errors.fields.callerName}
              required
            />
            <Field
              label="Phone number"
              type="tel"
              inputMode="tel"
              value={values.callerPhone}
              onChange={(e) => set({ callerPhone: e.target.value })}
              error={errors.fields.callerPhone}
              required
            />
            <Field
              label="Email (optional)"
              type="email"
              autoComplete="off"
              value={values.callerEmail}
              onChange={(e) => set({ callerEmail: e.target.value })}
              error={errors.fields.callerEmail}
            />
            <Field
              label="ZIP code (optional)"
              inputMode="numeric"
              maxLength={10}
              value={values.zip}
              onChange={(e) => set({ zip: e.target.value })}
              error={errors.fields.zip}
            />
            <Field
              label="Address (optional)"
              value={values.address}
              onChange={(e) => set({ address: e.target.value })}
              error={errors.fields.address}
            />
          </div>
          <Field
            label="The problem (optional)"
            value={values.issueSummary}
            onChange={(e) => set({ issueSummary: e.target.value })}
            error={errors.fields.issueSummary}
          />
          <Field
            label="Notes (optional)"
            value={values.notes}
            onChange={(e) => set({ notes: e.target.value })}
            error={errors.fields.notes}
          />

          {duplicate ? (
            <div
              ref={duplicateRef}
              tabIndex={-1}
              role="alert"
              className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
            >
              <p className="font-medium">
                This caller already has an open lead{duplicate.callerName ? ` (${duplicate.callerName})` : ""}
                . Open it?
              </p>
              {duplicate.leadId ? null : (
                <p className="mt-1">
                  It belongs to someone else on your team, so you can&apos;t open it here; ask them or your
                  manager.
                </p>
              )}
              <div className="mt-2 flex flex-wrap gap-2">
                {duplicate.leadId ? (
                  <Link
                    href={`/t/${slug}/leads/${duplicate.leadId}`}
                    className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
                  >
                    Open it
                  </Link>
                ) : null}
                <Button type="button" variant="secondary" busy={add.isPending} onClick={() => send(true)}>
                  Add a new lead anyway
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button type="submit" busy={add.isPending}>
                Add lead
              </Button>
              <Link
                href={`/t/${slug}/leads`}
                className="inline-flex items-center rounded-md px-3 py-2 text-sm text-slate-700 underline underline-offset-2"
              >
                Cancel
              </Link>
            </div>
          )}
        </form>
      </Card>
    </div>
  );
}
