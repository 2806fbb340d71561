"use client";
// This period's usage: AI-handled calls, what they cost, and on an agency plan what is included.
import { Card } from "@/components/ui/layout";
import type { BillingState } from "@/server/billing/billing-state";
import { money } from "@/server/billing/money";
import { UsageChart } from "./usage-chart";
import type { Fmt } from "./date-format";

export function UsageCard({ state, fmt, timeZone }: { state: BillingState; fmt: Fmt; timeZone: string }) {
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
      <UsageChart days={u.perDay} timeZone={timeZone} />
    </Card>
  );
}

type AgencyPlanView = NonNullable<BillingState["agencyPlan"]>;

/** SaaS mode: the plan the business's agency sells it, at the agency's prices, and this month's usage against it. */
export function AgencyPlanCard({ plan }: { plan: AgencyPlanView }) {
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
