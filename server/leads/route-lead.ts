// Routing a lead to its receiving owner (intake assigns one receiving owner based on
// the routing rule), and giving it its first next action and due time from the source SLA.
// Recovered missed calls always land with a person, never in a generic pool.
import type { Lead } from "@/server/db/generated/client";
import type { LeadSource } from "@/server/db/generated/enums";
import type { TenantTx } from "@/server/db/tenant-scope";
import { routingKindFor, routingTarget } from "./routing";
import { firstNextAction, firstResponseDueAt } from "./response-sla";
import { businessClock } from "./business-hours";
import { notBookedStep } from "@/server/calls/next-step";

/**
 * Owner, next action and due time for a new lead that has none yet: the source's first response,
 * or, for a lead that comes in already not booked, the not-booked lead's step (never a call back).
 */
export async function initialHandoff(
  db: TenantTx,
  tenantId: string,
  lead: Pick<Lead, "urgency" | "isEstimate" | "source" | "createdAt" | "ownerId" | "nextAction" | "dueAt"> &
    Partial<Pick<Lead, "status" | "inArea" | "followUpAt">>,
) {
  const kind = routingKindFor(lead);
  const ownerId = lead.ownerId ?? (await routingTarget(db, kind));
  if (lead.status === "not_booked" && !lead.nextAction) {
    const clock = await businessClock(db, tenantId);
    const step = notBookedStep(lead, { now: lead.createdAt, clock });
    return { ownerId, nextAction: step.nextAction, dueAt: lead.dueAt ?? step.dueAt };
  }
  return {
    ownerId,
    nextAction: lead.nextAction ?? firstNextAction(lead.source as LeadSource),
    dueAt: lead.dueAt ?? firstResponseDueAt(lead.source as LeadSource, lead.createdAt),
  };
}
