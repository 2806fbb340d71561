"use client";
// The agency's plans: a list and a form to add or edit one (name, monthly price, included calls
// and texts, overage prices, trial). Prices are typed in dollars and stored in cents.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, EmptyState, Loading } from "@/components/ui/layout";
import { money } from "@/server/billing/money";

type Values = {
  name: string;
  monthly: string;
  includedCalls: string;
  includedTexts: string;
  overageCall: string;
  overageText: string;
  trialDays: string;
};
const EMPTY: Values = {
  name: "",
  monthly: "",
  includedCalls: "",
  includedTexts: "",
  overageCall: "",
  overageText: "",
  trialDays: "14",
};

const toCents = (s: string) => Math.round(Number(s.replace(/[$,\s]/g, "")) * 100);
const dollars = (c: number) => (c / 100).toFixed(2);

function check(v: Values): Partial<Record<keyof Values, string>> {
  const out: Partial<Record<keyof Values, string>> = {};
  const num = (s: string) =>
    s.trim() !== "" &&
    Number.isFinite(Number(s.replace(/[$,\s]/g, ""))) &&
    Number(s.replace(/[$,\s]/g, "")) >= 0;
  const whole = (s: string) => /^\d+$/.test(s.trim());
  if (v.name.trim().length < 2) out.name = "Plan name must be at least 2 characters.";
  if (!num(v.monthly) || toCents(v.monthly) < 100)
    out.monthly = "Enter the monthly price in dollars, at least 1.00.";
  if (!whole(v.includedCalls)) out.includedCalls = "Enter a whole number of calls (0 or more).";
  if (!whole(v.includedTexts)) out.includedTexts = "Enter a whole number of texts (0 or more).";
  if (!num(v.overageCall)) out.overageCall = "Enter the price per extra call in dollars, like 4.00.";
  if (!num(v.overageText)) out.overageText = "Enter the price per extra text in dollars, like 0.05.";
  if (!whole(v.trialDays) || Number(v.trialDays) > 90) out.trialDays = "Enter 0 to 90 days.";
  return out;
}

export function PlansCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plans = useQuery(trpc.saas.plans.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = async (p: { name: string }) => {
    setDone(`Saved the ${p.name} plan.`);
    setValues(EMPTY);
    setEditing(null);
    setTouched(false);
    await queryClient.invalidateQueries({ queryKey: trpc.saas.pathKey() });
  };
  const create = useMutation(trpc.saas.createPlan.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.saas.updatePlan.mutationOptions({ onSuccess }));
  const error = create.error ?? update.error;
  const local = touched ? check(values) : {};
  const server = fieldErrorsFrom(error).fields;
  const set = (k: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setDone(null);
    if (Object.keys(check(values)).length) return;
    const plan = {
      name: values.name.trim(),
      monthlyPriceCents: toCents(values.monthly),
      includedCalls: Number(values.includedCalls),
      includedTexts: Number(values.includedTexts),
      overageCallCents: toCents(values.overageCall),
      overageTextCents: toCents(values.overageText),
      trialDays: Number(values.trialDays),
    };
    if (editing) update.mutate({ planId: editing, plan });
    else create.mutate({ plan });
  }

  return (
    <Card
      title="Plans"
      description="What you sell to your businesses, at your price. Plan changes are prorated by Stripe."
    >
      {plans.isPending ? <Loading label="Loading plans…" /> : null}
      {plans.error ? <ErrorBanner message={plans.error.message} /> : null}
      {plans.data && plans.data.length === 0 ? (
        <EmptyState title="No plans yet">Add your first plan below.</EmptyState>
      ) : null}
      {plans.data && plans.data.length > 0 ? (
        <ul className="divide-y divide-slate-100" data-testid="plan-list">
          {plans.data.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                <strong>{p.name}</strong> — {money(p.monthlyPriceCents, p.currency)} / month,{" "}
                {p.includedCalls} calls and {p.includedTexts} texts included, extra call{" "}
                {money(p.overageCallCents, p.currency)}, extra text {money(p.overageTextCents, p.currency)}
                {p.trialDays ? `, ${p.trialDays}-day trial` : ", no trial"} · {p.businesses}{" "}
                {p.businesses === 1 ? "business" : "businesses"}
              </span>
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setEditing(p.id);
                  setValues({
                    name: p.name,
                    monthly: dollars(p.monthlyPriceCents),
                    includedCalls: String(p.includedCalls),
                    includedTexts: String(p.includedTexts),
                    overageCall: dollars(p.overageCallCents),
                    overageText: dollars(p.overageTextCents),
                    trialDays: String(p.trialDays),
                  });
                }}
              >
                Edit<span className="sr-only"> {p.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        onSubmit={submit}
        noValidate
        className="mt-4 grid gap-3 sm:grid-cols-2"
        aria-label={editing ? "Edit plan" : "Add a plan"}
      >
        <Field
          label="Plan name"
          value={values.name}
          onChange={set("name")}
          error={local.name ?? server.name}
        />
        <Field
          label="Monthly price ($)"
          inputMode="decimal"
          value={values.monthly}
          onChange={set("monthly")}
          error={local.monthly ?? server.monthlyPriceCents}
        />
        <Field
          label="Included AI-handled calls a month"
          inputMode="numeric"
          value={values.includedCalls}
          onChange={set("includedCalls")}
          error={local.includedCalls ?? server.includedCalls}
        />
        <Field
          label="Included texts a month"
          inputMode="numeric"
          value={values.includedTexts}
          onChange={set("includedTexts")}
          error={local.includedTexts ?? server.includedTexts}
        />
        <Field
          label="Price per extra call ($)"
          inputMode="decimal"
          value={values.overageCall}
          onChange={set("overageCall")}
          error={local.overageCall ?? server.overageCallCents}
        />
        <Field
          label="Price per extra text ($)"
          inputMode="decimal"
          value={values.overageText}
          onChange={set("overageText")}
          error={local.overageText ?? server.overageTextCents}
        />
        <Field
          label="Free trial (days)"
          inputMode="numeric"
          value={values.trialDays}
          onChange={set("trialDays")}
          error={local.trialDays ?? server.trialDays}
          hint="0 = no trial: the business pays from the first day."
        />
        <div className="flex items-end gap-3">
          <Button type="submit" busy={create.isPending || update.isPending}>
            {editing ? "Save plan" : "Add plan"}
          </Button>
          {editing ? (
            <Button
              type="button"
              variant="secondary"
              onClick={() => (setEditing(null), setValues(EMPTY), setTouched(false))}
            >
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
      <div className="mt-3" aria-live="polite">
        <ErrorBanner message={error && !Object.keys(server).length ? error.message : null} />
        <SuccessNote message={done} />
      </div>
    </Card>
  );
}
