// The daily routine views: morning (new
// since yesterday's close, hot leads, today's appointments), midday (new responses and activity
// since the morning) and end of day (the review list of leads without a next action, and
// tomorrow's callbacks), in the tenant's time zone. Staff see the leads they may see.
import type { Prisma } from "@/server/db/generated/client";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { visibleLeadsWhere, type Viewer } from "@/server/leads/lead-access";
import { escalationsForLeads } from "@/server/leads/escalation-read";
import { localDate } from "@/server/leads/escalation-rules";
import { routineWindows, type RoutineWindows } from "./routine-windows";
import { ROUTINE_SECTIONS, ROUTINE_TABS, type RoutineSection, type RoutineTab } from "./routine-tabs";

export { ROUTINE_SECTIONS, type RoutineSection };

/** The morning routine lists leads with temperature above 80; emergencies are always hot. */
export const HOT_TEMPERATURE = 80;
export const PAGE_SIZE = 25;

export type RoutineCtx = TenantCtx & { viewer: Viewer; now: Date };

async function windowsFor(ctx: RoutineCtx): Promise<RoutineWindows & { timeZone: string }> {
  const [tenant, hours] = await Promise.all([
    ctx.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { timeZone: true } }),
    ctx.db.businessHours.findMany({ select: { weekday: true, openMinute: true, closeMinute: true } }),
  ]);
  return { ...routineWindows(ctx.now, tenant.timeZone, hours), timeZone: tenant.timeZone };
}

const OPEN = { isTest: false, status: { not: "closed" } } satisfies Prisma.LeadWhereInput;

function sectionQuery(
  section: RoutineSection,
  w: RoutineWindows,
): { where: Prisma.LeadWhereInput; orderBy: Prisma.LeadOrderByWithRelationInput[] } {
  switch (section) {
    case "new":
      return {
        where: { ...OPEN, createdAt: { gte: w.previousClose } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      };
    case "hot":
      return {
        where: { ...OPEN, OR: [{ temperature: { gt: HOT_TEMPERATURE } }, { urgency: "emergency" }] },
        orderBy: [{ temperature: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      };
    case "appointments":
      return {
        where: { ...OPEN, appointmentAt: { gte: w.todayStart, lt: w.tomorrowStart } },
        orderBy: [{ appointmentAt: "asc" }, { id: "asc" }],
      };
    case "activity":
      return {
        where: { isTest: false, lastActivityAt: { gte: w.morningStart } },
        orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      };
    case "review":
      return {
        where: { ...OPEN, OR: [{ nextAction: null }, { nextAction: "" }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      };
    case "callbacks":
      return {
        where: {
          ...OPEN,
          OR: [
            { dueAt: { gte: w.tomorrowStart, lt: w.dayAfterStart } },
            { followUpAt: { gte: w.tomorrowStart, lt: w.dayAfterStart } },
          ],
        },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      };
  }
}

const rowSelect = {
  id: true,
  callerName: true,
  callerPhone: true,
  issueSummary: true,
  urgency: true,
  status: true,
  temperature: true,
  nextAction: true,
  dueAt: true,
  followUpAt: true,
  appointmentAt: true,
  createdAt: true,
  lastActivityAt: true,
  owner: { select: { name: true } },
} satisfies Prisma.LeadSelect;

export type RoutineRow = Prisma.LeadGetPayload<{ select: typeof rowSelect }> & {
  isEscalated: boolean;
  reviewedToday: boolean;
};

function whereFor(ctx: RoutineCtx, section: RoutineSection, w: RoutineWindows): Prisma.LeadWhereInput {
  return { AND: [sectionQuery(section, w).where, visibleLeadsWhere(ctx.viewer)] };
}

/**
 * The windows (for the page's "since …" labels), how many leads each section holds, and how many
 * different leads each tab holds (a new emergency is on "New" and on "Hot leads", and is one lead
 * to work: the tab's number is not the sum of its lists).
 */
export async function routineSummary(ctx: RoutineCtx) {
  const w = await windowsFor(ctx);
  const tabs = Object.keys(ROUTINE_TABS) as RoutineTab[];
  const [counts, tabCounts] = await Promise.all([
    Promise.all(ROUTINE_SECTIONS.map((s) => ctx.db.lead.count({ where: whereFor(ctx, s, w) }))),
    Promise.all(
      tabs.map((t) =>
        ctx.db.lead.count({
          where: {
            AND: [
              { OR: ROUTINE_TABS[t].map((s) => sectionQuery(s, w).where) },
              visibleLeadsWhere(ctx.viewer),
            ],
          },
        }),
      ),
    ),
  ]);
  return {
    windows: w,
    counts: Object.fromEntries(ROUTINE_SECTIONS.map((s, i) => [s, counts[i]!])) as Record<
      RoutineSection,
      number
    >,
    tabCounts: Object.fromEntries(tabs.map((t, i) => [t, tabCounts[i]!])) as Record<RoutineTab, number>,
  };
}

/** One page of a section, keyset-paginated by lead id. */
export async function routineSection(
  ctx: RoutineCtx,
  section: RoutineSection,
  cursor?: string | null,
): Promise<{ items: RoutineRow[]; nextCursor: string | null }> {
  const w = await windowsFor(ctx);
  const rows = await ctx.db.lead.findMany({
    where: whereFor(ctx, section, w),
    orderBy: sectionQuery(section, w).orderBy,
    select: rowSelect,
    take: PAGE_SIZE + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, PAGE_SIZE);
  const esc = await escalationsForLeads(
    ctx.db,
    ctx.tenantId,
    page.map((r) => r.id),
  );
  const today = localDate(ctx.now, w.timeZone);
  return {
    items: page.map((r) => ({
      ...r,
      isEscalated: esc[r.id]?.isEscalated ?? false,
      // On today's end-of-day review list (the escalation rule fired for today's date).
      reviewedToday: (esc[r.id]?.escalations ?? []).some(
        (e) => e.rule === "end_of_day" && e.period === today,
      ),
    })),
    nextCursor: rows.length > PAGE_SIZE ? page.at(-1)!.id : null,
  };
}
