"use client";
// The billing page: whether the AI is on and why not, the plan and subscription status, this
// period's usage and the upcoming charge, cancellation with the detach time, and the ledger.
import { useQuery } from "@tanstack/react-query";
import { useParams, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { SuccessNote } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/layout";
import { NoPermission, QueryState } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import type { BillingState } from "@/server/billing/billing-state";
import { AiStatusCard } from "./ai-status-card";
import { dateFormatter } from "./date-format";
import { UsageLedger } from "./usage-ledger";
import { SubscriptionCard } from "./subscription-card";
import { UsageCard, AgencyPlanCard } from "./usage-card";
import { CancellationCard } from "./cancellation-card";

export function BillingPage({ role, timeZone }: { role: TenantRole; timeZone: string }) {
  const trpc = useTRPC();
  const params = useSearchParams();
  const returning = params.get("checkout");
  const [openedAt] = useState(() => Date.now());
  // Looking again for Stripe's confirmation for 30 s; after that the note says what is (not) confirmed.
  const [checking, setChecking] = useState(returning === "success");
  useEffect(() => {
    if (!checking) return;
    const t = setTimeout(() => setChecking(false), 30_000);
    return () => clearTimeout(t);
  }, [checking]);
  const state = useQuery({
    ...trpc.billing.state.queryOptions(),
    // Back from Checkout: Stripe's webhook may land a moment later, so look again for 30 s.
    refetchInterval: (q) =>
      returning === "success" && q.state.data?.status !== "active" && Date.now() - openedAt < 30_000
        ? 1000
        : false,
  });
  if (!can(role, "billing.manage")) return <NoPermission what="see or change billing" />;

  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="Billing"
        description={
          state.data?.agencyPlan
            ? "Your plan from your agency: a monthly price with included calls and texts. Test calls, out-of-area, spam and repeat calls never count."
            : "Your LeadRescue plan: a monthly price plus a charge per call the AI handles. Test calls, out-of-area, spam and repeat calls are never charged."
        }
      />
      {returning === "success" && state.data ? (
        <CheckoutReturnNote state={state.data} timeZone={timeZone} waiting={checking} />
      ) : null}
      {returning === "canceled" ? (
        <p role="status" className="text-sm text-slate-600">
          Checkout was cancelled; nothing was charged.
        </p>
      ) : null}
      <QueryState query={state} what="see billing">
        {() => <BillingBody state={state.data!} timeZone={timeZone} />}
      </QueryState>
    </div>
  );
}

/**
 * Back from Checkout: says only what Stripe has confirmed. A card saved during the trial charges
 * nothing yet; a return link opened again later (a reload) is not a payment.
 */
function CheckoutReturnNote({
  state,
  timeZone,
  waiting,
}: {
  state: BillingState;
  timeZone: string;
  waiting: boolean;
}) {
  if (state.status === "active") return <SuccessNote message="Thank you — your subscription is active." />;
  if (state.status === "trialing" && state.hasPaymentMethod) {
    return (
      <SuccessNote
        message={`Card saved. Nothing is charged until the free trial ends${state.trialEnd ? ` on ${dateFormatter(timeZone)(state.trialEnd)}` : ""}.`}
      />
    );
  }
  if (waiting)
    return (
      <p role="status" className="text-sm text-slate-600">
        Back from checkout — checking with Stripe…
      </p>
    );
  return (
    <p role="status" className="text-sm text-slate-600">
      Stripe has not confirmed a payment or a saved card, so nothing was charged. Choose a plan below to try
      again.
    </p>
  );
}

function BillingBody({ state, timeZone }: { state: BillingState; timeZone: string }) {
  const fmt = dateFormatter(timeZone);
  const { slug } = useParams<{ slug: string }>();
  return (
    <>
      <AiStatusCard
        ai={state.ai}
        slug={slug}
        hideActionTo="settings/billing"
        details={
          !state.gate.open && state.gate.reasons.length > 1 ? (
            <ul className="mt-2 list-disc pl-9 text-sm text-slate-600" aria-label="Why the AI is off">
              {state.gate.reasons.map((r) => (
                // The reasons are worded for other pages; here the plans are right below.
                <li key={r}>
                  {r.replace(/(choose a plan|subscribe again) on the Billing page/, "$1 below")}
                </li>
              ))}
            </ul>
          ) : null
        }
      />
      {state.agencyPlan ? <AgencyPlanCard plan={state.agencyPlan} /> : null}
      <SubscriptionCard state={state} fmt={fmt} />
      {state.agencyPlan ? null : <UsageCard state={state} fmt={fmt} timeZone={timeZone} />}
      {hasService(state) ? <CancellationCard state={state} fmt={fmt} /> : null}
      <UsageLedger timeZone={timeZone} />
    </>
  );
}

/** There is something to cancel (or a cancellation to show) only with a subscription. */
function hasService(state: BillingState): boolean {
  const c = state.cancellation;
  return (
    !!(c.requestedAt || c.detachedAt) || !["none", "canceled", "incomplete_expired"].includes(state.status)
  );
}
