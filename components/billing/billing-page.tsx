"use client";
// The billing page: whether the AI is on and why not, the plan and subscription status, this
// period's usage and the upcoming charge, cancellation with the detach time, and the ledger.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, SuccessNote } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { NoPermission, QueryState } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import type { BillingState } from "@/server/billing/billing-state";
import { money } from "@/server/billing/money";
import { AiStatusCard } from "./ai-status-card";
import { UsageChart } from "./usage-chart";
import { dateFormatter } from "./date-format";
import { UsageLedger } from "./usage-ledger";

const STATUS_TONE: Record<string, string> = {
  trialing: "bg-sky-100 text-sky-800",
  active: "bg-green-100 text-green-800",
  past_due: "bg-amber-100 text-amber-800",
};

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
      {state.agencyPlan ? null : <UsageCard state={state} fmt={fmt} />}
      {hasService(state) ? <CancellationCard state={state} fmt={fmt} /> : null}
      <UsageLedger timeZone={timeZone} />
    </>
  );
}

type Fmt = ReturnType<typeof dateFormatter>;

/** There is something to cancel (or a cancellation to show) only with a subscription. */
function hasService(state: BillingState): boolean {
  const c = state.cancellation;
  return (
    !!(c.requestedAt || c.detachedAt) || !["none", "canceled", "incomplete_expired"].includes(state.status)
  );
}

function useBillingActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  // refresh(): the cancellation banner above every page is rendered by the business's layout.
  const invalidate = () =>
    Promise.all([
      router.refresh(),
      queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.setup.checklist.pathKey() }),
    ]);
  const go = (r: { url: string }) => window.location.assign(r.url);
  return {
    checkout: useMutation(trpc.billing.startCheckout.mutationOptions({ onSuccess: go })),
    portal: useMutation(trpc.billing.openPortal.mutationOptions({ onSuccess: go })),
    cancel: useMutation(trpc.billing.requestCancellation.mutationOptions({ onSuccess: invalidate })),
    undo: useMutation(trpc.billing.undoCancellation.mutationOptions({ onSuccess: invalidate })),
  };
}

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

