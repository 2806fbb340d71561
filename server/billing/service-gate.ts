// The service gate: may the AI act for this tenant? Setup complete AND the subscription in an
// eligible state (server/billing/billing-eligibility.ts) AND not detached or paused. One
// function; the call flow asks it on every handoff, the checklist and billing page show why.
// SaaS mode adds one check: an agency plan set to stop the AI once its included calls are used.
import type { TenantDb } from "@/server/db/tenant-scope";
import { setupChecklist } from "@/server/setup/checklist";
import { planCapReason } from "@/server/saas/plan-usage";
import { billingEligibility } from "./billing-eligibility";

export type GateDecision = { open: boolean; reasons: string[] };

type GateTenant = {
  billingEligible: boolean;
  /** Why billing is not eligible, for people (defaults to a generic sentence). */
  billingReason?: string | null;
  paused: boolean;
  detachedAt: Date | null;
  /** SaaS mode: the agency plan's cap stops the AI (a sentence saying so), else null. */
  planCapReason?: string | null;
};

/** Pure half: the decision from facts already read. */
export function decideGate(tenant: GateTenant, setupComplete: boolean, missing: string[] = []): GateDecision {
  const reasons: string[] = [];
  if (!setupComplete)
    reasons.push(
      `Setup is not complete${missing.length ? `: ${missing.join(", ").toLowerCase()} missing` : ""}.`,
    );
  if (!tenant.billingEligible)
    reasons.push(tenant.billingReason ? `Billing: ${tenant.billingReason}` : "Billing is not active.");
  if (tenant.detachedAt) reasons.push("The service was detached after cancellation.");
  if (tenant.paused) reasons.push("The service is paused by your agency.");
  if (tenant.planCapReason) reasons.push(tenant.planCapReason);
  return { open: reasons.length === 0, reasons };
}

export async function serviceGate(
  db: TenantDb,
  tenantId: string,
  now: Date = new Date(),
): Promise<GateDecision> {
  const [tenant, account, checklist, capReason] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { paused: true, detachedAt: true } }),
    db.billingAccount.findUnique({ where: { tenantId }, select: { status: true, pastDueSince: true } }),
    setupChecklist(db, tenantId),
    planCapReason(db, tenantId, now),
  ]);
  const billing = billingEligibility(account, now);
  return decideGate(
    { ...tenant, billingEligible: billing.eligible, billingReason: billing.reason, planCapReason: capReason },
    checklist.complete,
    checklist.items.filter((i) => !i.done).map((i) => i.label),
  );
}
