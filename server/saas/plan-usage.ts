// Usage against an agency plan (SaaS mode): this month's billable AI-handled calls and texts to
// callers, in the business's time zone, against what the plan includes; the overage; and the cap.
//
// The rules, in the project's words:
// - Calls count from the usage ledger, one row per CallSid; credited calls (test, spam,
//   out-of-area, repeat callers) stay credited and never count against the plan.
// - Texts count the texts handed to Twilio for callers this month (test texts never count).
// - Past 100 % of the included calls the operator's choice for the business applies: "bill" keeps
//   the AI answering and bills each extra call at the plan's overage price; "stop_ai" closes the
//   service gate for AI calls. The gate is asked when the AI would start (after the plumber's
//   phone rang), so a call the AI is already on is never dropped, and a missed caller still gets
//   the text-back and a lead.
import type { OveragePolicy } from "@/server/db/generated/enums";
import type { TenantDb } from "@/server/db/tenant-scope";
import { resolvePeriod } from "@/server/reports/period";
import { localDate } from "@/server/reports/period";

export type PlanTerms = {
  id: string;
  name: string;
  monthlyPriceCents: number;
  includedCalls: number;
  includedTexts: number;
  overageCallCents: number;
  overageTextCents: number;
  trialDays: number;
  currency: string;
};

export type PlanUsage = {
  month: string;
  calls: number;
  texts: number;
  includedCalls: number;
  includedTexts: number;
  overageCalls: number;
  overageTexts: number;
  /** Share of the included calls used (0–1+); null when the plan includes none. */
  callsShare: number | null;
  textsShare: number | null;
  overageCents: number;
  /** The plan's price plus overage so far, at the agency's prices. */
  revenueCents: number;
};

/** Pure: usage figures for a plan. */
export function usageAgainstPlan(
  plan: PlanTerms,
  month: string,
  counts: { calls: number; texts: number },
): PlanUsage {
  const overageCalls = Math.max(0, counts.calls - plan.includedCalls);
  const overageTexts = Math.max(0, counts.texts - plan.includedTexts);
  const overageCents = overageCalls * plan.overageCallCents + overageTexts * plan.overageTextCents;
  return {
    month,
    calls: counts.calls,
    texts: counts.texts,
    includedCalls: plan.includedCalls,
    includedTexts: plan.includedTexts,
    overageCalls,
    overageTexts,
    callsShare: plan.includedCalls > 0 ? counts.calls / plan.includedCalls : null,
    textsShare: plan.includedTexts > 0 ? counts.texts / plan.includedTexts : null,
    overageCents,
    revenueCents: plan.monthlyPriceCents + overageCents,
  };
}

/** Pure: is the AI stopped by the plan's cap? Only with "stop_ai", once the included calls are used. */
export function capReached(
  policy: OveragePolicy,
  plan: Pick<PlanTerms, "includedCalls">,
  calls: number,
): boolean {
  return policy === "stop_ai" && calls >= plan.includedCalls;
}

export const currentMonth = (timeZone: string, now: Date) => localDate(now, timeZone).slice(0, 7);

/** Billable calls and texts of one business in a month (YYYY-MM) of its time zone. */
export async function monthCounts(
  db: TenantDb,
  timeZone: string,
  month: string,
): Promise<{ calls: number; texts: number; start: Date; end: Date }> {
  const { start, end } = resolvePeriod({ kind: "month", month }, timeZone, new Date());
  const [calls, texts] = await Promise.all([
    db.usageLedgerEntry.count({ where: { outcome: "billable", occurredAt: { gte: start, lt: end } } }),
    db.message.count({
      where: {
        direction: "outbound",
        isTest: false,
        status: { in: ["queued", "sent", "delivered", "undelivered"] },
        sentAt: { gte: start, lt: end },
      },
    }),
  ]);
  return { calls, texts, start, end };
}

/** The business's plan, its overage choice and this month's usage; null when it is not on an agency plan. */
export async function planUsageOf(db: TenantDb, tenantId: string, now: Date = new Date(), month?: string) {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { timeZone: true, overagePolicy: true, agencyPlan: true },
  });
  if (!tenant.agencyPlan) return null;
  const m = month ?? currentMonth(tenant.timeZone, now);
  const counts = await monthCounts(db, tenant.timeZone, m);
  const usage = usageAgainstPlan(tenant.agencyPlan, m, counts);
  return {
    plan: tenant.agencyPlan,
    policy: tenant.overagePolicy,
    usage,
    capReached: capReached(tenant.overagePolicy, tenant.agencyPlan, counts.calls),
  };
}

/** The service gate's plan check: a sentence when the cap stops the AI, else null. */
export async function planCapReason(db: TenantDb, tenantId: string, now: Date): Promise<string | null> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: {
      timeZone: true,
      overagePolicy: true,
      agencyPlan: { select: { includedCalls: true, name: true } },
    },
  });
  if (!tenant.agencyPlan || tenant.overagePolicy !== "stop_ai") return null;
  const { start, end } = resolvePeriod(
    { kind: "month", month: currentMonth(tenant.timeZone, now) },
    tenant.timeZone,
    now,
  );
  const calls = await db.usageLedgerEntry.count({
    where: { outcome: "billable", occurredAt: { gte: start, lt: end } },
  });
  if (!capReached(tenant.overagePolicy, tenant.agencyPlan, calls)) return null;
  return `This month's ${tenant.agencyPlan.includedCalls} AI-handled calls on the ${tenant.agencyPlan.name} plan are used up, and your agency set the AI to stop there. Your phone still rings first, and missed callers still get a text back. Ask your agency to raise the plan or allow extra calls.`;
}
