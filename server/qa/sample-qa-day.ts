// The daily QA sample: up to 10 random AI-handled, non-test calls of the tenant's
// local day, checked by the four criteria, stored as QaReview rows; above 5 % failures the
// tenant moves to the safe prompt profile. One transaction per (tenant, day), serialised on the
// QaDay row, so two workers (or the job and "run now") never sample a day twice.
import { Prisma } from "@/server/db/generated/client";
import { sampledQaDayTenants } from "@/server/db/cross-tenant-sweeps";
import { globalDb, type SystemDb } from "@/server/db/system";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";
import { tenantSql, type TenantSet } from "@/server/db/tenant-sql";
import type { QaVerdict } from "@/server/db/generated/enums";
import { enqueueNotification, type Enqueue } from "@/server/notifications/outbox";
import { parseCallState } from "@/server/voice/state-machine";
import { LAST_STEP } from "@/server/calls/call-steps";
import { checkCall, type QaFinding } from "./check-call";
import { DAILY_SAMPLE_SIZE, dayBounds, exceedsThreshold, failureRate, localDay } from "./qa-day";
import { switchToSafeProfile } from "./prompt-profile";

type Tx = TenantTx;

export type SampleResult = {
  day: string;
  /** The day was already sampled and `topUp` was not asked for: nothing done. */
  alreadySampled: boolean;
  eligible: number;
  sampled: number;
  failed: number;
  rate: number;
  switchedToSafe: boolean;
};

export type SampleOptions = {
  tenantId: string;
  now: Date;
  /** "Run today's sample now": add calls to an already sampled day, up to 10. */
  topUp?: boolean;
  enqueue?: Enqueue;
};

/** AI-handled: the intake started (the stored state left "new"). Finished calls only. */
// Parameters: $1 tenant id, $2 and $3 the UTC window (timestamps are stored as UTC wall time).
const eligibleCalls = (tenants: TenantSet, start: string, until: string) =>
  Prisma.sql`c."tenantId" IN (${tenants}) AND c."isTest" = false AND c."startedAt" >= ${start}::timestamp AND c."startedAt" < ${until}::timestamp AND c.stage = ${LAST_STEP}::"CallStep" AND COALESCE(c.state->>'stage', 'new') <> 'new'`;

export async function sampleQaDay(db: TenantDb, opts: SampleOptions): Promise<SampleResult> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: opts.tenantId },
    select: {
      id: true,
      timeZone: true,
      serviceZips: { select: { zip: true } },
      bookingSlots: { select: { weekday: true, startMinute: true, endMinute: true } },
    },
  });
  const day = localDay(opts.now, tenant.timeZone);
  const existing = await db.qaDay.findUnique({
    where: { tenantId_sampledOn: { tenantId: tenant.id, sampledOn: day } },
  });
  if (existing && !opts.topUp)
    return {
      day,
      alreadySampled: true,
      eligible: existing.eligible,
      sampled: existing.sampled,
      failed: existing.failed,
      rate: failureRate(existing.failed, existing.sampled),
      switchedToSafe: false,
    };

  const { start, end } = dayBounds(day, tenant.timeZone);
  const until = end.getTime() < opts.now.getTime() ? end : opts.now;
  const checkTenant = {
    serviceZips: tenant.serviceZips.map((z) => z.zip),
    bookingSlots: tenant.bookingSlots,
    timeZone: tenant.timeZone,
  };

  const outcome = await db.$transaction(
    async (tx) => {
      const claim = await tx.qaDay.createMany({
        data: [{ tenantId: tenant.id, sampledOn: day, sampledAt: opts.now }],
        skipDuplicates: true,
      });
      if (claim.count === 0 && !opts.topUp) return null;
      // Serialise every writer of this day on its row.
      const sql = tenantSql(tx);
      const [row] = await sql<{ id: string }[]>(
        (tenants) =>
          Prisma.sql`SELECT id FROM "QaDay" WHERE "tenantId" IN (${tenants}) AND "sampledOn" = ${day} FOR UPDATE`,
      );
      const dayId = row!.id;
      const already = await tx.qaReview.count({ where: { tenantId: tenant.id, dayId } });
      const need = Math.max(0, DAILY_SAMPLE_SIZE - already);
      const window = [start.toISOString(), until.toISOString()] as const;
      const picked = need
        ? await sql<{ id: string }[]>(
            (tenants) =>
              Prisma.sql`SELECT c.id FROM "Call" c WHERE ${eligibleCalls(tenants, ...window)} AND NOT EXISTS (SELECT 1 FROM "QaReview" r WHERE r."callId" = c.id) ORDER BY random() LIMIT ${need}`,
          )
        : [];
      const calls = picked.length
        ? await tx.call.findMany({
            where: { tenantId: tenant.id, id: { in: picked.map((p) => p.id) } },
            include: {
              lead: true,
              turns: { orderBy: { seq: "asc" }, select: { speaker: true, text: true } },
            },
          })
        : [];
      const reviews = calls.map((call) => {
        const result = reviewCall(call, checkTenant);
        return {
          tenantId: tenant.id,
          dayId,
          sampledOn: day,
          callId: call.id,
          leadId: call.leadId,
          verdict: result.verdict,
          criteria: result.findings as unknown as Prisma.InputJsonValue,
          createdAt: opts.now,
        };
      });
      if (reviews.length) await tx.qaReview.createMany({ data: reviews, skipDuplicates: true });
      const [{ eligible }] = (await sql<{ eligible: number }[]>(
        (tenants) =>
          Prisma.sql`SELECT count(*)::int AS eligible FROM "Call" c WHERE ${eligibleCalls(tenants, ...window)}`,
      )) as [{ eligible: number }];
      const counts = await recountDay(tx, tenant.id, dayId, { eligible });
      const switched = counts.safeSwitchedAt
        ? null
        : await applyThreshold(tx, { tenantId: tenant.id, dayId, day, ...counts, now: opts.now });
      return { eligible, ...counts, notificationIds: switched };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );

  if (!outcome) {
    const row = await db.qaDay.findUniqueOrThrow({
      where: { tenantId_sampledOn: { tenantId: tenant.id, sampledOn: day } },
    });
    return {
      day,
      alreadySampled: true,
      eligible: row.eligible,
      sampled: row.sampled,
      failed: row.failed,
      rate: failureRate(row.failed, row.sampled),
      switchedToSafe: false,
    };
  }
  for (const id of outcome.notificationIds ?? []) await enqueueNotification(id, opts.enqueue);
  return {
    day,
    alreadySampled: false,
    eligible: outcome.eligible,
    sampled: outcome.sampled,
    failed: outcome.failed,
    rate: failureRate(outcome.failed, outcome.sampled),
    switchedToSafe: !!outcome.notificationIds,
  };
}

