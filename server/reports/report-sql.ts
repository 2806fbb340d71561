// The reports' SQL: the counting happens in the database (aggregates, nearest-rank percentiles,
// local-day buckets), and compute-report.ts turns the aggregated rows into figures. The lead figures
// of closed days are read from their roll-up (report-days.ts), counted by this file's own per-lead
// facts and partial figures; the other days are counted live by the same SQL. Raw SQL is not
// scoped by the tenant client, so every statement runs through a SqlRunner (server/db/tenant-sql.ts)
// that hands it the tenants it may read, bound, and filters every table by them. ADR 0005.
import { createHash } from "node:crypto";
import { Prisma } from "@/server/db/generated/client";
import type { SqlRunner, TenantSet } from "@/server/db/tenant-sql";
import { LeadStatus, Urgency } from "@/server/db/generated/enums";
import { ESCALATION_MINUTES, isUrgent } from "@/server/leads/escalation-rules";
import { HANDOFF_QUESTIONS } from "./handoff-questions";
import { CALL_OUTCOMES, SPEED_BUCKETS, type CallOutcomeBucket } from "./report-schema";
import { dayStartsOf, daysOf } from "./period";
import {
  automaticText,
  countedLead,
  customerLead,
  EVENT_FACT_TYPES,
  eventFactColumns,
  isKeyword,
  leadSetFilter,
  sentText,
} from "./definitions-sql";
import type { LeadSetKey } from "./definitions";
import type {
  CallCount,
  HandoffAnswerCount,
  LeadTotals,
  LeakCounts,
  ScriptStepCount,
} from "./compute-report";

/**
 * What runs the SQL: `tenantSql(ctx.db)` (a business's report) or the agency's handle
 * (`forAgency(sys, agencyId).sql`, the roll-up). Either binds the tenants a statement may read; the
 * periods relation keeps only those, and every table is joined on it (or filtered by them).
 */
export type SqlClient = SqlRunner;

/** One business's period: its tenant id and the instants and local days it covers. */
export type TenantPeriod = {
  tenantId: string;
  timeZone: string;
  start: Date;
  end: Date;
  firstDay: string;
  lastDay: string;
};

/** Staff see their own leads' numbers: ownerId narrows every lead and call to that owner's leads. */
export type Scope = { ownerId: string | null };

const HUMAN_TOUCH = [
  "touchpoint.called_back",
  "touchpoint.left_voicemail",
  "touchpoint.texted",
  "sms.sent_by_staff",
];
const EVENT_TYPES = [...new Set([...HUMAN_TOUCH, "lead.routed", ...EVENT_FACT_TYPES])];

// An open lead is one that is not closed. Written as the list of the other statuses, the statement
// reads the open leads by the (tenantId, status) index instead of every lead of the business (a
// parallel scan of all of them cost the owner's report ~5× more).
// The statuses are the schema's own enum values, written as literals (bound, the estimate is poorer
// and PostgreSQL plans a parallel scan that costs more than it saves).
const OPEN_STATUSES = Prisma.raw(
  Object.values(LeadStatus)
    .filter((s) => s !== LeadStatus.closed)
    .map((s) => `'${s}'`)
    .join(", "),
);

// The SOP's urgency rule lives in isUrgent(); its urgent set and temperature threshold are read off it.
const URGENT_URGENCIES = Object.values(Urgency).filter((u) => isUrgent({ urgency: u, temperature: 0 }));
const URGENT_TEMPERATURE =
  Array.from({ length: 101 }, (_, t) => t).find((t) => isUrgent({ urgency: null, temperature: t })) ?? 101;

/** Timestamps are stored as UTC without a zone; bound as text so arrays of them travel on every driver. */
const ts = (d: Date) => d.toISOString().replace("Z", "");

/** The periods as a relation p(tenant_id, time_zone, start_at, end_at, first_day, last_day). */
function periodsSql(periods: readonly TenantPeriod[], tenants: TenantSet): Prisma.Sql {
  return Prisma.sql`SELECT * FROM unnest(
    ${periods.map((p) => p.tenantId)}::text[], ${periods.map((p) => p.timeZone)}::text[],
    ${periods.map((p) => ts(p.start))}::timestamp(3)[], ${periods.map((p) => ts(p.end))}::timestamp(3)[],
    ${periods.map((p) => p.firstDay)}::text[], ${periods.map((p) => p.lastDay)}::text[]
  ) AS p(tenant_id, time_zone, start_at, end_at, first_day, last_day) WHERE p.tenant_id IN (${tenants})`;
}

