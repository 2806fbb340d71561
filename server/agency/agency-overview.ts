// The agency console's table: every tenant of one agency with its health, read in a fixed set of
// grouped queries however many tenants there are (no query per tenant; the queries are
// agencyRollup, agency-rollup.ts, on the agency's read handle). The gate decision is the service
// gate's own pure half (decideGate + checklistFromFacts + billingEligibility).
import { globalDb, type SystemDb } from "@/server/db/system";
import { forAgency } from "@/server/db/agency";
import { agencyRollup, type AgencyDayCount } from "./agency-rollup";
import type { SubscriptionStatus } from "@/server/db/generated/enums";
import { billingEligibility } from "@/server/billing/billing-eligibility";
import { STATUS_LABELS } from "@/server/billing/billing-state";
import { decideGate, type GateDecision } from "@/server/billing/service-gate";
import { checklistFromFacts } from "@/server/setup/checklist";
import { byNeedsAttention, HEALTH_LABELS, lastLocalDays, tenantHealth, type Health } from "./tenant-health";

export const TREND_DAYS = 7;

export type OpenLeaks = { total: number; unowned: number; overdue: number; escalated: number };

export type AgencyTenantRow = {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  createdAt: Date;
  paused: boolean;
  /** The last pause (when paused): when and why, from the audit log. */
  pause: { at: Date; reason: string | null } | null;
  gate: GateDecision;
  billing: { status: SubscriptionStatus; label: string; eligible: boolean };
  leadsToday: number;
  /** Leads in the last 7 local days, today included. */
  leadsThisWeek: number;
  openLeaks: OpenLeaks;
  /** AI-handled calls (usage ledger, test calls left out) in the last 7 days. */
  aiCalls7d: number;
  /** Inbound calls per local day, oldest first (test calls left out). */
  callsPerDay: { day: string; calls: number }[];
  /** Failure rate (0–1) of the latest QA-sampled day in the last week; null while there is no QA data. */
  qaFailureRate: number | null;
  /** The local day that rate is from. */
  qaDay: string | null;
  health: Health;
  healthLabel: string;
};

const count = <T extends { tenantId: string; _count: { _all: number } }>(rows: T[]) =>
  new Map(rows.map((r) => [r.tenantId, r._count._all]));

export async function agencyOverview(
  sys: SystemDb,
  agencyId: string,
  now: Date = new Date(),
): Promise<AgencyTenantRow[]> {
  const tenants = await globalDb(sys).tenant.findMany({
    where: { agencyId },
    select: {
      id: true,
      name: true,
      slug: true,
      timeZone: true,
      createdAt: true,
      paused: true,
      detachedAt: true,
      plumberPhone: true,
    },
    orderBy: { name: "asc" },
  });
  if (tenants.length === 0) return [];
  // Wide enough to hold the last 7 local days in any time zone; rows are bucketed by local day below.
  const since = new Date(now.getTime() - (TREND_DAYS + 1) * 86_400_000);
  const weekAgo = new Date(now.getTime() - TREND_DAYS * 86_400_000);
  const { accounts, tracking, zips, hours, slots, leadDays, callDays, leaks, aiCalls, pauses, qaDays } =
    await agencyRollup(forAgency(sys, agencyId), {
      tenantIds: tenants.map((t) => t.id),
      pausedTenantIds: tenants.filter((t) => t.paused).map((t) => t.id),
      since,
      weekAgo,
      now,
    });

  const accountOf = new Map(accounts.map((a) => [a.tenantId, a]));
  const [trackingN, zipsN, hoursN, slotsN, aiN] = [
    count(tracking),
    count(zips),
    count(hours),
    count(slots),
    count(aiCalls),
  ];
  const leaksOf = new Map(leaks.map((l) => [l.tenantId, l]));
  const pauseOf = new Map(pauses.map((p) => [p.tenantId, p]));
  const qaOf = new Map(qaDays.map((q) => [q.tenantId, q]));
  const perDay = (rows: AgencyDayCount[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(`${r.tenantId}|${r.day}`, r.n);
    return m;
  };
  const leadsByDay = perDay(leadDays);
  const callsByDay = perDay(callDays);

  const rows = tenants.map((t): AgencyTenantRow => {
    const account = accountOf.get(t.id) ?? null;
    const billing = billingEligibility(account, now);
    const checklist = checklistFromFacts({
      plumberPhone: t.plumberPhone,
      tracking: trackingN.get(t.id) ?? 0,
      zips: zipsN.get(t.id) ?? 0,
      hours: hoursN.get(t.id) ?? 0,
      slots: slotsN.get(t.id) ?? 0,
    });
    const gate = decideGate(
      {
        paused: t.paused,
        detachedAt: t.detachedAt,
        billingEligible: billing.eligible,
        billingReason: billing.reason,
      },
      checklist.complete,
      checklist.items.filter((i) => !i.done).map((i) => i.label),
    );
    const days = lastLocalDays(now, t.timeZone, TREND_DAYS);
    const leadsPerDay = days.map((d) => leadsByDay.get(`${t.id}|${d}`) ?? 0);
    const l = leaksOf.get(t.id);
    const openLeaks = {
      total: l?.total ?? 0,
      unowned: l?.unowned ?? 0,
      overdue: l?.overdue ?? 0,
      escalated: l?.escalated ?? 0,
    };
    const qa = qaOf.get(t.id);
    const qaFailureRate = qa ? qa.failed / qa.sampled : null;
    const pause = pauseOf.get(t.id);
    const reason =
      pause && pause.data && typeof pause.data === "object" && "reason" in pause.data
        ? String((pause.data as { reason: unknown }).reason)
        : null;
    const health = tenantHealth({
      paused: t.paused,
      gateOpen: gate.open,
      openLeaks: openLeaks.total,
      qaFailureRate,
    });
    const status = account?.status ?? "none";
    return {
      id: t.id,
      name: t.name,
      slug: t.slug,
      timeZone: t.timeZone,
      createdAt: t.createdAt,
      paused: t.paused,
      pause: t.paused && pause ? { at: pause.createdAt, reason } : null,
      gate,
      billing: { status, label: STATUS_LABELS[status], eligible: billing.eligible },
      leadsToday: leadsPerDay.at(-1) ?? 0,
      leadsThisWeek: leadsPerDay.reduce((a, b) => a + b, 0),
      openLeaks,
      aiCalls7d: aiN.get(t.id) ?? 0,
      callsPerDay: days.map((day) => ({ day, calls: callsByDay.get(`${t.id}|${day}`) ?? 0 })),
      qaFailureRate,
      qaDay: qa?.sampledOn ?? null,
      health,
      healthLabel: HEALTH_LABELS[health],
    };
  });
  return rows.sort(byNeedsAttention);
}
