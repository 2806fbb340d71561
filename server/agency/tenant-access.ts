// Which tenants a user may open, and as what: their own memberships, plus every tenant of an
// agency they operate. This is the one place that answers "may this user act in this tenant".
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { findUserMemberships } from "@/server/db/cross-tenant-accounts";
import type { TenantRole } from "@/server/auth/permissions";

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

export async function resolveTenantAccess(
  sys: SystemDb,
  userId: string,
  slug: string,
): Promise<TenantAccess | null> {
  const global = globalDb(sys);
  const tenant = await global.tenant.findUnique({ where: { slug } });
  if (!tenant) return null;
  const base = { tenantId: tenant.id, slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone };
  if (tenant.agencyId) {
    const operator = await global.agencyMember.findUnique({
      where: { agencyId_userId: { agencyId: tenant.agencyId, userId } },
    });
    if (operator) return { ...base, role: "operator" };
  }
  // The slug named the tenant: the membership is read inside it.
  const m = await forTenant(sys, tenant.id).membership.findUnique({
    where: { tenantId_userId: { tenantId: tenant.id, userId } },
  });
  return m ? { ...base, role: m.role } : null;
}
