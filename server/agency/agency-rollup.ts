// The agency console's roll-up: the same counts for every business of one agency, read in a fixed
// set of grouped queries however many businesses it has (no query per tenant). It reads through
// the agency's handle (forAgency, server/db/agency.ts), which opens the agency's businesses only:
// `tenantIds` are those businesses (from the tenant directory), `pausedTenantIds` the paused ones.
import { Prisma } from "@/server/db/generated/client";
import type { AgencyDb } from "@/server/db/agency";
import { customerLead } from "@/server/reports/definitions-sql";

export type AgencyDayCount = { tenantId: string; day: string; n: number };
export type AgencyOpenLeaks = {
  tenantId: string;
  total: number;
  unowned: number;
  overdue: number;
  escalated: number;
};

export async function agencyRollup(
  agency: AgencyDb,
  q: { tenantIds: string[]; pausedTenantIds: string[]; since: Date; weekAgo: Date; now: Date },
) {
  const { db, sql } = agency;
  const { since, weekAgo, now } = q;
  const inIds = { tenantId: { in: q.tenantIds } };
  const [accounts, tracking, zips, hours, slots, leadDays, callDays, leaks, aiCalls, pauses, qaDays] =
    await Promise.all([
      db.billingAccount.findMany({
        where: inIds,
        select: { tenantId: true, status: true, pastDueSince: true },
      }),
      db.trackingNumber.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
      db.serviceZip.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
      db.businessHours.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
      db.bookingSlot.groupBy({ by: ["tenantId"], where: inIds, _count: { _all: true } }),
      // Leads per local day: customers, as Reports counts them (server/reports/definitions.ts) —
      // a contact closed as spam or not a customer is a call, never a lead.
      sql<AgencyDayCount[]>(
        (tenants) => Prisma.sql`
      SELECT l."tenantId" AS "tenantId", to_char((l."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE t."timeZone", 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "Lead" l JOIN "Tenant" t ON t.id = l."tenantId"
      WHERE l."tenantId" IN (${tenants}) AND l."isTest" = false AND l."createdAt" >= ${since}
        AND ${customerLead("l")}
      GROUP BY 1, 2`,
      ),
      sql<AgencyDayCount[]>(
        (tenants) => Prisma.sql`
      SELECT c."tenantId" AS "tenantId", to_char((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE t."timeZone", 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "Call" c JOIN "Tenant" t ON t.id = c."tenantId"
      WHERE c."tenantId" IN (${tenants}) AND c."isTest" = false AND c."startedAt" >= ${since}
      GROUP BY 1, 2`,
      ),
      // Open leaks: open (not closed) real leads that are unowned, overdue, or escalated.
      sql<AgencyOpenLeaks[]>(
        (tenants) => Prisma.sql`
      SELECT l."tenantId" AS "tenantId",
        count(*)::int AS total,
        (count(*) FILTER (WHERE l."ownerId" IS NULL))::int AS unowned,
        (count(*) FILTER (WHERE l."dueAt" < ${now}))::int AS overdue,
        (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Escalation" e WHERE e."leadId" = l.id)))::int AS escalated
      FROM "Lead" l
      WHERE l."tenantId" IN (${tenants}) AND l.status <> 'closed' AND l."isTest" = false
        AND (l."ownerId" IS NULL OR l."dueAt" < ${now} OR EXISTS (SELECT 1 FROM "Escalation" e WHERE e."leadId" = l.id))
      GROUP BY 1`,
      ),
      // AI-handled calls: usage ledger entries, test calls left out.
      db.usageLedgerEntry.groupBy({
        by: ["tenantId"],
        where: {
          ...inIds,
          occurredAt: { gte: weekAgo, lte: now },
          OR: [{ creditReason: null }, { creditReason: { not: "test_call" } }],
        },
        _count: { _all: true },
      }),
      // The last pause of each paused business (its reason is in the audit log).
      db.auditLog.findMany({
        where: { tenantId: { in: q.pausedTenantIds }, action: "tenant.paused" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        distinct: ["tenantId"],
        select: { tenantId: true, createdAt: true, data: true },
      }),
      // The latest sampled QA day per business: the daily failure rate of the call QA.
      db.qaDay.findMany({
        where: { ...inIds, sampled: { gt: 0 }, sampledOn: { gte: since.toISOString().slice(0, 10) } },
        orderBy: [{ sampledOn: "desc" }, { id: "desc" }],
        distinct: ["tenantId"],
        select: { tenantId: true, sampledOn: true, sampled: true, failed: true },
      }),
    ]);
  return { accounts, tracking, zips, hours, slots, leadDays, callDays, leaks, aiCalls, pauses, qaDays };
}
