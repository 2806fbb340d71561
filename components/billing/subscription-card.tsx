"use client";
// The subscription: status, plan, trial or renewal date, and what the Subscribe button does, said
// before it is pressed.
import { Button, ErrorBanner } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import type { BillingState } from "@/server/billing/billing-state";
import { money } from "@/server/billing/money";
import type { Fmt } from "./date-format";
import { useBillingActions } from "./use-billing-actions";

const STATUS_TONE: Record<string, string> = {
  trialing: "bg-sky-100 text-sky-800",
  active: "bg-green-100 text-green-800",
  past_due: "bg-amber-100 text-amber-800",
};

/** The plan in one line, from the subscription or, before there is one, from Stripe's prices. */
export function planLine(state: Pick<BillingState, "plan" | "offer">): string | null {
  const p = state.plan ?? state.offer;
  return p
    ? `${p.name}: ${money(p.baseAmount, p.currency)} / month + ${money(p.perCallAmount, p.currency)} per AI-handled call`
    : null;
}

/** What the Subscribe button does, said before it is pressed. */
function subscribeCopy(state: BillingState, fmt: Fmt): { label: string; note: string } {
  const price = state.plan ?? state.offer;
  const base = price ? money(price.baseAmount, price.currency) : "the monthly price";
  if (state.status === "trialing" && state.checkoutTrialEnd) {
    return {
      label: `Add a card to continue after ${fmt(state.trialEnd)}`,
      note: `Your free trial continues until ${fmt(state.checkoutTrialEnd)}. Checkout saves your card; the first charge of ${base} is on that day.`,
    };
  }
  if (state.status === "trialing") {
    return {
      label: "Subscribe now",
      note: `Your free trial ends within 2 days, so subscribing now ends it and starts the paid plan today (${base}).`,
    };
  }
  return {
    label: "Subscribe",
    note: `Checkout charges ${base} today, then monthly; AI-handled calls are added to each invoice.`,
  };
}

export function SubscriptionCard({ state, fmt }: { state: BillingState; fmt: Fmt }) {
  const { checkout, portal } = useBillingActions();
  const c = state.cancellation;
  const cancelled = !!c.requestedAt || !!c.detachedAt;
  const line = planLine(state);
  const subscribe = subscribeCopy(state, fmt);
  return (
    <Card title="Subscription">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">Status</dt>
          <dd>
            <span
              className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${cancelled ? "bg-red-100 text-red-800" : (STATUS_TONE[state.status] ?? "bg-slate-100 text-slate-700")}`}
            >
              {state.statusLabel}
            </span>
            {state.cancelAtPeriodEnd && !cancelled ? (
              <span className="ml-2 text-xs text-slate-600">ends {fmt(state.currentPeriodEnd)}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{state.plan ? "Plan" : "Plan you subscribe to"}</dt>
          <dd data-testid="plan-line">{line ?? "The price is shown on the Checkout page."}</dd>
        </div>
        {state.trialEnd && state.status === "trialing" && !cancelled ? (
          <div>
            <dt className="text-slate-600">Free trial ends</dt>
            <dd>
              {fmt(state.trialEnd)}{" "}
              {state.hasPaymentMethod ? "(card on file: the plan starts then)" : "(no card yet)"}
            </dd>
          </div>
        ) : null}
        {state.currentPeriodEnd && !cancelled && state.status !== "trialing" ? (
          <div>
            <dt className="text-slate-600">Current period</dt>
            <dd>
              {fmt(state.currentPeriodStart)} – {fmt(state.currentPeriodEnd)}
            </dd>
          </div>
        ) : null}
      </dl>
      {state.status === "past_due" && state.graceEndsAt && !cancelled ? (
        <p
          role="alert"
          className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          A payment failed. The AI stays on for a {state.graceDays}-day grace period, until{" "}
          {fmt(state.graceEndsAt, true)}. Update your card to keep it on.
        </p>
      ) : null}
      {state.canSubscribe ? <p className="mt-4 text-sm text-slate-600">{subscribe.note}</p> : null}
      <div className="mt-4 flex flex-wrap gap-3">
        {state.canSubscribe ? (
          <Button type="button" busy={checkout.isPending} onClick={() => checkout.mutate()}>
            {subscribe.label}
          </Button>
        ) : null}
        {state.hasCustomer && !c.detachedAt ? (
          <Button type="button" variant="secondary" busy={portal.isPending} onClick={() => portal.mutate()}>
            Manage payment and invoices
          </Button>
        ) : null}
      </div>
      <div className="mt-3" aria-live="polite">
        <ErrorBanner message={checkout.error?.message ?? portal.error?.message} />
      </div>
    </Card>
  );
}
