// An operator adds a business to their agency: the tenant (server/tenants/create-tenant.ts), and
// its owner — an existing account becomes owner at once, anyone else gets an owner invite.
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { createInvite } from "@/server/accounts/invites";
import { normalizeEmail } from "@/server/accounts/sign-up";
import { createTenant } from "@/server/tenants/create-tenant";

export type CreateAgencyTenantInput = { businessName: string; timeZone: string; ownerEmail: string };

export async function createAgencyTenant(prisma: PrismaClient, ctx: { agencyId: string; actorId: string }, input: CreateAgencyTenantInput) {
  const email = normalizeEmail(input.ownerEmail);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError("BAD_REQUEST", `"${input.ownerEmail}" is not an email address: enter the owner's email, like owner@example.com.`, "ownerEmail");
  const owner = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true } });
  const tenant = await prisma.$transaction((tx) => createTenant(tx, { name: input.businessName, timeZone: input.timeZone, agencyId: ctx.agencyId, ownerId: owner?.id, actorId: ctx.actorId }));
  if (owner) return { tenant, owner: { email, name: owner.name, invited: false as const }, inviteToken: null };
  const { token } = await createInvite({ db: tenantScoped(prisma, tenant.id), tenantId: tenant.id, prisma }, { email, role: "owner", actorId: ctx.actorId, actorRole: "operator" });
  return { tenant, owner: { email, name: null, invited: true as const }, inviteToken: token };
}
