// Which tenants a user may open, and as what: their own memberships, plus every tenant of an
// agency they operate. This is the one place that answers "may this user act in this tenant".
import { globalDb, type SystemDb } from "@/server/db/system";
import { findUserMemberships, personAtBusiness } from "@/server/db/cross-tenant-accounts";
import type { TenantRole } from "@/server/auth/permissions";
import { isCurrentSession, sessionEnded, type SessionClaims } from "@/server/auth/session-version";

export type TenantAccess = {
  tenantId: string;
  slug: string;
  name: string;
  timeZone: string;
  role: TenantRole;
};

export async function accessibleTenants(sys: SystemDb, userId: string): Promise<TenantAccess[]> {
  const global = globalDb(sys);
  const [memberships, agencies] = await Promise.all([
    findUserMemberships(sys, userId),
    global.agencyMember.findMany({ where: { userId }, select: { agencyId: true } }),
  ]);
  const out = new Map<string, TenantAccess>();
  for (const m of memberships)
    out.set(m.tenantId, {
      tenantId: m.tenantId,
      slug: m.tenant.slug,
      name: m.tenant.name,
      timeZone: m.tenant.timeZone,
      role: m.role,
    });
  if (agencies.length) {
    const tenants = await global.tenant.findMany({
      where: { agencyId: { in: agencies.map((a) => a.agencyId) } },
      orderBy: { name: "asc" },
    });
    // An operator works with owner rights inside agency tenants, even where they are also a member.
    for (const t of tenants)
      out.set(t.id, { tenantId: t.id, slug: t.slug, name: t.name, timeZone: t.timeZone, role: "operator" });
  }
  return [...out.values()];
}

/**
 * The tenant gate: the signed-in person's access to the business `slug` names, or null (no such
 * business, or not theirs: the same answer). One read, which also checks that the session still
 * counts; a signed-out one is refused as UNAUTHORIZED (server/auth/session-version.ts).
 */
export async function resolveTenantAccess(
  sys: SystemDb,
  session: SessionClaims,
  slug: string,
): Promise<TenantAccess | null> {
  const found = await personAtBusiness(sys, session.userId, slug);
  if (!isCurrentSession(session, found)) throw sessionEnded();
  if (!found.tenant) return null;
  // An operator works with owner rights inside agency tenants, even where they are also a member.
  if (found.operator) return { ...found.tenant, role: "operator" };
  return found.role ? { ...found.tenant, role: found.role } : null;
}
