// What the billing page shows: plan, status, trial end, current-period usage and the upcoming
// charge estimate, why the AI is off, the cancellation / detach times, and the usage ledger.
import type { SubscriptionStatus } from "@/server/db/generated/enums";
import type { TenantDb } from "@/server/db/tenant-scope";
import { setupChecklist } from "@/server/setup/checklist";
import { aiStatus } from "./ai-status";
import { billingEligibility, PAST_DUE_GRACE_DAYS } from "./billing-eligibility";
import type { PlanOffer } from "./plan-offer";
import { CREDIT_REASONS, type CreditReason } from "./record-usage";
import { serviceGate } from "./service-gate";
import { carriedTrialEnd } from "./start-checkout";
import { planUsageOf } from "@/server/saas/plan-usage";

export const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  none: "No subscription",
  trialing: "Free trial",
  active: "Active",
  past_due: "Payment past due",
  incomplete: "Payment incomplete",
  incomplete_expired: "Expired before the first payment",
  unpaid: "Unpaid",
  canceled: "Canceled",
  paused: "Paused",
};

type Ctx = { db: TenantDb; tenantId: string; role?: string };

const dayKey = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

/** The current period from Stripe; without one, the last 30 days. The usage card and the ledger's "This period" both count from here. */
export function usagePeriod(
  account: { currentPeriodStart: Date | null; currentPeriodEnd: Date | null } | null,
  now: Date,
) {
  return {
    periodEnd: account?.currentPeriodEnd ?? now,
    periodStart: account?.currentPeriodStart ?? new Date(now.getTime() - 30 * 86_400_000),
  };
}

