// Routing a lead to its receiving owner (intake assigns one receiving owner based on
// the routing rule), and giving it its first next action and due time from the source SLA.
// Recovered missed calls always land with a person, never in a generic pool.
import type { Lead } from "@/server/db/generated/client";
import type { LeadSource } from "@/server/db/generated/enums";
import type { TenantTx } from "@/server/db/tenant-scope";
import { routingKindFor, routingTarget } from "./routing";
import { firstNextAction, firstResponseDueAt } from "./response-sla";

/** Owner, next action and due time for a new lead that has none yet. */
export async function initialHandoff(
  db: TenantTx,
  lead: Pick<Lead, "urgency" | "isEstimate" | "source" | "createdAt" | "ownerId" | "nextAction" | "dueAt">,
) {
  const kind = routingKindFor(lead);
  return {
    ownerId: lead.ownerId ?? (await routingTarget(db, kind)),
    nextAction: lead.nextAction ?? firstNextAction(lead.source as LeadSource),
    dueAt: lead.dueAt ?? firstResponseDueAt(lead.source as LeadSource, lead.createdAt),
  };
}
