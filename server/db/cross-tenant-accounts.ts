// The account-side lookups that must cross tenants, by name: API keys by hash, invites by token,
// a user's memberships across businesses, and an agency's roll-up over its businesses. Everything
// else reaches tenant data through the tenant-scoped client (tenant-scope.ts) once the tenant is
// known; these are how it becomes known. Each takes the opaque SystemDb handle (system.ts) and
// says why it has to cross tenants.
import { rawClient, type SystemDb } from "./system";

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
  return rawClient(sys).invite.findUnique({ where: { tokenHash }, include: { tenant: { select: { name: true, slug: true } } } });
}

/**
 * A person's memberships in every business they belong to (the business switcher, the home page,
 * the tRPC `me`): a user is not inside one tenant. Oldest first, with each business's directory row.
 */
export async function findUserMemberships(sys: SystemDb, userId: string) {
  return rawClient(sys).membership.findMany({ where: { userId }, include: { tenant: true }, orderBy: { createdAt: "asc" } });
}

export type AgencyDayCount = { tenantId: string; day: string; n: number };
export type AgencyOpenLeaks = { tenantId: string; total: number; unowned: number; overdue: number; escalated: number };

/**
 * The agency console's roll-up: the same counts for every business of one agency, read in a fixed
 * set of grouped queries however many businesses it has (no query per tenant). It crosses tenants
 * because an operator sees all of their agency's businesses side by side. `tenantIds` are the
 * agency's businesses (from the tenant directory), `pausedTenantIds` the paused ones among them.
 */
export async function agencyRollup(sys: SystemDb, q: { agencyId: string; tenantIds: string[]; pausedTenantIds: string[]; since: Date; weekAgo: Date; now: Date }) {
  const prisma = rawClient(sys);
  const { agencyId, since, weekAgo, now } = q;
  const inIds = { tenantId: { in: q.tenantIds } };
  const [accounts, tracking, zips, hours, slots, leadDays, callDays, leaks, aiCalls, pauses, qaDays] = await Promise.all([
    prisma.billingAccount.findMany({ where: inIds, select: { tenantId: true, status: true, pastDueSince: true } }),
    prisma.trackingNumber.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
    prisma.serviceZip.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
    prisma.businessHours.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
    prisma.bookingSlot.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
    prisma.$queryRaw<AgencyDayCount[]>`
      SELECT l."tenantId" AS "tenantId", to_char((l."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE t."timeZone", 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "Lead" l JOIN "Tenant" t ON t.id = l."tenantId"
      WHERE t."agencyId" = ${agencyId} AND l."isTest" = false AND l."createdAt" >= ${since}
      GROUP BY 1, 2`,
    prisma.$queryRaw<AgencyDayCount[]>`
      SELECT c."tenantId" AS "tenantId", to_char((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE t."timeZone", 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "Call" c JOIN "Tenant" t ON t.id = c."tenantId"
      WHERE t."agencyId" = ${agencyId} AND c."isTest" = false AND c."startedAt" >= ${since}
      GROUP BY 1, 2`,
    // Open leaks: open (not closed) real leads that are unowned, overdue, or escalated.
    prisma.$queryRaw<AgencyOpenLeaks[]>`
      SELECT l."tenantId" AS "tenantId",
        count(*)::int AS total,
        (count(*) FILTER (WHERE l."ownerId" IS NULL))::int AS unowned,
        (count(*) FILTER (WHERE l."dueAt" < ${now}))::int AS overdue,
        (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Escalation" e WHERE e."leadId" = l.id)))::int AS escalated
      FROM "Lead" l JOIN "Tenant" t ON t.id = l."tenantId"
      WHERE t."agencyId" = ${agencyId} AND l.status <> 'closed' AND l."isTest" = false
        AND (l."ownerId" IS NULL OR l."dueAt" < ${now} OR EXISTS (SELECT 1 FROM "Escalation" e WHERE e."leadId" = l.id))
      GROUP BY 1`,
    // AI-handled calls: usage ledger entries, test calls left out.
    prisma.usageLedgerEntry.groupBy({
      by: ["tenantId"],
      where: { ...inIds, occurredAt: { gte: weekAgo, lte: now }, OR: [{ creditReason: null }, { creditReason: { not: "test_call" } }] },
      _count: { _all: true },
    }),
    // The last pause of each paused business (its reason is in the audit log).
    prisma.auditLog.findMany({
      where: { tenantId: { in: q.pausedTenantIds }, action: "tenant.paused" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      distinct: ["tenantId"],
      select: { tenantId: true, createdAt: true, data: true },
    }),
    // The latest sampled QA day per tenant (server/qa/): seed 000 §8's daily failure rate.
    prisma.qaDay.findMany({
      where: { ...inIds, sampled: { gt: 0 }, sampledOn: { gte: since.toISOString().slice(0, 10) } },
      orderBy: [{ sampledOn: "desc" }, { id: "desc" }],
      distinct: ["tenantId"],
      select: { tenantId: true, sampledOn: true, sampled: true, failed: true },
    }),
  ]);
  return { accounts, tracking, zips, hours, slots, leadDays, callDays, leaks, aiCalls, pauses, qaDays };
}