export async function billingState(ctx: Ctx, now: Date = new Date(), offer: PlanOffer | null = null) {
  const [tenant, account, gate, checklist] = await Promise.all([
    ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: { timeZone: true, paused: true, cancelRequestedAt: true, detachAt: true, detachedAt: true },
    }),
    ctx.db.billingAccount.findFirst({}),
    serviceGate(ctx.db, ctx.tenantId, now),
    setupChecklist(ctx.db, ctx.tenantId),
  ]);
  const status = account?.status ?? "none";
  const billing = billingEligibility(account, now);
  // SaaS mode: the agency's plan, at the agency's price (LeadRescue's wholesale price is never read here).
  const saas = await planUsageOf(ctx.db, ctx.tenantId, now);
  // Cancelled and not yet detached: the AI still answers until detachAt, but nothing renews.
  const cancelling = !!tenant.cancelRequestedAt && !tenant.detachedAt;
  const ai = aiStatus({
    gateOpen: gate.open,
    paused: tenant.paused,
    missingSteps: checklist.items.filter((i) => !i.done),
    billing: {
      status,
      eligible: billing.eligible,
      reason: billing.reason,
      trialEnd: account?.trialEnd ?? null,
      hasPaymentMethod: account?.hasPaymentMethod ?? false,
    },
    cancellation: {
      requestedAt: tenant.cancelRequestedAt,
      detachAt: tenant.detachAt,
      detachedAt: tenant.detachedAt,
    },
    timeZone: tenant.timeZone,
    viewerIsOperator: ctx.role === "operator",
  });
  const { periodStart, periodEnd } = usagePeriod(account, now);
  const entries = await ctx.db.usageLedgerEntry.findMany({
    where: { occurredAt: { gte: periodStart, lt: periodEnd > now ? periodEnd : now } },
    select: { occurredAt: true, outcome: true },
  });
  const billable = entries.filter((e) => e.outcome === "billable").length;
  const perDay = new Map<string, { day: string; billable: number; credited: number }>();
  for (let t = periodStart.getTime(); t <= Math.min(now.getTime(), periodEnd.getTime()); t += 86_400_000) {
    const k = dayKey(new Date(t), tenant.timeZone);
    perDay.set(k, { day: k, billable: 0, credited: 0 });
  }
  for (const e of entries) {
    const k = dayKey(e.occurredAt, tenant.timeZone);
    const row = perDay.get(k) ?? { day: k, billable: 0, credited: 0 };
    row[e.outcome] += 1;
    perDay.set(k, row);
  }
  const base = account?.baseAmount ?? null;
  const perCall = account?.perCallAmount ?? null;
  const live = ["trialing", "active", "past_due"].includes(status) && !cancelling && !tenant.detachedAt;
  return {
    status,
    statusLabel: cancelling || tenant.detachedAt ? "Cancelled" : STATUS_LABELS[status],
    ai,
    offer: saas ? null : offer,
    agencyPlan: saas
      ? {
          name: saas.plan.name,
          monthlyPriceCents: saas.plan.monthlyPriceCents,
          includedCalls: saas.plan.includedCalls,
          includedTexts: saas.plan.includedTexts,
          overageCallCents: saas.plan.overageCallCents,
          overageTextCents: saas.plan.overageTextCents,
          trialDays: saas.plan.trialDays,
          currency: saas.plan.currency,
          overagePolicy: saas.policy,
          capReached: saas.capReached,
          usage: saas.usage,
        }
      : null,
    hasPaymentMethod: account?.hasPaymentMethod ?? false,
    /** Subscribing now keeps the free trial running until then (null: the plan starts today). */
    checkoutTrialEnd: carriedTrialEnd(account, now, tenant.timeZone),
    plan: account?.planName
      ? { name: account.planName, baseAmount: base, perCallAmount: perCall, currency: account.currency }
      : null,
    trialEnd: account?.trialEnd ?? null,
    currentPeriodStart: account?.currentPeriodStart ?? null,
    currentPeriodEnd: account?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: account?.cancelAtPeriodEnd ?? false,
    pastDueSince: account?.pastDueSince ?? null,
    graceEndsAt: billing.graceEndsAt,
    graceDays: PAST_DUE_GRACE_DAYS,
    billingReason: billing.reason,
    hasCustomer: !!account?.stripeCustomerId,
    canSubscribe:
      !account?.stripeAccountId &&
      !tenant.detachedAt &&
      !cancelling &&
      !["active", "past_due", "unpaid"].includes(status) &&
      !(status === "trialing" && account?.hasPaymentMethod),
    gate,
    cancellation: {
      requestedAt: tenant.cancelRequestedAt,
      detachAt: tenant.detachAt,
      detachedAt: tenant.detachedAt,
      canUndo: !!tenant.cancelRequestedAt && !tenant.detachedAt && !!tenant.detachAt && tenant.detachAt > now,
    },
    usage: {
      periodStart,
      periodEnd,
      billableCalls: billable,
      creditedCalls: entries.length - billable,
      perDay: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day)).slice(-31),
      // Upcoming charge: the base price at renewal plus this period's billable calls (no tax);
      // none once cancelled, since nothing renews.
      estimate:
        live && base !== null
          ? {
              base,
              usage: (perCall ?? 0) * billable,
              total: base + (perCall ?? 0) * billable,
              currency: account?.currency ?? "usd",
              dueAt:
                status === "trialing" ? (account?.trialEnd ?? null) : (account?.currentPeriodEnd ?? null),
            }
          : null,
    },
  };
}

export type BillingState = Awaited<ReturnType<typeof billingState>>;

/** The usage ledger, newest first, keyset pages. */
export async function listUsageLedger(
  ctx: { db: TenantDb },
  input: {
    cursor?: string | null;
    limit: number;
    outcome?: "billable" | "credited" | null;
    period?: "current" | "all";
  },
  now: Date = new Date(),
) {
  let since: Date | null = null;
  if (input.period === "current") {
    const account = await ctx.db.billingAccount.findFirst({
      select: { currentPeriodStart: true, currentPeriodEnd: true },
    });
    since = usagePeriod(account, now).periodStart;
  }
  const where = {
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(since ? { occurredAt: { gte: since } } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.usageLedgerEntry.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    }),
    ctx.db.usageLedgerEntry.count({ where }),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    total,
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    items: page.map((e) => ({
      id: e.id,
      callSid: e.callSid,
      leadId: e.leadId,
      callerPhone: e.callerPhone,
      occurredAt: e.occurredAt,
      outcome: e.outcome,
      reason: e.creditReason
        ? (CREDIT_REASONS[e.creditReason as CreditReason] ?? e.creditReason)
        : "AI-handled call",
      meterStatus: e.meterStatus,
      meterError: e.meterError,
    })),
  };
}