type CallWithLead = Prisma.CallGetPayload<{ include: { lead: true } }> & {
  turns: { speaker: string; text: string }[];
};

/** The automated verdict of one call; a state that cannot be read is itself a failure to look at. */
export function reviewCall(
  call: CallWithLead,
  tenant: Parameters<typeof checkCall>[0]["tenant"],
): { verdict: QaVerdict; findings: QaFinding[] } {
  let state;
  try {
    state = parseCallState(call.state, call.promptProfile);
  } catch (err) {
    return {
      verdict: "fail",
      findings: [
        {
          criterion: "missing_required_fields",
          code: "state_unreadable",
          detail: `The stored call state could not be read: ${(err as Error).message}`,
        },
      ],
    };
  }
  return checkCall({ state, lead: call.lead, turns: call.turns, tenant });
}

/** The day's numbers from its reviews, by the effective verdict (the reviewer's override wins). */
export async function recountDay(tx: Tx, tenantId: string, dayId: string, extra: { eligible?: number } = {}) {
  const rows = await tx.qaReview.findMany({
    where: { tenantId, dayId },
    select: { verdict: true, reviewerVerdict: true },
  });
  const failed = rows.filter((r) => (r.reviewerVerdict ?? r.verdict) === "fail").length;
  const day = await tx.qaDay.update({
    where: { id: dayId, tenantId },
    data: {
      sampled: rows.length,
      failed,
      ...(extra.eligible !== undefined ? { eligible: extra.eligible } : {}),
    },
  });
  return { sampled: rows.length, failed, safeSwitchedAt: day.safeSwitchedAt };
}

/** Above 5 %, once per day: switch to safe (if on standard) and mark the day. Returns notification ids. */
export async function applyThreshold(
  tx: Tx,
  input: { tenantId: string; dayId: string; day: string; failed: number; sampled: number; now: Date },
): Promise<string[] | null> {
  if (!exceedsThreshold(input.failed, input.sampled)) return null;
  const ids = await switchToSafeProfile(tx, input);
  if (ids)
    await tx.qaDay.update({
      where: { id: input.dayId, tenantId: input.tenantId },
      data: { safeSwitchedAt: input.now },
    });
  return ids;
}

/** Tenants whose local day is past the sampling hour and not yet sampled (the hourly job's list). */
export async function tenantsDueForQa(
  sys: SystemDb,
  now: Date,
  isDue: (now: Date, timeZone: string) => boolean,
): Promise<string[]> {
  const tenants = await globalDb(sys).tenant.findMany({
    where: { paused: false, detachedAt: null },
    select: { id: true, timeZone: true },
  });
  const due = tenants.filter((t) => isDue(now, t.timeZone));
  if (!due.length) return [];
  const doneIds = new Set(
    await sampledQaDayTenants(
      sys,
      due.map((t) => ({ tenantId: t.id, sampledOn: localDay(now, t.timeZone) })),
    ),
  );
  return due.filter((t) => !doneIds.has(t.id)).map((t) => t.id);
}
