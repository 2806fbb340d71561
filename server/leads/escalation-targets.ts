// Who receives an escalation: dispatch/on-call and the sales owner come from the
// tenant's routing rule; "office lead or manager" is the first manager, else the first owner.
import type { TenantTx } from "@/server/db/tenant-scope";
import { routingTarget } from "./routing";
import type { EscalationTarget } from "./escalation-rules";

/** The tenant's scoped client (or a transaction on it). */
type Db = TenantTx;

export async function managerOf(db: Pick<Db, "membership">, tenantId: string): Promise<string | null> {
  for (const role of ["manager", "owner"] as const) {
    const m = await db.membership.findFirst({
      where: { tenantId, role },
      orderBy: { createdAt: "asc" },
      select: { userId: true },
    });
    if (m) return m.userId;
  }
  return null;
}

export async function escalationTargetUser(
  db: Db,
  tenantId: string,
  target: EscalationTarget,
): Promise<string | null> {
  if (target === "manager") return managerOf(db, tenantId);
  return routingTarget(db, target === "dispatch" ? "emergency" : "estimate");
}
