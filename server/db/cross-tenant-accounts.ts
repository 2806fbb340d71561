// The account-side lookups that must cross tenants, by name: API keys by hash, invites by token,
// a user's memberships across businesses, and a new person with their first business. Everything
// else reaches tenant data through the tenant-scoped client (tenant-scope.ts) once the tenant is
// known; these are how it becomes known. Each takes the opaque SystemDb handle (system.ts) and
// says why it has to cross tenants.
import { randomBytes } from "node:crypto";
import type { Role } from "./generated/enums";
import { forTenant, rawClient, type SystemDb } from "./system";
import { unscoped, type TenantTx } from "./tenant-scope";

/**
 * REST API v1 names only its Bearer key: key hashes are unique across all businesses, and the key
 * decides whose data the request reads. The key row (with its tenantId), or null.
 */
export async function findApiKeyByHash(sys: SystemDb, hash: string) {
  return rawClient(sys).apiKey.findUnique({ where: { hash } });
}

/**
 * An invite link names only its token: token hashes are unique across all businesses, and the
 * invite decides which business the person joins. The invite with its business's name and slug, or null.
 */
export async function findInviteByTokenHash(sys: SystemDb, tokenHash: string) {
  return rawClient(sys).invite.findUnique({
    where: { tokenHash },
    include: { tenant: { select: { name: true, slug: true } } },
  });
}

/**
 * A person's memberships in every business they belong to (the business switcher, the home page,
 * the tRPC `me`): a user is not inside one tenant. Oldest first, with each business's directory row.
 */
export async function findUserMemberships(sys: SystemDb, userId: string) {
  return rawClient(sys).membership.findMany({
    where: { userId },
    include: { tenant: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * The tenant gate's one read (server/agency/tenant-access.ts decides from it): a signed-in person
 * and the business a URL's slug names. A person is not inside one tenant, and the slug is what
 * names the business. Null when the account is gone; otherwise the person's session version
 * (server/auth/session-version.ts), the business (null when no business has the slug), whether
 * they operate its agency, and the role of their own membership in it (null when none).
 */
export async function personAtBusiness(sys: SystemDb, userId: string, slug: string) {
  type Row = {
    sessionVersion: number;
    tenantId: string | null;
    slug: string | null;
    name: string | null;
    timeZone: string | null;
    operator: boolean;
    role: Role | null;
  };
  const [row] = await rawClient(sys).$queryRaw<Row[]>`
    SELECT u."sessionVersion", t."id" AS "tenantId", t."slug", t."name", t."timeZone",
      EXISTS (SELECT 1 FROM "AgencyMember" a WHERE a."agencyId" = t."agencyId" AND a."userId" = u."id") AS "operator",
      (SELECT m."role"::text FROM "Membership" m WHERE m."tenantId" = t."id" AND m."userId" = u."id") AS "role"
    FROM "User" u LEFT JOIN "Tenant" t ON t."slug" = ${slug}
    WHERE u."id" = ${userId}`;
  if (!row) return null;
  const { sessionVersion, tenantId, operator, role } = row;
  const tenant =
    tenantId === null ? null : { tenantId, slug: row.slug!, name: row.name!, timeZone: row.timeZone! };
  return { sessionVersion, tenant, operator, role };
}

/**
 * A sign-up creates a person (a global row) and their first business in one transaction: the
 * person is inserted inside the new business's scoped transaction, which then `build`s the business
 * (createTenant) on it. A tenant's client has no `user` table, so the one insert is here, by name.
 * Null when an account with this email exists (the unique email decides).
 */
export async function createPersonWithBusiness<T>(
  sys: SystemDb,
  tenantId: string,
  person: { email: string; name: string; passwordHash: string },
  build: (tx: TenantTx, user: { id: string; email: string; name: string }) => Promise<T>,
): Promise<{ user: { id: string; email: string; name: string }; result: T } | null> {
  const id = `c${Date.now().toString(36)}${randomBytes(12).toString("hex")}`;
  return forTenant(sys, tenantId).$transaction(async (tx) => {
    const [user] = await unscoped(tx).$queryRaw<{ id: string; email: string; name: string }[]>`
      INSERT INTO "User" (id, email, name, "passwordHash") VALUES (${id}, ${person.email}, ${person.name}, ${person.passwordHash})
      ON CONFLICT (email) DO NOTHING RETURNING id, email, name`;
    if (!user) return null;
    return { user, result: await build(tx, user) };
  });
}