function SubscriptionCard({ state, fmt }: { state: BillingState; fmt: Fmt }) {
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

function UsageCard({ state, fmt }: { state: BillingState; fmt: Fmt }) {
  const u = state.usage;
  const currency = state.plan?.currency ?? "usd";
  return (
    <Card title="This period's usage" description={`${fmt(u.periodStart)} – ${fmt(u.periodEnd)}`}>
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Billable AI calls this period" value={String(u.billableCalls)} />
        <Stat label="Credited calls this period (not charged)" value={String(u.creditedCalls)} />
        <Stat
          label={u.estimate?.dueAt ? `Upcoming charge (${fmt(u.estimate.dueAt)})` : "Upcoming charge"}
          value={u.estimate ? money(u.estimate.total, currency) : "—"}
          hint={
            u.estimate
              ? `${money(u.estimate.base, currency)} plan + ${money(u.estimate.usage, currency)} usage, before tax`
              : state.cancellation.requestedAt || state.cancellation.detachedAt
                ? "None: the service is cancelled, nothing renews"
                : "No active subscription"
          }
        />
      </div>
      <UsageChart days={u.perDay} />
    </Card>
  );
}

type AgencyPlanView = NonNullable<BillingState["agencyPlan"]>;

/** SaaS mode: the plan the business's agency sells it, at the agency's prices, and this month's usage against it. */
function AgencyPlanCard({ plan }: { plan: AgencyPlanView }) {
  const u = plan.usage;
  const m = (c: number) => money(c, plan.currency);
  return (
    <Card
      title={`Your plan: ${plan.name}`}
      description={`${m(plan.monthlyPriceCents)} / month, from your agency. Includes ${plan.includedCalls} AI-handled calls and ${plan.includedTexts} texts a month; extra calls ${m(plan.overageCallCents)} each, extra texts ${m(plan.overageTextCents)} each.`}
    >
      <div className="grid gap-4 sm:grid-cols-3" data-testid="agency-plan-usage">
        <Stat
          label="AI-handled calls this month"
          value={`${u.calls} of ${u.includedCalls}`}
          hint={
            u.overageCalls
              ? `${u.overageCalls} extra`
              : "Credited calls (tests, spam, out of area, repeats) never count"
          }
        />
        <Stat
          label="Texts to callers this month"
          value={`${u.texts} of ${u.includedTexts}`}
          hint={u.overageTexts ? `${u.overageTexts} extra` : undefined}
        />
        <Stat
          label="Extra usage so far"
          value={m(u.overageCents)}
          hint={`This month's estimate: ${m(u.revenueCents)} before tax`}
        />
      </div>
      <UsageBar label="Calls used" used={u.calls} included={u.includedCalls} />
      <UsageBar label="Texts used" used={u.texts} included={u.includedTexts} />
      <p className="mt-3 text-sm text-slate-600">
        {plan.overagePolicy === "stop_ai"
          ? "When the included calls are used up, the AI stops answering until next month. Your phone still rings first, and missed callers still get a text back."
          : "Past the included calls the AI keeps answering, and extra calls are added to your next invoice."}
      </p>
      {plan.capReached ? (
        <p
          role="alert"
          className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          This month&apos;s included calls are used up: the AI is off until next month. Ask your agency to
          change your plan.
        </p>
      ) : null}
    </Card>
  );
}

function UsageBar({ label, used, included }: { label: string; used: number; included: number }) {
  const pct = included > 0 ? Math.min(100, Math.round((used / included) * 100)) : used > 0 ? 100 : 0;
  return (
    <div className="mt-3">
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span>{pct} %</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="mt-1 h-2 rounded-full bg-slate-200"
      >
        <div
          className={`h-2 rounded-full ${pct >= 100 ? "bg-red-600" : pct >= 80 ? "bg-amber-500" : "bg-[var(--brand-accent,#2563eb)]"}`}
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <p className="text-xs text-slate-600">{label}</p>
      <p className="mt-1 text-xl font-semibold">{value}</p>
      {hint ? <p className="mt-1 text-xs text-slate-600">{hint}</p> : null}
    </div>
  );
}

function CancellationCard({ state, fmt }: { state: BillingState; fmt: Fmt }) {
  const { cancel, undo } = useBillingActions();
  const c = state.cancellation;
  return (
    <Card
      title="Cancel service"
      description="Cancelling turns the AI off 24 hours after you ask: your numbers stop being answered by LeadRescue, and nothing renews. You can undo it until then."
    >
      <div aria-live="polite">
        {c.detachedAt ? (
          <p className="text-sm" data-testid="detach-time">
            Cancelled — the AI stopped answering on <strong>{fmt(c.detachedAt, true)}</strong> (cancellation
            requested {fmt(c.requestedAt, true)}).
          </p>
        ) : c.requestedAt ? (
          <div className="space-y-3">
            <p className="text-sm" data-testid="detach-time">
              <strong>Cancelled — the AI stops answering on {fmt(c.detachAt, true)}; undo until then.</strong>{" "}
              Requested on {fmt(c.requestedAt, true)}.
            </p>
            {c.canUndo ? (
              <Button type="button" variant="secondary" busy={undo.isPending} onClick={() => undo.mutate()}>
                Undo cancellation
              </Button>
            ) : null}
          </div>
        ) : (
          <ConfirmButton
            confirmText="Yes, cancel service"
            busy={cancel.isPending}
            onConfirm={() => cancel.mutate()}
          >
            Cancel service
          </ConfirmButton>
        )}
        {undo.isSuccess && !c.requestedAt ? (
          <SuccessNote message="Cancellation undone: the AI stays on." />
        ) : null}
        <ErrorBanner message={cancel.error?.message ?? undo.error?.message} />
      </div>
    </Card>
  );
}
