// The routing rule (intake assigns one receiving owner by it):
// who receives emergencies, estimates and standard inbound leads, with a fallback. A lead is
// always routed to a person — recovered missed calls never go back into a generic pool.
import type { RoutingKind } from "@/server/db/generated/enums";
import type { TenantTx } from "@/server/db/tenant-scope";

export type { RoutingKind };
export const ROUTING_KINDS = [
  "emergency",
  "estimate",
  "standard",
  "fallback",
] as const satisfies readonly RoutingKind[];

/**
 * The person who receives this kind of lead: its own rule, else the fallback rule, else the
 * tenant's first owner (so nothing is ever unowned). Null only for a tenant with no members.
 */
export async function routingTarget(db: TenantTx, kind: RoutingKind): Promise<string | null> {
  const rules = await db.routingRule.findMany({
    where: { kind: { in: [kind, "fallback"] } },
    select: { kind: true, userId: true },
  });
  const rule = rules.find((r) => r.kind === kind) ?? rules.find((r) => r.kind === "fallback");
  if (rule) return rule.userId;
  const owner = await db.membership.findFirst({
    where: { role: "owner" },
    orderBy: { createdAt: "asc" },
    select: { userId: true },
  });
  return owner?.userId ?? null;
}

/** Which rule applies to a lead: emergencies (and high-urgency active loss) to dispatch, estimates to sales. */
export function routingKindFor(lead: { urgency: string | null; isEstimate?: boolean | null }): RoutingKind {
  if (lead.urgency === "emergency") return "emergency";
  if (lead.isEstimate) return "estimate";
  return "standard";
}
