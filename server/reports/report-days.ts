// The report's closed days, rolled up (ADR 0005): a business's lead figures of a local day that has
// ended are counted once, by the report's own SQL (report-sql.ts: the same per-lead facts and
// partial figures a live report sums), and stored per source and owner in ReportDay /
// ReportDayGroup, so a month's report reads ~30 days of groups plus today's leads.
//
// Exact, never stale:
// - Triggers (migration `report_days`) delete a day's row whenever anything its figures read is
//   written: one of its leads (booked, won, closed as spam, reassigned, deleted…), their events and
//   texts, the consent of their numbers, or the business's time zone. A figure that depends on a
//   lead's current state is therefore counted on the day the lead came in, as now, and that day is
//   counted again after the change.
// - A day without a row that holds (none yet, changed since, another zone, other definitions) is
//   counted live by the report, in the same statement as the rolled-up days.
// - Every such write takes the business's report-days lock in shared mode until it commits; the
//   roll-up takes it exclusively without waiting and rolls nothing up when a write is under way, so
//   it never stores a day counted before a write that commits after it.
// - Only days that have been over for an hour are rolled up (ROLLUP_WAIT, by the node clock to pick
//   them, and by the database clock in the statement that stores them): today changes with every
//   call, and a write to a lead that came in during the last half hour takes no lock and forgets
//   nothing (migration `report_days_recent_leads_unlocked`) — the call path's writes are all such.
import { Prisma } from "@/server/db/generated/client";
import type { TenantDb } from "@/server/db/tenant-scope";
import { tenantSql } from "@/server/db/tenant-sql";
import {
  daysSql,
  leadFactsSql,
  PARTIAL_COLUMNS,
  partialFiguresSql,
  periodDays,
  rolledUpDay,
  ROLLUP_DEFINITIONS,
  type PeriodDay,
  type TenantPeriod,
} from "./report-sql";

/**
 * Rolls up the business's days of these periods that have ended by `now` and have no row that
 * holds. Returns how many days it rolled up: all that were missing, or fewer when a write to the
 * business was under way (the days left are counted live this time and rolled up by a later report).
 */
export async function rollUpClosedDays(
  db: TenantDb,
  periods: readonly TenantPeriod[],
  now: Date,
): Promise<number> {
  const closed = [...new Map(periodDays(periods).map((d) => [`${d.tenantId}:${d.day}`, d])).values()].filter(
    (d) => d.end.getTime() <= now.getTime() - ROLLUP_WAIT_MS,
  );
  if (!closed.length) return 0;
  const missing = new Set(
    (
      await tenantSql(db)<{ day: string }[]>(
        (tenants) => Prisma.sql`
        WITH d AS (${daysSql(closed, tenants)})
        SELECT d.day FROM d WHERE NOT EXISTS (
          SELECT 1 FROM "ReportDay" rd WHERE rd."tenantId" = d.tenant_id AND rd.day = d.day AND ${rolledUpDay("rd", "d")})`,
      )
    ).map((r) => r.day),
  );
  const days = closed.filter((d) => missing.has(d.day));
  let rolled = 0;
  // A week per transaction: the lock keeps the business's writes waiting while a week is counted,
  // not while a year is.
  for (let i = 0; i < days.length; i += DAYS_PER_TRANSACTION) {
    const done = await rollUpDays(db, days.slice(i, i + DAYS_PER_TRANSACTION));
    if (done === null) break;
    rolled += done;
  }
  return rolled;
}

const DAYS_PER_TRANSACTION = 7;

/**
 * How long a day has been over before it is rolled up. Writes to leads that came in during the
 * last half hour skip the report-days lock (the database's `report_days_forget`), so a roll-up must
 * never store a day that such a write could still change: an hour leaves half an hour of margin.
 */
export const ROLLUP_WAIT_MS = 60 * 60_000;

/** Rolls up these days of the business in one transaction; null when a write to it is under way. */
function rollUpDays(db: TenantDb, days: readonly PeriodDay[]): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const sql = tenantSql(tx);
    const [lock] = await sql<{ locked: boolean }[]>(
      (tenants) => Prisma.sql`
      SELECT COALESCE(bool_and(pg_try_advisory_xact_lock(report_days_lock_key(t.id))), false) AS locked
      FROM "Tenant" t WHERE t.id IN (${tenants})`,
    );
    if (!lock?.locked) return null;
    // From here on no write to the business is under way, and each statement sees every one that committed.
    await sql(
      (tenants) => Prisma.sql`
      DELETE FROM "ReportDay" WHERE "tenantId" IN (${tenants}) AND day = ANY(${days.map((d) => d.day)}::text[])`,
    );
    const [done] = await sql<{ days: number }[]>(
      (tenants) => Prisma.sql`
      WITH s AS (${daysSql(days, tenants)}),
      ${leadFactsSql({ ownerId: null })},
      rd AS (
        INSERT INTO "ReportDay" ("tenantId", day, "timeZone", "startAt", "endAt", definitions)
        SELECT s.tenant_id, s.day, s.time_zone, s.start_at, s.end_at, ${ROLLUP_DEFINITIONS} FROM s
        -- Over for an hour by the database's clock too, the clock the writes' triggers read.
        WHERE s.end_at <= (now() AT TIME ZONE 'UTC') - interval '1 hour'
        RETURNING id, "tenantId", day
      ),
      g AS (
        INSERT INTO "ReportDayGroup" ("dayId", "tenantId", source, "ownerId", ${PARTIAL_COLUMNS})
        SELECT rd.id, k."tenantId", k.source::"LeadSource", k."ownerId", ${partialFiguresSql}
        FROM k JOIN rd ON rd."tenantId" = k."tenantId" AND rd.day = k.day
        GROUP BY rd.id, k."tenantId", k.source, k."ownerId"
      )
      -- A data-modifying WITH always runs to completion: the groups are written.
      SELECT count(*)::int AS days FROM rd`,
    );
    return done?.days ?? 0;
  });
}
