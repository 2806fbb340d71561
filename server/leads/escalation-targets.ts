// Who receives an escalation (seed 001): dispatch/on-call and the sales owner come from the
// tenant's routing rule; "office lead or manager" is the first manager, else the first owner.
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { routingTarget } from "./routing";
import type { EscalationTarget } from "./escalation-rules";

type Db = Pick<PrismaClient, "membership" | "routingRule">;

export async function managerOf(prisma: Db, tenantId: string): Promise<string | null> {
  for (const role of ["manager", "owner"] as const) {
    const m = await prisma.membership.findFirst({ where: { tenantId, role }, orderBy: { createdAt: "asc" }, select: { userId: true } });
    if (m) return m.userId;
  }
  return null;
}

export async function escalationTargetUser(prisma: Db, tenantId: string, target: EscalationTarget): Promise<string | null> {
  if (target === "manager") return managerOf(prisma, tenantId);
  return routingTarget(tenantScoped(prisma as PrismaClient, tenantId), target === "dispatch" ? "emergency" : "estimate");
}
