// The inbox query: the queue in SOP order (queue-order.ts), filtered and searched, one keyset
// page at a time, in one statement. Each queue segment is a LIMITed range scan of the index
// (tenantId, queueGroup, queueAt, temperature, id): a group's overdue leads (queueAt < now, by
// queueAt), then its other leads (queueAt >= now — only those due later — by age). So a page
// costs about the same at 100 leads or 100,000. Counts per group: one GROUP BY, same filters.
import { z } from "zod";
import { isDateInBounds, zDateTimeString } from "@/server/http/safe-input";
import { Prisma } from "@/server/db/generated/client";
import { LeadSource, LeadStatus, Urgency } from "@/server/db/generated/enums";
import type { TenantDb } from "@/server/db/tenant-scope";
import { tenantSql, type TenantSet } from "@/server/db/tenant-sql";
import { AppError } from "@/server/errors";
import { seesAllLeads, type Viewer } from "./lead-access";
import { CLOSED_GROUP, isOverdue, OPEN_GROUPS, QUEUE_GROUPS, queueGroupFor } from "./queue-order";
import { handoffMissing } from "./handoff";
import { NOT_A_CUSTOMER, notACustomerLabel } from "./close-reasons";
import { temperatureBand, temperatureOf } from "./temperature";
import { LEAD_SET_KEYS, type LeadSetKey } from "@/server/reports/definitions";
import { countedLead, leadSetWhere } from "@/server/reports/definitions-sql";

