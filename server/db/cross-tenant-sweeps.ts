// The sweeps' and background jobs' lookups that must cross tenants, by name: the escalation
// sweep's due leads, the outboxes' rows that a job names by id only (notifications, webhook
// deliveries), the QA days already sampled, and a calendar feed by its token. Everything else reaches tenant data through the tenant-scoped client
// (tenant-scope.ts) once the tenant is known; these are how it becomes known. Each takes the
// opaque SystemDb handle (system.ts) and says why it has to cross tenants.
import { Prisma, type Lead, type Tenant } from "./generated/client";
import type { EscalationRule } from "./generated/enums";
import { rawClient, type SystemDb } from "./system";

// ── escalation sweep ──

/** What the escalation sweep reads of a candidate lead (with its business's zone, slug and on-call phone). */
export type EscalationCandidate = Pick<
  Lead,
  | "id"
  | "tenantId"
  | "urgency"
  | "status"
  | "ownerId"
  | "acceptedAt"
  | "nextAction"
  | "createdAt"
  | "lastActivityAt"
  | "isEstimate"
  | "isTest"
  | "source"
  | "temperature"
  | "callerName"
  | "callerPhone"
  | "issueSummary"
> & {
  tenant: Pick<Tenant, "timeZone" | "slug" | "onCallPhone">;
  /** The lead's owner is the business's only member (a business of one). */
  ownerIsOnlyMember: boolean;
};

/** The sweep's windows, computed by the rules (server/leads/escalation-rules.ts). */
export type EscalationWindows = {
  /** Unaccepted urgent leads created in [since, before]. */
  urgent: { before: Date; since: Date };
  /** Unaccepted standard leads created in [since, before]. */
  standard: { before: Date; since: Date };
  /** Estimates whose last movement is in [since, before]. */
  estimateIdle: { before: Date; since: Date };
  /** One per time zone past its end of day: open leads created before `before` with no next action. */
  endOfDay: { timeZone: string; before: Date; period: string }[];
  /** At most this many leads per rule (and per zone for the end of day). */
  take: number;
};

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;

/**
 * The candidate statement: per rule, the leads its window holds that the rule has not yet
 * escalated (for that period), oldest first, each read with its business. Each rule's branch reads
 * its own partial index (migration `*_escalation_partial_indexes`), whose WHERE is the branch's
 * fixed conditions written the same way, with enum values as literals so the planner can match
 * them; the Escalation key (lead + rule + period) answers the NOT EXISTS. Only the leads the
 * branches return are read from the table. Exported for the bench's EXPLAIN.
 */
