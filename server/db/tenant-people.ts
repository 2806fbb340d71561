// People by id, for a business's own rows that name them (a lead's owner, a text's author, a QA
// reviewer, an audit row's actor, the signed-in user). Users are global, so a tenant's client has
// no `user` table; this is the one way it reads people, and only its own.
import { Prisma } from "./generated/client";
import { scopeOf, unscoped, type TenantDb, type TenantTx } from "./tenant-scope";

export type TenantPerson = { id: string; name: string; email: string };

/**
 * The people among `userIds` who belong to this business: its members, the operators of its
 * agency, and people its own audit log names (a member who was removed keeps their name in the
 * business's history). Anyone else is left out, so no id reads another business's people.
 */
export async function tenantPeople(
  db: TenantDb | TenantTx,
  userIds: readonly (string | null | undefined)[],
): Promise<TenantPerson[]> {
  const ids = [...new Set(userIds.filter((id): id is string => !!id))];
  if (!ids.length) return [];
  const tenantId = scopeOf(db);
  return unscoped(db).$queryRaw<TenantPerson[]>(Prisma.sql`
    SELECT u.id, u.name, u.email FROM "User" u
    WHERE u.id = ANY(${ids}::text[]) AND (
      EXISTS (SELECT 1 FROM "Membership" m WHERE m."tenantId" = ${tenantId} AND m."userId" = u.id)
      OR EXISTS (SELECT 1 FROM "AgencyMember" am JOIN "Tenant" t ON t."agencyId" = am."agencyId" WHERE t.id = ${tenantId} AND am."userId" = u.id)
      OR EXISTS (SELECT 1 FROM "AuditLog" a WHERE a."tenantId" = ${tenantId} AND (a."actorId" = u.id OR a.target = u.id)))`);
}

/** One person of this business by id, or null (see tenantPeople). */
export async function tenantPerson(
  db: TenantDb | TenantTx,
  userId: string | null | undefined,
): Promise<TenantPerson | null> {
  return (await tenantPeople(db, [userId]))[0] ?? null;
}

/** The operators of this business's agency (none when it has no agency): who hears about its plan usage. */
export async function tenantAgencyOperators(db: TenantDb | TenantTx): Promise<TenantPerson[]> {
  const tenantId = scopeOf(db);
  return unscoped(db).$queryRaw<TenantPerson[]>(Prisma.sql`
    SELECT u.id, u.name, u.email FROM "User" u
    JOIN "AgencyMember" am ON am."userId" = u.id
    JOIN "Tenant" t ON t."agencyId" = am."agencyId"
    WHERE t.id = ${tenantId}`);
}