export const ZInboxFilter = z.object({
  status: z.enum(LeadStatus).optional(),
  urgency: z.enum(Urgency).optional(),
  source: z.enum(LeadSource).optional(),
  ownerId: z.string().max(64).optional(),
  mine: z.boolean().optional(),
  unowned: z.boolean().optional(),
  overdue: z.boolean().optional(),
  q: z.string().trim().max(80).optional(),
  /** Leads that came in within [createdFrom, createdTo): the leads behind a report figure. */
  createdFrom: zDateTimeString("createdFrom must be an ISO date and time.").optional(),
  createdTo: zDateTimeString("createdTo must be an ISO date and time.").optional(),
  /** Test calls only. Without it the real queue has none, except while the business has no real lead yet: then its test calls show, marked as tests. */
  testCalls: z.boolean().optional(),
  /** Calls the AI closed as not from a customer (a salesperson, a recording, a wrong number). */
  notACustomer: z.boolean().optional(),
  /**
   * The leads behind a report figure (server/reports/definitions.ts), open and closed, test calls
   * left out; with createdFrom / createdTo it lists exactly the leads the figure counts.
   */
  figure: z.enum(LEAD_SET_KEYS).optional(),
});
export const ZInboxInput = ZInboxFilter.extend({
  cursor: z.string().max(400).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type InboxInput = z.input<typeof ZInboxInput>;

type Segment = { ord: number; group: number; kind: "overdue" | "rest" | "closed" };
type Cursor = { o: number; k: string; t: number; id: string; n: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    if (
      typeof c.o !== "number" ||
      typeof c.id !== "string" ||
      !isDateInBounds(new Date(c.k)) ||
      !isDateInBounds(new Date(c.n))
    )
      throw new Error("bad");
    return c;
  } catch {
    throw new AppError(
      "BAD_REQUEST",
      "The page cursor is not valid: reload the inbox from the top.",
      "cursor",
    );
  }
}

/** The groups a filter can reach (an urgency or status filter rules some out). */
export function groupsFor(filter: {
  status?: LeadStatus;
  urgency?: Urgency;
  notACustomer?: boolean;
  figure?: LeadSetKey;
}): number[] {
  // Not-a-customer calls are closed leads: only the closed group can hold them.
  if (filter.notACustomer) return !filter.status || filter.status === "closed" ? [CLOSED_GROUP] : [];
  if (filter.status === "closed") return [CLOSED_GROUP];
  // A report figure counts its leads whatever became of them: closed ones too.
  if (filter.figure && !filter.status && !filter.urgency) return [...OPEN_GROUPS, CLOSED_GROUP];
  const statuses = filter.status ? [filter.status] : Object.values(LeadStatus).filter((s) => s !== "closed");
  const urgencies: (Urgency | null)[] = filter.urgency ? [filter.urgency] : [...Object.values(Urgency), null];
  const reachable = new Set(
    statuses.flatMap((status) => urgencies.map((urgency) => queueGroupFor({ status, urgency }))),
  );
  return OPEN_GROUPS.filter((g) => reachable.has(g));
}

export function segmentsFor(filter: {
  status?: LeadStatus;
  urgency?: Urgency;
  overdue?: boolean;
  notACustomer?: boolean;
  figure?: LeadSetKey;
}): Segment[] {
  const segments: Segment[] = [];
  for (const group of groupsFor(filter)) {
    if (group === CLOSED_GROUP) {
      if (!filter.overdue) segments.push({ ord: group * 2 + 1, group, kind: "closed" });
      continue;
    }
    segments.push({ ord: group * 2, group, kind: "overdue" });
    if (!filter.overdue) segments.push({ ord: group * 2 + 1, group, kind: "rest" });
  }
  return segments;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** WHERE conditions shared by the page and the counts: tenant, visibility, filters, search. */
function filterSql(
  tenants: TenantSet,
  viewer: Viewer,
  f: z.infer<typeof ZInboxFilter>,
  tests: TestCallsShown = f.testCalls ? "only" : "none",
): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [Prisma.sql`l."tenantId" IN (${tenants})`];
  if (tests === "none") parts.push(countedLead("l"));
  if (tests === "only") parts.push(Prisma.sql`l."isTest" = true`);
  if (f.figure) parts.push(leadSetWhere(f.figure, "l"));
  if (!seesAllLeads(viewer.role))
    parts.push(Prisma.sql`(l."ownerId" IS NULL OR l."ownerId" = ${viewer.userId})`);
  if (f.status) parts.push(Prisma.sql`l."status" = CAST(${f.status} AS "LeadStatus")`);
  if (f.urgency) parts.push(Prisma.sql`l."urgency" = CAST(${f.urgency} AS "Urgency")`);
  if (f.source) parts.push(Prisma.sql`l."source" = CAST(${f.source} AS "LeadSource")`);
  if (f.ownerId) parts.push(Prisma.sql`l."ownerId" = ${f.ownerId}`);
  if (f.mine) parts.push(Prisma.sql`l."ownerId" = ${viewer.userId}`);
  if (f.unowned) parts.push(Prisma.sql`l."ownerId" IS NULL`);
  if (f.notACustomer) parts.push(Prisma.sql`l."closeReason" = ${NOT_A_CUSTOMER}`);
  if (f.createdFrom) parts.push(Prisma.sql`l."createdAt" >= ${new Date(f.createdFrom)}`);
  if (f.createdTo) parts.push(Prisma.sql`l."createdAt" < ${new Date(f.createdTo)}`);
  const q = f.q?.trim();
  if (q) {
    const digits = q.replace(/\D/g, "");
    if (digits.length >= 3 && !/[a-z]/i.test(q)) {
      parts.push(Prisma.sql`(l."callerPhone" LIKE ${`%${digits}%`} OR l."zip" LIKE ${`${digits}%`})`);
    } else {
      parts.push(Prisma.sql`(l."callerName" ILIKE ${`%${likeEscape(q)}%`} OR l."zip" = ${q})`);
    }
  }
  return parts;
}

const COLUMNS = Prisma.sql`u."name" AS "ownerName", l."queueAt", l."id", l."callerName", l."callerPhone", l."zip", l."inArea", l."issueSummary", l."urgency"::text AS "urgency", l."status"::text AS "status", l."source"::text AS "source", l."ownerId", l."nextAction", l."dueAt", l."acceptedAt", l."createdAt", l."lastActivityAt", l."appointmentAt", l."isTest", l."isEstimate", l."queueGroup", l."temperature", l."touchpoints", l."closeReason", l."closeNote"`;

export type InboxRow = {
  ownerName: string | null;
  queueAt: Date;
  id: string;
  callerName: string | null;
  callerPhone: string;
  zip: string | null;
  inArea: boolean | null;
  issueSummary: string | null;
  urgency: Urgency | null;
  status: LeadStatus;
  source: LeadSource;
  ownerId: string | null;
  nextAction: string | null;
  dueAt: Date | null;
  acceptedAt: Date | null;
  createdAt: Date;
  lastActivityAt: Date;
  appointmentAt: Date | null;
  isTest: boolean;
  isEstimate: boolean;
  queueGroup: number;
  temperature: number;
  touchpoints: number;
  closeReason: string | null;
  closeNote: string | null;
};

function segmentSql(
  seg: Segment,
  where: Prisma.Sql[],
  asOf: Date,
  after: Cursor | null,
  take: number,
): Prisma.Sql {
  const conds = [...where, Prisma.sql`l."queueGroup" = ${seg.group}`];
  if (seg.kind === "overdue") conds.push(Prisma.sql`l."queueAt" < ${asOf}`);
  if (seg.kind === "rest") conds.push(Prisma.sql`l."queueAt" >= ${asOf}`);
  const key = seg.kind === "overdue" ? Prisma.sql`l."queueAt"` : Prisma.sql`l."createdAt"`;
  if (after && after.o === seg.ord) {
    const k = new Date(after.k);
    if (seg.kind === "closed")
      conds.push(Prisma.sql`(${key} < ${k} OR (${key} = ${k} AND l."id" < ${after.id}))`);
    else
      conds.push(
        Prisma.sql`(${key} > ${k} OR (${key} = ${k} AND (l."temperature" < ${after.t} OR (l."temperature" = ${after.t} AND l."id" > ${after.id}))))`,
      );
  }
  const order =
    seg.kind === "closed"
      ? Prisma.sql`l."createdAt" DESC, l."id" DESC`
      : Prisma.sql`${key} ASC, l."temperature" DESC, l."id" ASC`;
  return Prisma.sql`SELECT ${COLUMNS}, CAST(${seg.ord} AS int) AS "ord", ${key} AS "k" FROM "Lead" l LEFT JOIN "User" u ON u."id" = l."ownerId" WHERE ${Prisma.join(conds, " AND ")} ORDER BY ${order} LIMIT ${take}`;
}

/** One statement for the page: the segments' LIMITed scans in queue order (open segments all sort ascending). */
function pageSql(
  segments: Segment[],
  where: Prisma.Sql[],
  asOf: Date,
  after: Cursor | null,
  take: number,
): Prisma.Sql {
  if (segments.length === 1) return segmentSql(segments[0]!, where, asOf, after, take);
  const parts = segments.map((seg) => Prisma.sql`(${segmentSql(seg, where, asOf, after, take)})`);
  return Prisma.sql`SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) s ORDER BY s."ord", s."k", s."temperature" DESC, s."id" LIMIT ${take}`;
}

export type InboxCtx = { db: TenantDb; tenantId: string; viewer: Viewer; now?: Date };

/**
 * Which test calls a list shows: "only" under the Test calls filter; "none" in the real queue;
 * "all_no_real_leads" while the business has no real lead yet, so a new owner's first test call
 * is in the inbox (marked as a test) instead of an empty inbox.
 */
export type TestCallsShown = "only" | "none" | "all_no_real_leads";

export async function testCallsShown(
  ctx: Pick<InboxCtx, "db">,
  f: { testCalls?: boolean; figure?: LeadSetKey },
): Promise<TestCallsShown> {
  if (f.testCalls) return "only";
  // A report figure never counts test calls, so its leads never include them.
  if (f.figure) return "none";
  const real = await ctx.db.lead.findFirst({ where: { isTest: false }, select: { id: true } });
  return real ? "none" : "all_no_real_leads";
}

export async function listInbox(ctx: InboxCtx, rawInput: InboxInput) {
  const input = ZInboxInput.parse(rawInput);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const now = ctx.now ?? new Date();
  // A cursor keeps the "now" of its first page, so overdue/not-overdue stays stable while paging.
  const asOf = after ? new Date(after.n) : now;
  const tests = await testCallsShown(ctx, input);
  const segments = segmentsFor(input).filter((s) => !after || s.ord >= after.o);

  const rows = segments.length
    ? await tenantSql(ctx.db)<(InboxRow & { ord: number; k: Date })[]>((tenants) =>
        pageSql(segments, filterSql(tenants, ctx.viewer, input, tests), asOf, after, input.limit + 1),
      )
    : [];
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor({
          o: last.ord,
          k: last.k.toISOString(),
          t: last.temperature,
          id: last.id,
          n: asOf.toISOString(),
        })
      : null;

  // Staff see only leads nobody owns and their own: an empty list says whose open leads there are.
  const othersOpen =
    !after && !page.length && !seesAllLeads(ctx.viewer.role) ? await othersOpenLeads(ctx) : [];

  return {
    items: page.map(({ ord: _ord, k: _k, ...r }) => {
      const temperature = temperatureOf(r, now);
      return {
        ...r,
        overdue: isOverdue(r, now),
        temperature,
        temperatureBand: temperatureBand(temperature).key,
        handoffMissing: r.status === "closed" ? [] : handoffMissing(r),
        /** The lead is the signed-in person's own: the inbox speaks to them as "you". */
        ownedByViewer: r.ownerId === ctx.viewer.userId,
        /** "Not a customer: sales call" for a call the AI closed as not from a customer, else null. */
        notACustomer: notACustomerLabel(r),
      };
    }),
    nextCursor,
    asOf,
    testCalls: tests,
    /** For staff with an empty inbox: the business's open real leads that are with someone else, per owner. */
    othersOpen,
  };
}

/** Open real leads owned by someone other than the viewer, per owner (most first). */
export async function othersOpenLeads(
  ctx: Pick<InboxCtx, "db" | "viewer">,
): Promise<{ ownerName: string; total: number }[]> {
  const rows = await tenantSql(ctx.db)<{ ownerName: string | null; total: bigint }[]>(
    (tenants) =>
      Prisma.sql`SELECT u."name" AS "ownerName", count(*) AS "total" FROM "Lead" l JOIN "User" u ON u."id" = l."ownerId" WHERE l."tenantId" IN (${tenants}) AND ${countedLead("l")} AND l."queueGroup" <> ${CLOSED_GROUP} AND l."ownerId" <> ${ctx.viewer.userId} GROUP BY u."name" ORDER BY count(*) DESC, u."name"`,
  );
  return rows.map((r) => ({ ownerName: r.ownerName ?? "a colleague", total: Number(r.total) }));
}

/** Leads per queue group (and how many are overdue) under the same filters; closed only when asked for. */
export async function inboxCounts(ctx: InboxCtx, rawFilter: z.input<typeof ZInboxFilter>) {
  const filter = ZInboxFilter.parse(rawFilter);
  const now = ctx.now ?? new Date();
  const groups = groupsFor(filter);
  const tests = await testCallsShown(ctx, filter);
  const whereFor = (tenants: TenantSet) => {
    const where = [
      ...filterSql(tenants, ctx.viewer, filter, tests),
      Prisma.sql`l."queueGroup" IN (${Prisma.join(groups)})`,
    ];
    if (filter.overdue) where.push(Prisma.sql`l."queueAt" < ${now}`);
    return where;
  };
  const rows = groups.length
    ? await tenantSql(ctx.db)<{ queueGroup: number; total: bigint; overdue: bigint }[]>(
        (tenants) =>
          Prisma.sql`SELECT l."queueGroup", count(*) AS "total", count(*) FILTER (WHERE l."queueAt" < ${now}) AS "overdue" FROM "Lead" l WHERE ${Prisma.join(whereFor(tenants), " AND ")} GROUP BY l."queueGroup"`,
      )
    : [];
  const byGroup = new Map(rows.map((r) => [Number(r.queueGroup), r]));
  return QUEUE_GROUPS.filter((g) => groups.includes(g.id)).map((g) => ({
    id: g.id,
    key: g.key,
    label: g.label,
    total: Number(byGroup.get(g.id)?.total ?? 0),
    overdue: g.id === CLOSED_GROUP ? 0 : Number(byGroup.get(g.id)?.overdue ?? 0),
  }));
}

/** The statements behind a first page (its first segment) and the counts, for EXPLAIN (bench/inbox.bench.ts). */
export function inboxSqlForExplain(
  tenantId: string,
  viewer: Viewer,
  rawInput: InboxInput,
  now: Date,
): { page: Prisma.Sql; counts: Prisma.Sql } {
  const input = ZInboxInput.parse(rawInput);
  const where = filterSql(Prisma.sql`${tenantId}`, viewer, input);
  const groups = groupsFor(input);
  return {
    page: pageSql(segmentsFor(input), where, now, null, input.limit + 1),
    counts: Prisma.sql`SELECT l."queueGroup", count(*) AS "total", count(*) FILTER (WHERE l."queueAt" < ${now}) AS "overdue" FROM "Lead" l WHERE ${Prisma.join([...where, Prisma.sql`l."queueGroup" IN (${Prisma.join(groups)})`], " AND ")} GROUP BY l."queueGroup"`,
  };
}
