// The service gate: may the AI act for this tenant? Setup complete AND billing eligible AND
// not detached or paused. One function; the call flow asks it on every handoff.
import type { PrismaClient } from "@/server/db/generated/client";
import { setupChecklist } from "@/server/setup/checklist";

export type GateDecision = { open: boolean; reasons: string[] };

type GateTenant = { billingEligible: boolean; paused: boolean; detachedAt: Date | null };

/** Pure half: the decision from facts already read. */
export function decideGate(tenant: GateTenant, setupComplete: boolean, missing: string[] = []): GateDecision {
  const reasons: string[] = [];
  if (!setupComplete) reasons.push(`Setup is not complete${missing.length ? `: ${missing.join(", ").toLowerCase()} missing` : ""}.`);
  if (!tenant.billingEligible) reasons.push("Billing is not active.");
  if (tenant.detachedAt) reasons.push("The service was detached after cancellation.");
  if (tenant.paused) reasons.push("The service is paused by your agency.");
  return { open: reasons.length === 0, reasons };
}

export async function serviceGate(prisma: PrismaClient, tenantId: string): Promise<GateDecision> {
  const [tenant, checklist] = await Promise.all([
    prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { billingEligible: true, paused: true, detachedAt: true } }),
    setupChecklist(prisma, tenantId),
  ]);
  return decideGate(
    tenant,
    checklist.complete,
    checklist.items.filter((i) => !i.done).map((i) => i.label),
  );
}
