// An operator adds a business to their agency: the tenant (server/tenants/create-tenant.ts), and
// an owner invite for the email given. Always an invite, also for someone who has an account: an
// operator must not be able to make anyone an owner without their say, nor learn from the answer
// whether an email has an account here (or its holder's name). An account holder accepts the
// invite with their own password.
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
  const db = forTenant(sys, newTenantId());
  const tenant = await withFreeSlug(globalDb(sys), { name: input.businessName }, (slug) =>
    db.$transaction((tx) =>
      createTenant(tx, {
        name: input.businessName,
        timeZone: input.timeZone,
        agencyId: ctx.agencyId,
        actorId: ctx.actorId,
        slug,
      }),
    ),
  );
  const { token } = await createInvite(
    { db, tenantId: tenant.id },
    { email, role: "owner", actorId: ctx.actorId, actorRole: "operator" },
  );
  return { tenant, owner: { email, name: null, invited: true as const }, inviteToken: token };
}