/**
 * One local day of a business's period: what the lead figures are counted and rolled up by
 * (report-days.ts). `periodEnd` is the end of the period it is counted for: an opt-out counts
 * when it came by then.
 */
export type PeriodDay = {
  tenantId: string;
  timeZone: string;
  day: string;
  start: Date;
  end: Date;
  periodEnd: Date;
};

// Local midnights are slow to work out (Intl, ~1 ms a month): each zone's days of a range are
// worked out once per process (a few hundred ranges at most: this week, this month, the ones before).
const zoneDays = new Map<string, { day: string; start: Date; end: Date }[]>();

/** Every local day of the periods, with the instants it covers (period.ts: a DST day is 23 or 25 hours). */
export function periodDays(periods: readonly TenantPeriod[]): PeriodDay[] {
  return periods.flatMap((p) => {
    const key = `${p.timeZone}:${p.firstDay}:${p.lastDay}`;
    let days = zoneDays.get(key);
    if (!days) {
      const starts = dayStartsOf(p, p.timeZone);
      days = daysOf(p).map((day, i) => ({ day, start: starts[i]!, end: starts[i + 1] ?? p.end }));
      if (zoneDays.size >= 1000) zoneDays.clear();
      zoneDays.set(key, days);
    }
    return days.map((d) => ({ tenantId: p.tenantId, timeZone: p.timeZone, ...d, periodEnd: p.end }));
  });
}

/** The days as a relation d(tenant_id, time_zone, day, start_at, end_at, period_end), of the bound tenants only. */
export function daysSql(days: readonly PeriodDay[], tenants: TenantSet): Prisma.Sql {
  return Prisma.sql`SELECT * FROM unnest(
    ${days.map((d) => d.tenantId)}::text[], ${days.map((d) => d.timeZone)}::text[], ${days.map((d) => d.day)}::text[],
    ${days.map((d) => ts(d.start))}::timestamp(3)[], ${days.map((d) => ts(d.end))}::timestamp(3)[],
    ${days.map((d) => ts(d.periodEnd))}::timestamp(3)[]
  ) AS d(tenant_id, time_zone, day, start_at, end_at, period_end) WHERE d.tenant_id IN (${tenants})`;
}

/**
 * The rolled-up days of the periods that hold for them (rolledUpDay) as rolled(tenant_id, day,
 * start_at, end_at, period_end, id). The days' instants come from period.ts, bound once per time
 * zone among the periods (an agency's 1,000 businesses share a few zones).
 */
function rolledDaysSql(periods: readonly TenantPeriod[]): Prisma.Sql {
  // One business per zone and range is enough: the days are the same for all of them.
  const ranges = [...new Map(periods.map((p) => [`${p.timeZone}:${p.firstDay}:${p.lastDay}`, p])).values()];
  const zoneDays = [...new Map(periodDays(ranges).map((d) => [`${d.timeZone}:${d.day}`, d])).values()];
  return Prisma.sql`
    SELECT p.tenant_id, zd.day, zd.start_at, zd.end_at, p.end_at AS period_end, rd.id
    FROM p
    JOIN "ReportDay" rd ON rd."tenantId" = p.tenant_id AND rd.day BETWEEN p.first_day AND p.last_day
    JOIN unnest(${zoneDays.map((d) => d.timeZone)}::text[], ${zoneDays.map((d) => d.day)}::text[],
      ${zoneDays.map((d) => ts(d.start))}::timestamp(3)[], ${zoneDays.map((d) => ts(d.end))}::timestamp(3)[]
    ) AS zd(time_zone, day, start_at, end_at) ON zd.time_zone = p.time_zone AND zd.day = rd.day
    WHERE ${rolledUpDay("rd", "zd")}`;
}

const ownerOf = (alias: string, scope: Scope) =>
  scope.ownerId ? Prisma.sql`AND ${Prisma.raw(alias)}."ownerId" = ${scope.ownerId}` : Prisma.empty;

/** Milliseconds from a to b (timestamps with millisecond precision: exact). */
const ms = (b: Prisma.Sql, a: Prisma.Sql) => Prisma.sql`(EXTRACT(EPOCH FROM (${b} - ${a})) * 1000)::float8`;