export function dueEscalationSql(w: EscalationWindows): Prisma.Sql {
  // A business of one has nobody to escalate an unaccepted lead to but its owner (the rules'
  // ownerIsOnlyMember): the acceptance branches leave its leads out, so they never fill a batch.
  const someoneElse = Prisma.sql`EXISTS (SELECT 1 FROM "Membership" m
    WHERE m."tenantId" = l."tenantId" AND m."userId" IS DISTINCT FROM l."ownerId")`;
  const notEscalated = (rule: EscalationRule, period: Prisma.Sql | null) =>
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Escalation" e WHERE e."leadId" = l."id"
      AND e."rule" = ${Prisma.raw(`'${rule}'`)}${period ? Prisma.sql` AND e."period" = ${period}` : Prisma.empty})`;
  const branches = [
    Prisma.sql`(SELECT l."id", 'urgent_unaccepted' AS "rule" FROM "Lead" l
      WHERE l."acceptedAt" IS NULL AND NOT l."isTest" AND l."status" NOT IN ('closed', 'answered_by_plumber')
        AND (l."urgency" IN ('emergency', 'high') OR l."temperature" >= 90)
        AND l."createdAt" <= ${ts(w.urgent.before)} AND l."createdAt" >= ${ts(w.urgent.since)}
        AND ${notEscalated("urgent_unaccepted", null)} AND ${someoneElse}
      ORDER BY l."createdAt" LIMIT ${w.take})`,
    Prisma.sql`(SELECT l."id", 'standard_unaccepted' AS "rule" FROM "Lead" l
      WHERE l."acceptedAt" IS NULL AND NOT l."isTest" AND l."status" NOT IN ('closed', 'answered_by_plumber')
        AND (l."urgency" IS NULL OR l."urgency" IN ('normal', 'low')) AND l."temperature" < 90
        AND NOT l."isEstimate" AND l."source" <> 'manual'
        AND l."createdAt" <= ${ts(w.standard.before)} AND l."createdAt" >= ${ts(w.standard.since)}
        AND ${notEscalated("standard_unaccepted", null)} AND ${someoneElse}
      ORDER BY l."createdAt" LIMIT ${w.take})`,
    // The idle period is the lastActivityAt instant (epoch ms).
    Prisma.sql`(SELECT l."id", 'estimate_idle' AS "rule" FROM "Lead" l
      WHERE l."isEstimate" AND NOT l."isTest" AND l."status" <> 'closed'
        AND l."lastActivityAt" <= ${ts(w.estimateIdle.before)} AND l."lastActivityAt" >= ${ts(w.estimateIdle.since)}
        AND ${notEscalated("estimate_idle", Prisma.sql`((extract(epoch from l."lastActivityAt") * 1000)::bigint)::text`)}
      ORDER BY l."lastActivityAt" LIMIT ${w.take})`,
  ];
  if (w.endOfDay.length) {
    const zones = Prisma.join(
      w.endOfDay.map((z) => Prisma.sql`(${z.timeZone}::text, ${ts(z.before)}, ${z.period}::text)`),
    );
    branches.push(Prisma.sql`(SELECT l."id", 'end_of_day' AS "rule" FROM "Lead" l
      JOIN "Tenant" t ON t."id" = l."tenantId"
      JOIN (VALUES ${zones}) z ("timeZone", "before", "period") ON z."timeZone" = t."timeZone"
      WHERE NOT l."isTest" AND l."status" <> 'closed' AND (l."nextAction" IS NULL OR l."nextAction" = '')
        AND l."createdAt" < z."before" AND ${notEscalated("end_of_day", Prisma.sql`z."period"`)}
      ORDER BY l."createdAt" LIMIT ${w.take * w.endOfDay.length})`);
  }
  return Prisma.sql`SELECT c."rule", l."id", l."tenantId", l."urgency"::text AS "urgency", l."status"::text AS "status",
      l."ownerId", l."acceptedAt", l."nextAction", l."createdAt", l."lastActivityAt", l."isEstimate", l."isTest",
      l."source"::text AS "source", l."temperature", l."callerName", l."callerPhone", l."issueSummary",
      t."timeZone", t."slug", t."onCallPhone",
      l."ownerId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Membership" m
        WHERE m."tenantId" = l."tenantId" AND m."userId" <> l."ownerId") AS "ownerIsOnlyMember"
    FROM (${Prisma.join(branches, " UNION ALL ")}) c
    JOIN "Lead" l ON l."id" = c."id" JOIN "Tenant" t ON t."id" = l."tenantId"`;
}

type CandidateRow = Omit<EscalationCandidate, "tenant"> &
  EscalationCandidate["tenant"] & { rule: EscalationRule };

/**
 * The escalation sweep runs once for every business (a job every few seconds, not one per
 * business): one statement finds the leads whose timer may have run out, across all tenants, and
 * reads them (`dueEscalationSql`). Each lead names its tenant; the sweep fires each escalation on
 * that tenant's scoped client. Each lead comes with the rules whose branch found it (not yet
 * escalated by that rule and period).
 */
export async function dueEscalationLeads(
  sys: SystemDb,
  w: EscalationWindows,
): Promise<{ lead: EscalationCandidate; rules: Set<EscalationRule> }[]> {
  const rows = await rawClient(sys).$queryRaw<CandidateRow[]>(dueEscalationSql(w));
  const byId = new Map<string, { lead: EscalationCandidate; rules: Set<EscalationRule> }>();
  for (const { rule, timeZone, slug, onCallPhone, ...lead } of rows) {
    const entry = byId.get(lead.id) ?? {
      lead: { ...lead, tenant: { timeZone, slug, onCallPhone } },
      rules: new Set<EscalationRule>(),
    };
    entry.rules.add(rule);
    byId.set(lead.id, entry);
  }
  return [...byId.values()];
}

/**
 * Queued notifications of every business that no delivery job picked up (a lost job): the sweep
 * queues them again. The delivery job then finds each one's tenant by its id.
 */
export async function staleQueuedNotificationIds(
  sys: SystemDb,
  createdBefore: Date,
  take: number,
): Promise<string[]> {
  const rows = await rawClient(sys).notification.findMany({
    where: { status: "queued", attempts: 0, createdAt: { lt: createdBefore } },
    select: { id: true },
    take,
  });
  return rows.map((r) => r.id);
}

// ── notification outbox ──

/**
 * The delivery job names only the notification's id (the outbox queues ids for every business):
 * claims one attempt of a queued row (attempts + 1), so a sent one is never sent again, and
 * returns the claimed row (with its tenantId), or null when it is not queued.
 */
export async function claimQueuedNotification(sys: SystemDb, id: string) {
  const prisma = rawClient(sys);
  const claimed = await prisma.notification.updateMany({
    where: { id, status: "queued" },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return null;
  return prisma.notification.findUniqueOrThrow({ where: { id } });
}

// ── webhook outbox ──

/**
 * The delivery job names only the delivery's id (`webhook-id`, queued for every business): claims
 * a pending, due row until `claimUntil` (attempts + 1), so two workers never send it at once, and
 * returns it with its endpoint (and tenantId), or null when it is not due.
 */
export async function claimDueWebhookDelivery(sys: SystemDb, id: string, at: Date, claimUntil: Date) {
  const prisma = rawClient(sys);
  const claim = await prisma.webhookDelivery.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: at } },
    data: { attempts: { increment: 1 }, nextAttemptAt: claimUntil, lastAttemptAt: at },
  });
  if (claim.count === 0) return null;
  return prisma.webhookDelivery.findUniqueOrThrow({ where: { id }, include: { endpoint: true } });
}

/** The webhook sweep (every minute, for every business) re-queues due deliveries whose job was lost. */
export async function dueWebhookDeliveryIds(sys: SystemDb, at: Date, take: number): Promise<string[]> {
  const rows = await rawClient(sys).webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: at } },
    select: { id: true },
    take,
  });
  return rows.map((r) => r.id);
}

// ── QA ──

/**
 * The hourly QA job looks at every business at once: of the (tenant, local day) pairs that are
 * due, the tenants whose day is already sampled.
 */
export async function sampledQaDayTenants(
  sys: SystemDb,
  days: readonly { tenantId: string; sampledOn: string }[],
): Promise<string[]> {
  if (!days.length) return [];
  const rows = await rawClient(sys).qaDay.findMany({
    where: { OR: days.map((d) => ({ tenantId: d.tenantId, sampledOn: d.sampledOn })) },
    select: { tenantId: true },
  });
  return rows.map((r) => r.tenantId);
}

// ── calendar feeds ──

/**
 * A calendar app fetches the feed by its URL's token alone: tokens are unique across all
 * businesses, and the token decides whose visits the feed shows. Found by the token's hash (the
 * token is never stored). The feed with its business.
 */
export async function findCalendarFeedByTokenHash(sys: SystemDb, tokenHash: string) {
  return rawClient(sys).calendarFeed.findUnique({
    where: { tokenHash },
    include: { tenant: { select: { id: true, slug: true, name: true, timeZone: true } } },
  });
}

// ── after-call check sweep ──

/**
 * The after-call sweep, over all businesses: AI-answered calls that ended in [endedFrom, endedTo]
 * and have no after-call review yet (their job was never queued, or failed for good), oldest first.
 */
export async function callsWithoutAfterCallReview(
  sys: SystemDb,
  input: { endedFrom: Date; endedTo: Date; take: number },
) {
  const db = rawClient(sys);
  const calls = await db.call.findMany({
    where: {
      endedAt: { not: null, gte: input.endedFrom, lte: input.endedTo },
      lead: { events: { some: { type: "call.ai_answered" } } },
    },
    select: { id: true, tenantId: true, callSid: true },
    orderBy: { endedAt: "asc" },
    take: input.take * 4,
  });
  if (!calls.length) return [];
  const done = new Set(
    (
      await db.afterCallReview.findMany({
        where: { callId: { in: calls.map((c) => c.id) } },
        select: { callId: true },
      })
    ).map((r) => r.callId),
  );
  return calls.filter((c) => !done.has(c.id)).slice(0, input.take);
}

// ── follow-ups ──

/**
 * The follow-up sweep, over all businesses: enrollments whose next step is due, oldest first
 * (the `nextDueAt` index; stopped and finished enrollments have none). Ids, tenant and the step
 * they are at — the step job claims each one in its own tenant.
 */
export async function dueFollowUpSteps(sys: SystemDb, now: Date, take = 500) {
  return rawClient(sys).followUpEnrollment.findMany({
    where: { nextDueAt: { lte: now } },
    orderBy: { nextDueAt: "asc" },
    select: { id: true, tenantId: true, generation: true, nextStep: true },
    take,
  });
}

/**
 * The quiet sweep, over all businesses: leads whose next quiet threshold (1, 3 or 7 days without
 * a word) has passed, oldest first, on the `quietAt` index (a trigger keeps it; leads with no
 * threshold left have none). The quiet job claims each one in its own tenant.
 */
export async function dueQuietLeads(sys: SystemDb, now: Date, take = 500) {
  return rawClient(sys).lead.findMany({
    where: { quietAt: { lte: now } },
    orderBy: { quietAt: "asc" },
    select: { id: true, tenantId: true, quietAt: true },
    take,
  });
}

// ── calls ──

/**
 * The lost-transfer sweep, over all businesses: calls still being put through to the on-call phone
 * (not ended) with no news since `unansweredBefore` — or, once the on-call person pressed 1, since
 * `answeredBefore` — oldest first, on the partial index of unended transfers (migration
 * `*_call_transfer_started_at`). A transfer started before its start was recorded counts from the
 * call's start. Each call is then ended in its business's transaction, claimed by its CallSid
 * (server/calls/lost-transfers.ts).
 */
export async function lostTransferCalls(
  sys: SystemDb,
  w: { unansweredBefore: Date; answeredBefore: Date; take: number },
): Promise<
  {
    tenantId: string;
    callSid: string;
    startedAt: Date;
    transferStartedAt: Date | null;
    transferAcceptedAt: Date | null;
  }[]
> {
  return rawClient(sys).$queryRaw`
    SELECT "tenantId", "callSid", "startedAt", "transferStartedAt", "transferAcceptedAt" FROM "Call"
    WHERE "endedAt" IS NULL AND "stage" IN ('transferring', 'transfer_result')
      AND COALESCE("transferStartedAt", "startedAt") < ${ts(w.unansweredBefore)}
      AND ("transferAcceptedAt" IS NULL OR "transferAcceptedAt" < ${ts(w.answeredBefore)})
    ORDER BY COALESCE("transferStartedAt", "startedAt"), "id"
    LIMIT ${w.take}`;
}
