// The sweeps' and background jobs' lookups that must cross tenants, by name: the escalation
// sweep's due leads, the outboxes' rows that a job names by id only (notifications, webhook
// deliveries), the QA days already sampled, and a calendar feed by its token. Everything else reaches tenant data through the tenant-scoped client
// (tenant-scope.ts) once the tenant is known; these are how it becomes known. Each takes the
// opaque SystemDb handle (system.ts) and says why it has to cross tenants.
import type { Prisma } from "./generated/client";
import { rawClient, type SystemDb } from "./system";

// ── escalation sweep ──

/** What the escalation sweep reads of a candidate lead (with its business's zone, slug and on-call phone). */
export const escalationCandidateSelect = {
  id: true,
  tenantId: true,
  urgency: true,
  status: true,
  ownerId: true,
  acceptedAt: true,
  nextAction: true,
  createdAt: true,
  lastActivityAt: true,
  isEstimate: true,
  isTest: true,
  source: true,
  temperature: true,
  callerName: true,
  callerPhone: true,
  issueSummary: true,
  tenant: { select: { timeZone: true, slug: true, onCallPhone: true } },
} satisfies Prisma.LeadSelect;

export type EscalationCandidate = Prisma.LeadGetPayload<{ select: typeof escalationCandidateSelect }>;

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
  /** At most this many leads per rule (and per zone). */
  take: number;
};

const OPEN_NOT_TEST = { isTest: false, status: { not: "closed" } } satisfies Prisma.LeadWhereInput;

/**
 * The escalation sweep runs once for every business (a job every few seconds, not one per
 * business): one indexed query per rule finds the leads whose timer may have run out, across all
 * tenants (indexes `(acceptedAt, createdAt)` and `(isEstimate, lastActivityAt)`). Each lead names
 * its tenant; the sweep fires each escalation on that tenant's scoped client. Leads per rule, not
 * yet escalated by that rule (and period).
 */
export async function dueEscalationLeads(sys: SystemDb, w: EscalationWindows) {
  const prisma = rawClient(sys);
  const unaccepted = {
    ...OPEN_NOT_TEST,
    acceptedAt: null,
    status: { notIn: ["closed", "answered_by_plumber"] },
  } satisfies Prisma.LeadWhereInput;
  const urgent = prisma.lead.findMany({
    select: escalationCandidateSelect,
    where: {
      ...unaccepted,
      OR: [{ urgency: { in: ["emergency", "high"] } }, { temperature: { gte: 90 } }],
      createdAt: { lte: w.urgent.before, gte: w.urgent.since },
      escalations: { none: { rule: "urgent_unaccepted" } },
    },
    orderBy: { createdAt: "asc" },
    take: w.take,
  });
  const standard = prisma.lead.findMany({
    select: escalationCandidateSelect,
    where: {
      ...unaccepted,
      AND: [{ OR: [{ urgency: null }, { urgency: { in: ["normal", "low"] } }] }, { temperature: { lt: 90 } }],
      isEstimate: false,
      source: { not: "manual" },
      createdAt: { lte: w.standard.before, gte: w.standard.since },
      escalations: { none: { rule: "standard_unaccepted" } },
    },
    orderBy: { createdAt: "asc" },
    take: w.take,
  });
  // The idle period is the lastActivityAt instant (epoch ms), so this rule needs NOT EXISTS on it.
  const idleIds = prisma.$queryRaw<{ id: string }[]>`
    SELECT l."id" FROM "Lead" l
    WHERE l."isEstimate" = true AND l."isTest" = false AND l."status" <> 'closed'
      AND l."lastActivityAt" <= ${w.estimateIdle.before.toISOString()}::timestamp
      AND l."lastActivityAt" >= ${w.estimateIdle.since.toISOString()}::timestamp
      AND NOT EXISTS (SELECT 1 FROM "Escalation" e WHERE e."leadId" = l."id" AND e."rule" = 'estimate_idle'
        AND e."period" = ((extract(epoch from l."lastActivityAt") * 1000)::bigint)::text)
    ORDER BY l."lastActivityAt" LIMIT ${w.take}`;
  const endOfDayQueries = w.endOfDay.map(({ timeZone, before, period }) =>
    prisma.lead.findMany({
      select: escalationCandidateSelect,
      where: {
        ...OPEN_NOT_TEST,
        tenant: { timeZone },
        OR: [{ nextAction: null }, { nextAction: "" }],
        createdAt: { lt: before },
        escalations: { none: { rule: "end_of_day", period } },
      },
      orderBy: { createdAt: "asc" },
      take: w.take,
    }),
  );

  const [u, s, ids, ...eods] = await Promise.all([urgent, standard, idleIds, ...endOfDayQueries]);
  const idle = ids.length
    ? await prisma.lead.findMany({
        select: escalationCandidateSelect,
        where: { id: { in: ids.map((r) => r.id) } },
      })
    : [];
  return { urgent: u, standard: s, estimateIdle: idle, endOfDay: eods.flat() };
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
