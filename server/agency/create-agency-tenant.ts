// An operator adds a business to their agency: the tenant (server/tenants/create-tenant.ts), and
// its owner — an existing account becomes owner at once, anyone else gets an owner invite.
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { createInvite } from "@/server/accounts/invites";
import { normalizeEmail } from "@/server/accounts/sign-up";
import { createTenant, newTenantId, withFreeSlug } from "@/server/tenants/create-tenant";

export type CreateAgencyTenantInput = { businessName: string; timeZone: string; ownerEmail: string };

export async function createAgencyTenant(
  sys: SystemDb,
  ctx: { agencyId: string; actorId: string },
  input: CreateAgencyTenantInput,
) {
  const email = normalizeEmail(input.ownerEmail);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AppError(
      "BAD_REQUEST",
      `"${input.ownerEmail}" is not an email address: enter the owner's email, like owner@example.com.`,
      "ownerEmail",
    );
  const directory = globalDb(sys);
  const owner = await directory.user.findUnique({ where: { email }, select: { id: true, name: true } });
  const db = forTenant(sys, newTenantId());
  const tenant = await withFreeSlug(directory, { name: input.businessName }, (slug) =>
    db.$transaction((tx) =>
      createTenant(tx, {
        name: input.businessName,
        timeZone: input.timeZone,
        agencyId: ctx.agencyId,
        ownerId: owner?.id,
        actorId: ctx.actorId,
        slug,
      }),
    ),
  );
  if (owner)
    return { tenant, owner: { email, name: owner.name, invited: false as const }, inviteToken: null };
  const { token } = await createInvite(
    { db, tenantId: tenant.id },
    { email, role: "owner", actorId: ctx.actorId, actorRole: "operator" },
  );
  return { tenant, owner: { email, name: null, invited: true as const }, inviteToken: token };
}
