// An operator pauses or resumes a business of their agency, with a reason for the audit log.
// A paused tenant's service gate is closed (server/billing/service-gate.ts): the AI stops.
import type { PrismaClient } from "@/server/db/generated/client";
import { writeAudit } from "@/server/audit/write-audit";
import { AppError } from "@/server/errors";

type Ctx = { agencyId: string; actorId: string };

async function setPaused(prisma: PrismaClient, ctx: Ctx, input: { tenantId: string; reason: string }, paused: boolean) {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError("BAD_REQUEST", `Say why you are ${paused ? "pausing" : "resuming"} this business (at least 3 characters): it goes in the audit log.`, "reason");
  return prisma.$transaction(async (tx) => {
    // Scoped by agency: an operator of another agency finds nothing to change.
    const tenant = await tx.tenant.findFirst({ where: { id: input.tenantId, agencyId: ctx.agencyId }, select: { id: true, name: true, slug: true } });
    if (!tenant) throw new AppError("FORBIDDEN", "That business is not one of your agency's businesses.");
    const { count } = await tx.tenant.updateMany({ where: { id: tenant.id, agencyId: ctx.agencyId, paused: !paused }, data: { paused } });
    if (count === 0) throw new AppError("CONFLICT", `${tenant.name} is already ${paused ? "paused" : "running"}.`);
    await writeAudit(tx, { tenantId: tenant.id, actorId: ctx.actorId, action: paused ? "tenant.paused" : "tenant.resumed", target: tenant.slug, data: { reason } });
    return { id: tenant.id, name: tenant.name, paused };
  });
}

export const pauseTenant = (prisma: PrismaClient, ctx: Ctx, input: { tenantId: string; reason: string }) => setPaused(prisma, ctx, input, true);
export const resumeTenant = (prisma: PrismaClient, ctx: Ctx, input: { tenantId: string; reason: string }) => setPaused(prisma, ctx, input, false);
