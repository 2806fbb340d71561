// Who receives an escalation: dispatch/on-call and the sales owner come from the
// tenant's routing rule; "office lead or manager" is the first manager, else the first owner.
import type { TenantTx } from "@/server/db/tenant-scope";
import { routingTarget } from "./routing";
import type { EscalationTarget } from "./escalation-rules";

/** The tenant's scoped client (or a transaction on it). */
type Db = TenantTx;

export async function managerOf(db: Pick<Db, "membership">, tenantId: string): Promise<string | null> {
  const heads = await db.membership.findMany({
    where: { tenantId, role: { in: ["manager", "owner"] } },
    orderBy: { createdAt: "asc" },
    select: { userId: true, role: true },
  });
  return (heads.find((m) => m.role === "manager") ?? heads.find((m) => m.role === "owner"))?.userId ?? null;
}

export async function escalationTargetUser(
  db: Db,
  tenantId: string,
  target: EscalationTarget,
): Promise<string | null> {
  if (target === "manager") return managerOf(db, tenantId);
  return routingTarget(db, target === "dispatch" ? "emergency" : "estimate");
}
