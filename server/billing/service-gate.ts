// The service gate: may the AI act for this tenant? Setup complete AND the subscription in an
// eligible state (server/billing/billing-eligibility.ts) AND not detached or paused. One
// function; the call flow asks it on every handoff, the checklist and billing page show why.
import type { TenantDb } from "@/server/db/tenant-scope";
import { setupChecklist } from "@/server/setup/checklist";
import { billingEligibility } from "./billing-eligibility";

export type GateDecision = { open: boolean; reasons: string[] };

type GateTenant = {
  billingEligible: boolean;
  /** Why billing is not eligible, for people (defaults to a generic sentence). */
  billingReason?: string | null;
  paused: boolean;
  detachedAt: Date | null;
};

/** Pure half: the decision from facts already read. */
export function decideGate(tenant: GateTenant, setupComplete: boolean, missing: string[] = []): GateDecision {
  const reasons: string[] = [];
  if (!setupComplete) reasons.push(`Setup is not complete${missing.length ? `: ${missing.join(", ").toLowerCase()} missing` : ""}.`);
  if (!tenant.billingEligible) reasons.push(tenant.billingReason ? `Billing: ${tenant.billingReason}` : "Billing is not active.");
  if (tenant.detachedAt) reasons.push("The service was detached after cancellation.");
  if (tenant.paused) reasons.push("The service is paused by your agency.");
  return { open: reasons.length === 0, reasons };
}

export async function serviceGate(db: TenantDb, tenantId: string, now: Date = new Date()): Promise<GateDecision> {
  const [tenant, account, checklist] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { paused: true, detachedAt: true } }),
    db.billingAccount.findUnique({ where: { tenantId }, select: { status: true, pastDueSince: true } }),
    setupChecklist(db, tenantId),
  ]);
  const billing = billingEligibility(account, now);
  return decideGate(
    { ...tenant, billingEligible: billing.eligible, billingReason: billing.reason },
    checklist.complete,
    checklist.items.filter((i) => !i.done).map((i) => i.label),
  );
}