/**
 * One row `k` per lead that came in within the ranges of the relation `s` (tenant_id, day,
 * start_at, end_at, period_end: a day to roll up, or a run of days counted live; test calls left
 * out) with the facts the figures read (definitions.ts): customer or not, its timeline facts
 * (from a call, answered by the plumber or the AI, link clicked), first human touch and routing in
 * one look-up of its events, its first automatic text, text-back and reply in one look-up of its
 * texts, when its number first opted out after it came in, and speed to lead / acceptance time in
 * ms. CTE definitions, to follow `WITH s AS (…),`. Every fact is the lead's own, so a day counts
 * the same alone (a roll-up) or with others (a live report).
 */
export function leadFactsSql(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    l AS (
      SELECT l.id, l."tenantId", l."ownerId", l.source::text AS source, l.status::text AS status, l."createdAt", l."acceptedAt", l."appointmentAt",
        l."visitOutcome"::text AS "visitOutcome", l."jobOutcome"::text AS "jobOutcome", l."jobValueCents", l.temperature, l."callerPhone",
        s.day, s.period_end, ${customerLead("l")} AS customer
      FROM s JOIN "Lead" l ON l."tenantId" = s.tenant_id AND l."createdAt" >= s.start_at AND l."createdAt" < s.end_at
      WHERE ${countedLead("l")} ${ownerOf("l", scope)}
    ),
    f AS (
      SELECT l.*, ev.*,
        m.first_text, COALESCE(m.texted_back, false) AS texted_back,
        -- A reply: a text from the caller (not STOP/START/HELP) at or after the first automatic text.
        COALESCE(m.last_reply >= m.first_text, false) AS replied,
        CASE WHEN m.first_text IS NOT NULL THEN (
          SELECT min(c.at) FROM "ConsentRecord" c WHERE c."tenantId" = l."tenantId" AND c.phone = l."callerPhone" AND c."optedOut"
            AND c.at >= l."createdAt") END AS opted_out_at
      FROM l
      LEFT JOIN LATERAL (
        SELECT min(e."createdAt") FILTER (WHERE e.type = ANY(${HUMAN_TOUCH}::text[])) AS touch_at,
          min(e."createdAt") FILTER (WHERE e.type = 'lead.routed') AS routed_at,
          ${eventFactColumns("e")}
        FROM "LeadEvent" e WHERE e."leadId" = l.id AND e."tenantId" = l."tenantId" AND e.type = ANY(${EVENT_TYPES}::text[])
      ) ev ON true
      LEFT JOIN LATERAL (
        SELECT min(x."sentAt") FILTER (WHERE ${sentText("x")} AND ${automaticText("x")}) AS first_text,
          bool_or(${sentText("x")} AND ${automaticText("x")} AND x.purpose = 'text_back') AS texted_back,
          max(x."createdAt") FILTER (WHERE x.direction = 'inbound' AND NOT ${isKeyword(Prisma.sql`x.body`)}) AS last_reply
        FROM "Message" x WHERE x."tenantId" = l."tenantId" AND x."leadId" = l.id
      ) m ON true
    ),
    k AS (
      SELECT f.*,
        CASE WHEN f.status = 'answered_by_plumber' THEN 0::float8
             WHEN f.touch_at IS NOT NULL THEN GREATEST(0, ${ms(Prisma.sql`f.touch_at`, Prisma.sql`f."createdAt"`)}) END AS speed_ms,
        CASE WHEN f."acceptedAt" IS NOT NULL THEN GREATEST(0, ${ms(Prisma.sql`f."acceptedAt"`, Prisma.sql`COALESCE(f.routed_at, f."createdAt")`)}) END AS accept_ms,
        ${CALL_OUTCOME} AS call_outcome,
        ${Prisma.join(
          COUNTED_SETS.map((set) => Prisma.sql`${leadSetFilter(set, "f")} AS ${Prisma.raw(`"in_${set}"`)}`),
          ", ",
        )}
      -- OFFSET 0 keeps k a subquery: each lead's facts are worked out once, not once per figure that reads them.
      FROM f OFFSET 0
    )`;
}

/**
 * How a call ended up, one of CALL_OUTCOMES: the plumber took it on the ring-first whisper
 * (answered); else the AI answered a customer and a visit is booked (booked), or not (rescued);
 * else missed. NULL for a lead that did not come in by a call.
 */
const CALL_OUTCOME = Prisma.sql`CASE
  WHEN NOT ${leadSetFilter("calls", "f")} THEN NULL
  WHEN ${leadSetFilter("answeredByPlumber", "f")} THEN 'answered'
  WHEN ${leadSetFilter("aiRescuedCalls", "f")} AND f."appointmentAt" IS NOT NULL THEN 'booked'
  WHEN ${leadSetFilter("aiRescuedCalls", "f")} THEN 'rescued'
  ELSE 'missed' END`;

const customerOnly = Prisma.sql`k.customer`;

/** The lead sets the report counts (definitions.ts). */
const COUNTED_SETS = [
  "leads",
  "booked",
  "showed",
  "noShow",
  "won",
  "lost",
  "textedLeads",
  "textBacksSent",
  "replies",
  "bookingsAfterTextBack",
  "linkClicks",
] as const satisfies readonly LeadSetKey[];

/** A call outcome's column among the partial figures (ReportDayGroup): callsAnswered, callsBooked, … */
const callsColumn = (o: CallOutcomeBucket) => `calls${o[0]!.toUpperCase()}${o.slice(1)}`;

/**
 * What a group of leads adds up to (one day's leads of one source and owner, in a roll-up; the
 * live days' leads, in a report): the columns of ReportDayGroup, as aggregates over `k`. Counts add
 * up across groups; the speeds, acceptance times and opt-out instants are kept as values, because a
 * percentile is not a sum and an opt-out counts by the end of whichever period reads the day.
 * Rates, percentiles and temperatures are over customers (the Leads figure).
 */
const PARTIALS: [string, Prisma.Sql][] = (() => {
  // Each lead's membership of every lead set is worked out once per lead (k."in_<set>").
  const set = (s: (typeof COUNTED_SETS)[number]) =>
    Prisma.sql`count(*) FILTER (WHERE k.${Prisma.raw(`"in_${s}"`)})::int`;
  const values = (col: string, type: string) =>
    Prisma.sql`COALESCE(array_agg(k.${Prisma.raw(col)}) FILTER (WHERE ${customerOnly} AND k.${Prisma.raw(col)} IS NOT NULL), ${Prisma.raw(`'{}'::${type}[]`)})`;
  return [
    ...CALL_OUTCOMES.map((o): [string, Prisma.Sql] => [
      callsColumn(o),
      Prisma.sql`count(*) FILTER (WHERE k.call_outcome = ${o})::int`,
    ]),
    ["leads", set("leads")],
    ["booked", set("booked")],
    ["showed", set("showed")],
    ["noShow", set("noShow")],
    ["won", set("won")],
    ["lost", set("lost")],
    ["wonValueCents", Prisma.sql`COALESCE(sum(k."jobValueCents") FILTER (WHERE k."in_won"), 0)::float8`],
    ["textedLeads", set("textedLeads")],
    ["repliedLeads", Prisma.sql`count(*) FILTER (WHERE ${customerOnly} AND k.replied)::int`],
    ["textedBackLeads", set("textBacksSent")],
    ["repliesAfterTextBack", set("replies")],
    ["bookingsAfterTextBack", set("bookingsAfterTextBack")],
    ["linkClicks", set("linkClicks")],
    ["temperatureSum", Prisma.sql`COALESCE(sum(k.temperature) FILTER (WHERE ${customerOnly}), 0)::float8`],
    ["speedMs", values("speed_ms", "float8")],
    ["acceptMs", values("accept_ms", "float8")],
    ["optedOutAt", values("opted_out_at", "timestamp(3)")],
  ];
})();

const col = (name: string) => Prisma.raw(`"${name}"`);
/** The partial figures' column names, for an INSERT's or a UNION's column list. */
export const PARTIAL_COLUMNS = Prisma.join(
  PARTIALS.map(([name]) => col(name)),
  ", ",
);
/** The partial figures as aggregates over `k`, named as ReportDayGroup's columns. */
export const partialFiguresSql = Prisma.join(
  PARTIALS.map(([name, e]) => Prisma.sql`${e} AS ${col(name)}`),
  ", ",
);

/**
 * A fingerprint of the SQL that counts a day (the per-lead facts and the partial figures, with
 * every definition bound into them): a rolled-up day stores it, and a day counted by other
 * definitions is never read, so changing what a figure means can never show an old number.
 */
export const ROLLUP_DEFINITIONS = (() => {
  const facts = leadFactsSql({ ownerId: null });
  return createHash("sha256")
    .update(JSON.stringify([facts.sql, facts.values, partialFiguresSql.sql, partialFiguresSql.values]))
    .digest("hex")
    .slice(0, 16);
})();

/** A rolled-up day `rd` that holds for the day `d` (time_zone, start_at, end_at): same zone, same instants, same definitions. */
export const rolledUpDay = (rd: string, d: string) => {
  const [R, D] = [Prisma.raw(rd), Prisma.raw(d)];
  return Prisma.sql`${R}."timeZone" = ${D}.time_zone AND ${R}."startAt" = ${D}.start_at AND ${R}."endAt" = ${D}.end_at
    AND ${R}.definitions = ${ROLLUP_DEFINITIONS}`;
};

type LeadTotalsRow = Omit<LeadTotals, "speedBuckets"> & {
  key: string | null;
  nokey: number;
  days?: string[] | null;
} & Record<`b${number}` | `c_${CallOutcomeBucket}`, number> &
  Partial<Record<`d_${CallOutcomeBucket}`, number[] | null>>;

/**
 * The figures of each period, grouped by `by` (lead source, or business) with a totals row over
 * all of them (GROUPING SETS), so a total percentile or rate is the pooled one; `byDay` adds the
 * calls by outcome per local day of the business (the daily chart). The days come from their
 * rolled-up groups (report-days.ts) where a day has one that holds, and are counted live otherwise
 * (today, a day changed since, a day not rolled up yet) — one snapshot, so the two never overlap
 * or miss a lead. Live days are summed into the same partial figures a roll-up stores, and the
 * totals are worked out from those: counts added, percentiles (nearest rank) over the values,
 * opt-outs by each period's end.
 */
export function leadTotalsSql(
  periods: readonly TenantPeriod[],
  scope: Scope,
  by: "source" | "tenant" | "none",
  tenants: TenantSet,
  byDay = false,
): Prisma.Sql {
  const key = Prisma.raw(by === "source" ? "p.source" : by === "tenant" ? "p.tenant_id" : "NULL::text");
  // Live leads are grouped as finely as the answer needs: by local day only for the chart (one
  // period), each lead's day its index among the period's local midnights (width_bucket).
  const days = byDay && periods.length === 1 ? periodDays(periods) : null;
  const liveDay = days
    ? Prisma.sql`(${days.map((d) => d.day)}::text[])[width_bucket(k."createdAt", ${days.map((d) => ts(d.start))}::timestamp(3)[])]`
    : Prisma.sql`NULL::text`;
  const first = Prisma.sql`COALESCE(u.n, 1) = 1`;
  const total = (name: string, type: "int" | "float8") =>
    Prisma.sql`COALESCE(sum(p.${col(name)}) FILTER (WHERE ${first}), 0)::${Prisma.raw(type)}`;
  const calls = CALL_OUTCOMES.map((o): [string, Prisma.Sql] => [`c_${o}`, total(callsColumn(o), "int")]);
  const buckets = SPEED_BUCKETS.map((b, i): [string, Prisma.Sql] => {
    // No human touch yet: the customers without a speed.
    if (b.maxMinutes === null) return [`b${i}`, Prisma.sql`(${total("leads", "int")} - count(u.speed))::int`];
    const lower = i === 0 ? null : SPEED_BUCKETS[i - 1]!.maxMinutes;
    const conds: Prisma.Sql[] = [Prisma.sql`u.speed IS NOT NULL`];
    if (lower != null && Number.isFinite(lower)) conds.push(Prisma.sql`u.speed >= ${lower * 60_000}`);
    if (Number.isFinite(b.maxMinutes)) conds.push(Prisma.sql`u.speed < ${b.maxMinutes * 60_000}`);
    return [`b${i}`, Prisma.sql`count(*) FILTER (WHERE ${Prisma.join(conds, " AND ")})::int`];
  });
  const figures: [string, Prisma.Sql][] = [
    ...calls,
    ...(
      [
        ["leads", "int"],
        ["booked", "int"],
        ["showed", "int"],
        ["noShow", "int"],
        ["won", "int"],
        ["lost", "int"],
        ["wonValueCents", "float8"],
        ["textedLeads", "int"],
        ["repliedLeads", "int"],
        ["textedBackLeads", "int"],
        ["repliesAfterTextBack", "int"],
        ["bookingsAfterTextBack", "int"],
        ["linkClicks", "int"],
        ["temperatureSum", "float8"],
      ] as const
    ).map(([name, type]): [string, Prisma.Sql] => [name, total(name, type)]),
    ["optedOutLeads", Prisma.sql`count(*) FILTER (WHERE u.opt < p.period_end)::int`],
    ...(
      [
        ["speedP50Ms", 0.5, "speed"],
        ["speedP90Ms", 0.9, "speed"],
        ["acceptP50Ms", 0.5, "accept"],
        ["acceptP90Ms", 0.9, "accept"],
      ] as const
    ).map(([name, q, v]): [string, Prisma.Sql] => [
      name,
      Prisma.sql`percentile_disc(${Prisma.raw(String(q))}) WITHIN GROUP (ORDER BY u.${Prisma.raw(v)})`,
    ]),
    ...buckets,
    // The calls per local day (the daily chart): each group's day and its calls by outcome.
    ...(days
      ? [
          ["days", Prisma.sql`array_agg(p.day) FILTER (WHERE ${first})`] as [string, Prisma.Sql],
          ...CALL_OUTCOMES.map((o): [string, Prisma.Sql] => [
            `d_${o}`,
            Prisma.sql`array_agg(p.${col(callsColumn(o))}) FILTER (WHERE ${first})`,
          ]),
        ]
      : []),
  ];
  const named = Prisma.join(
    figures.map(([n, e]) => Prisma.sql`${e} AS ${col(n)}`),
    ", ",
  );
  return Prisma.sql`
    WITH p AS (${periodsSql(periods, tenants)}),
    r AS (${rolledDaysSql(periods)}),
    -- The rest of each period is counted live: the gap before each rolled-up day (after the one
    -- before it, or from the period's start) and before the period's end.
    s AS (
      SELECT g.tenant_id, g.period_end, NULL::text AS day, g.start_at, g.end_at
      FROM (
        SELECT p.tenant_id, p.end_at AS period_end, e.start_at AS end_at,
          COALESCE(lag(e.end_at) OVER (PARTITION BY p.tenant_id ORDER BY e.start_at), p.start_at) AS start_at
        FROM p JOIN (
          SELECT r.tenant_id, r.start_at, r.end_at FROM r
          UNION ALL
          SELECT p.tenant_id, p.end_at, p.end_at FROM p
        ) e ON e.tenant_id = p.tenant_id
      ) g
      WHERE g.start_at < g.end_at
    ),
    ${leadFactsSql(scope)},
    parts AS (
      SELECT k."tenantId" AS tenant_id, ${liveDay} AS day, k.period_end, k.source, ${partialFiguresSql}
      FROM k GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT r.tenant_id, r.day, r.period_end, g.source::text, ${Prisma.join(
        PARTIALS.map(([name]) => Prisma.sql`g.${col(name)}`),
        ", ",
      )}
      FROM r JOIN "ReportDayGroup" g ON g."dayId" = r.id AND g."tenantId" = r.tenant_id
      ${scope.ownerId ? Prisma.sql`WHERE g."ownerId" = ${scope.ownerId}` : Prisma.empty}
    )
    SELECT ${key} AS key, ${by === "none" ? Prisma.sql`1` : Prisma.sql`GROUPING(${key})::int`} AS nokey, ${named}
    FROM parts p
    -- Each group's values side by side (one row per value, at least one row per group): the
    -- counts are added from each group's first row, the percentiles and opt-outs read every value.
    LEFT JOIN LATERAL unnest(p."speedMs", p."acceptMs", p."optedOutAt") WITH ORDINALITY AS u(speed, accept, opt, n) ON true
    ${by === "none" ? Prisma.empty : Prisma.sql`GROUP BY GROUPING SETS ((${key}), ())`}`;
}

export type GroupTotals = LeadTotals & { key: string | null; calls: CallCount[] };

/**
 * The lead totals per group (key) and pooled (key null), each with its calls by outcome; with
 * byDay, `daily` holds the calls by outcome per local day.
 */
export async function leadTotals(
  db: SqlClient,
  periods: readonly TenantPeriod[],
  scope: Scope,
  by: "source" | "tenant" | "none",
  byDay = false,
): Promise<{ groups: GroupTotals[]; daily: CallCount[] }> {
  if (!periods.length) return { groups: [], daily: [] };
  const rows = await db<LeadTotalsRow[]>((tenants) => leadTotalsSql(periods, scope, by, tenants, byDay));
  const callsOf = (r: LeadTotalsRow, day: string | null): CallCount[] =>
    CALL_OUTCOMES.map((outcome) => ({ day, outcome, count: Number(r[`c_${outcome}`] ?? 0) })).filter(
      (c) => c.count > 0,
    );
  const groups = rows.map((r) => {
    const speedBuckets = SPEED_BUCKETS.map((_, i) => Number(r[`b${i}`] ?? 0));
    return {
      key: r.nokey ? null : r.key,
      calls: callsOf(r, null),
      leads: r.leads,
      booked: r.booked,
      showed: r.showed,
      noShow: r.noShow,
      won: r.won,
      lost: r.lost,
      wonValueCents: Number(r.wonValueCents),
      textedLeads: r.textedLeads,
      repliedLeads: r.repliedLeads,
      optedOutLeads: r.optedOutLeads,
      textedBackLeads: r.textedBackLeads,
      repliesAfterTextBack: r.repliesAfterTextBack,
      bookingsAfterTextBack: r.bookingsAfterTextBack,
      linkClicks: r.linkClicks,
      temperatureSum: Number(r.temperatureSum),
      speedP50Ms: r.speedP50Ms == null ? null : Number(r.speedP50Ms),
      speedP90Ms: r.speedP90Ms == null ? null : Number(r.speedP90Ms),
      acceptP50Ms: r.acceptP50Ms == null ? null : Number(r.acceptP50Ms),
      acceptP90Ms: r.acceptP90Ms == null ? null : Number(r.acceptP90Ms),
      speedBuckets,
    };
  });
  const total = rows.find((r) => r.nokey);
  const perDay = new Map<string, CallCount>();
  (total?.days ?? []).forEach((day, i) => {
    for (const outcome of CALL_OUTCOMES) {
      const count = Number(total?.[`d_${outcome}`]?.[i] ?? 0);
      if (!count) continue;
      const c = perDay.get(`${day}:${outcome}`) ?? { day, outcome, count: 0 };
      c.count += count;
      perDay.set(`${day}:${outcome}`, c);
    }
  });
  return { groups, daily: [...perDay.values()] };
}

/** A call's stage and outcome as the call flow stores them in its state (old rows may lack them). */
const STAGE = Prisma.sql`CASE WHEN jsonb_typeof(c.state -> 'stage') = 'string' THEN c.state ->> 'stage' ELSE 'new' END`;
const OUTCOME = Prisma.sql`CASE WHEN jsonb_typeof(c.state -> 'outcome') = 'string' THEN c.state ->> 'outcome' END`;

/** The periods' calls of real callers (staff: calls of their own leads). */
function callsSql(scope: Scope): Prisma.Sql {
  return Prisma.sql`FROM p JOIN "Call" c ON c."tenantId" = p.tenant_id AND c."startedAt" >= p.start_at AND c."startedAt" < p.end_at
    ${scope.ownerId ? Prisma.sql`JOIN "Lead" ol ON ol.id = c."leadId" AND ol."tenantId" = c."tenantId" AND ol."ownerId" = ${scope.ownerId}` : Prisma.empty}
    WHERE c."isTest" = false`;
}

/** Where callers hung up on the AI (the step, when the call ended without an outcome), and the steps where the agent asked the same question twice in a row. */
export function scriptStepCountsSql(period: TenantPeriod, scope: Scope, tenants: TenantSet): Prisma.Sql {
  return Prisma.sql`
    WITH p AS (${periodsSql([period], tenants)}),
    c AS (
      SELECT c.id, c.state, c."endedAt", ${STAGE} AS stage, ${OUTCOME} AS outcome
      ${callsSql(scope)} AND c."plumberAcceptedAt" IS NULL
    ),
    turns AS (
      SELECT t.value ->> 'stage' AS stage, lag(t.value ->> 'stage') OVER (PARTITION BY c.id ORDER BY t.ord) AS previous
      FROM c CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(c.state -> 'transcript') = 'array' THEN c.state -> 'transcript' ELSE '[]'::jsonb END) WITH ORDINALITY AS t(value, ord)
      WHERE c.stage <> 'new' AND jsonb_typeof(t.value -> 'stage') = 'string' AND t.value ->> 'speaker' = 'agent'
    )
    SELECT 'hung_up' AS kind, c.stage AS key, count(*)::int AS count FROM c
      WHERE c.stage NOT IN ('new', 'ended') AND c."endedAt" IS NOT NULL AND COALESCE(c.outcome, '') = '' GROUP BY c.stage
    UNION ALL
    SELECT 're_asked', turns.stage, count(*)::int FROM turns
      WHERE turns.stage = turns.previous AND turns.stage NOT IN ('new', 'ended') GROUP BY turns.stage`;
}

export async function scriptStepCounts(
  db: SqlClient,
  period: TenantPeriod,
  scope: Scope,
): Promise<ScriptStepCount[]> {
  return db<ScriptStepCount[]>((tenants) => scriptStepCountsSql(period, scope, tenants));
}

/** Weekly handoff QA answers of the weeks that start in each period: answered questions and "no"s, per business. */
export async function handoffAnswerCounts(
  db: SqlClient,
  periods: readonly TenantPeriod[],
): Promise<(HandoffAnswerCount & { tenantId: string })[]> {
  if (!periods.length) return [];
  const answered = Prisma.join(
    HANDOFF_QUESTIONS.map((q) => Prisma.sql`(h.${Prisma.raw(`"${q.key}"`)} IS NOT NULL)::int`),
    " + ",
  );
  const no = Prisma.join(
    HANDOFF_QUESTIONS.map((q) => Prisma.sql`(h.${Prisma.raw(`"${q.key}"`)} IS FALSE)::int`),
    " + ",
  );
  return db<(HandoffAnswerCount & { tenantId: string })[]>(
    (tenants) => Prisma.sql`
    WITH p AS (${periodsSql(periods, tenants)})
    SELECT h."tenantId" AS "tenantId", COALESCE(sum(${answered}), 0)::int AS answered, COALESCE(sum(${no}), 0)::int AS no
    FROM p JOIN "HandoffReview" h ON h."tenantId" = p.tenant_id AND h."weekOf" >= p.first_day AND h."weekOf" <= p.last_day
    GROUP BY 1`,
  );
}

/**
 * Open leads leaking right now: no owner, past their due time, no next action, or an owner who has
 * not accepted within the SOP's window (5 minutes when urgent, else 15). A lead counts once in total.
 */
export function leakCountsSql(tenants: TenantSet, scope: Scope, now: Date): Prisma.Sql {
  const urgentBefore = new Date(now.getTime() - ESCALATION_MINUTES.urgent_unaccepted * 60_000);
  const standardBefore = new Date(now.getTime() - ESCALATION_MINUTES.standard_unaccepted * 60_000);
  const urgent = Prisma.sql`(l.urgency::text = ANY(${URGENT_URGENCIES}::text[]) OR l.temperature >= ${URGENT_TEMPERATURE})`;
  return Prisma.sql`
    WITH o AS (
      SELECT l."ownerId" IS NULL AS unowned,
        COALESCE(l."dueAt" < ${now}, false) AS overdue,
        (l."nextAction" IS NULL OR l."nextAction" ~ ${"^\\s*$"}) AS no_next_action,
        (l."ownerId" IS NOT NULL AND l."acceptedAt" IS NULL AND l.status <> 'answered_by_plumber'
          AND l."createdAt" < CASE WHEN ${urgent} THEN ${urgentBefore}::timestamp(3) ELSE ${standardBefore}::timestamp(3) END) AS unaccepted
      FROM "Lead" l
      WHERE l."tenantId" IN (${tenants}) AND l.status IN (${OPEN_STATUSES}) AND ${countedLead("l")} ${ownerOf("l", scope)}
    )
    SELECT count(*) FILTER (WHERE unowned)::int AS unowned, count(*) FILTER (WHERE overdue)::int AS overdue,
      count(*) FILTER (WHERE no_next_action)::int AS "noNextAction", count(*) FILTER (WHERE unaccepted)::int AS "unacceptedPastWindow",
      count(*) FILTER (WHERE unowned OR overdue OR no_next_action OR unaccepted)::int AS total
    FROM o`;
}

export async function leakCounts(db: SqlClient, scope: Scope, now: Date): Promise<LeakCounts> {
  const [row] = await db<LeakCounts[]>((tenants) => leakCountsSql(tenants, scope, now));
  return row!;
}
