// An operator pauses or resumes a business of their agency, with a reason for the audit log.
// A paused tenant's service gate is closed (server/billing/service-gate.ts): the AI stops.
import { forTenant, type SystemDb } from "@/server/db/system";
import { writeAudit } from "@/server/audit/write-audit";
import { AppError } from "@/server/errors";

type Ctx = { agencyId: string; actorId: string };

async function setPaused(
  sys: SystemDb,
  ctx: Ctx,
  input: { tenantId: string; reason: string },
  paused: boolean,
) {
  const reason = input.reason.trim();
  if (reason.length < 3)
    throw new AppError(
      "BAD_REQUEST",
      `Say why you are ${paused ? "pausing" : "resuming"} this business (at least 3 characters): it goes in the audit log.`,
      "reason",
    );
  // Opened as the named business and checked against the agency: an operator of another agency
  // finds nothing to change.
  return forTenant(sys, input.tenantId).$transaction(async (tx) => {
    const tenant = await tx.tenant.findFirst({
      where: { id: input.tenantId, agencyId: ctx.agencyId },
      select: { id: true, name: true, slug: true },
    });
    if (!tenant) throw new AppError("FORBIDDEN", "That business is not one of your agency's businesses.");
    const { count } = await tx.tenant.updateMany({
      where: { id: tenant.id, agencyId: ctx.agencyId, paused: !paused },
      data: { paused },
    });
    if (count === 0)
      throw new AppError("CONFLICT", `${tenant.name} is already ${paused ? "paused" : "running"}.`);
    await writeAudit(tx, {
      tenantId: tenant.id,
      actorId: ctx.actorId,
      action: paused ? "tenant.paused" : "tenant.resumed",
      target: tenant.slug,
      data: { reason },
    });
    return { id: tenant.id, name: tenant.name, paused };
  });
}

export const pauseTenant = (sys: SystemDb, ctx: Ctx, input: { tenantId: string; reason: string }) =>
  setPaused(sys, ctx, input, true);
export const resumeTenant = (sys: SystemDb, ctx: Ctx, input: { tenantId: string; reason: string }) =>
  setPaused(sys, ctx, input, false);
