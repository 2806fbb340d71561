// The closed days' roll-up (report-days.ts) counts what the live report counts: after the days are
// rolled up, and after every kind of late change to an old lead — won days later, turned into a test
// call, reassigned, deleted, a late event, text or opt-out, the business's time zone — the figures
// read from the roll-up equal the figures counted live, and the change shows. A day closes at the
// business's local midnight; a day rolled up by other definitions is never read; a write under way
// keeps the roll-up from storing a day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type PrismaClient } from "@/server/db/generated/client";
import { makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { tenantSql } from "@/server/db/tenant-sql";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { resolvePeriod, type ReportPeriodInput } from "./period";
import { rollUpClosedDays } from "./report-days";
import { leadTotals, type Scope, type SqlClient, type TenantPeriod } from "./report-sql";
import { getReport } from "./query-report";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
const NOW = new Date("2026-04-02T15:00:00Z");
const MARCH: ReportPeriodInput = { kind: "month", month: "2026-03" };
const everyone: Scope = { ownerId: null };
const users: Record<"a" | "b", string> = { a: "", b: "" };
const min = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/**
 * A March of twenty leads (America/Chicago; DST starts March 8) with every kind of fact the
 * figures read: calls the AI or the plumber answered, spam, a test call, web forms, owners, visits,
 * won jobs, first touches, routing and acceptance, link clicks, text-backs, replies and an opt-out;
 * and the edges of the month in local time.
 */
async function buildMonth(tenantId: string) {
  const leads = [];
  for (let i = 0; i < 20; i++) {
    const createdAt = new Date(Date.UTC(2026, 2, 1 + i, 14 + (i % 8), (7 * i) % 60));
    const lead = await makeLead(prisma, tenantId, {
      createdAt,
      callerPhone: `+1512555${String(2000 + i)}`,
      ownerId: i % 3 === 0 ? null : i % 3 === 1 ? users.a : users.b,
      source: i % 4 === 0 ? "web_form" : "phone",
      status: i === 7 ? "closed" : i % 5 === 0 ? "answered_by_plumber" : "followup_needed",
      closeReason: i === 7 ? "spam" : null,
      isTest: i === 11,
      temperature: 10 + 4 * i,
      appointmentAt: i % 3 === 0 ? min(createdAt, 2 * 1440) : null,
      visitOutcome: i % 6 === 0 ? "showed" : i % 6 === 3 ? "no_show" : null,
      jobOutcome: i % 6 === 0 ? "won" : null,
      jobValueCents: i % 6 === 0 ? 10_000 * (i + 1) : null,
      acceptedAt: i % 2 === 0 ? min(createdAt, i + 1) : null,
    });
    leads.push(lead);
    const events: Prisma.LeadEventCreateManyInput[] = [];
    const event = (type: string, at: Date) => events.push({ tenantId, leadId: lead.id, type, createdAt: at });
    if (i % 4 !== 0) event("call.received", createdAt);
    if (i % 4 !== 0 && i % 5 === 0) event("call.answered_by_plumber", min(createdAt, 0.2));
    else if (i % 4 !== 0 && i % 2 === 1) event("call.ai_answered", min(createdAt, 0.2));
    if (i % 2 === 0) event("lead.routed", min(createdAt, 1));
    if (i % 4 !== 3) event("touchpoint.called_back", min(createdAt, 3 * i));
    if (i % 5 === 2) event("sms.link_clicked", min(createdAt, 10));
    await prisma.leadEvent.createMany({ data: events });
    if (i % 2 === 1) {
      const text = (over: Partial<Prisma.MessageCreateManyInput>) => ({
        tenantId,
        leadId: lead.id,
        fromNumber: "+15125550100",
        toNumber: lead.callerPhone,
        body: "Sorry we missed you",
        direction: "outbound" as const,
        purpose: "text_back",
        status: "delivered" as const,
        sentAt: min(createdAt, 1),
        createdAt: min(createdAt, 1),
        ...over,
      });
      await prisma.message.createMany({
        data: [
          text({}),
          ...(i % 4 === 1
            ? [text({ direction: "inbound", purpose: "inbound", body: "Yes please", sentAt: null, status: "received", createdAt: min(createdAt, 30) })] // prettier-ignore
            : []),
          ...(i === 3
            ? [text({ direction: "inbound", purpose: "inbound", body: "STOP", sentAt: null, status: "received", createdAt: min(createdAt, 40) })] // prettier-ignore
            : []),
        ],
      });
    }
  }
  await prisma.consentRecord.create({
    data: {
      tenantId,
      phone: leads[3]!.callerPhone,
      optedOut: true,
      source: "sms_keyword",
      at: min(leads[3]!.createdAt, 40),
    },
  });
  // 23:30 on March 31 local time (April 1 UTC) is March's; 23:59 on February 28 local is February's.
  await makeLead(prisma, tenantId, { createdAt: new Date("2026-04-01T04:30:00Z"), temperature: 70 });
  await makeLead(prisma, tenantId, { createdAt: new Date("2026-03-01T05:59:00Z"), temperature: 90 });
  return leads;
}

async function periodsOf(tenantId: string, input: ReportPeriodInput = MARCH, now = NOW) {
  const { timeZone } = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const p = resolvePeriod(input, timeZone, now);
  const bound = (r: typeof p | typeof p.previous): TenantPeriod => ({
    tenantId,
    timeZone,
    start: r.start,
    end: r.end,
    firstDay: r.firstDay,
    lastDay: r.lastDay,
  });
  return [bound(p), bound(p.previous)] as const;
}

/** The lead figures of the period by source with its days, and of the one before, in a stable order. */
async function countsWith(sql: SqlClient, periods: readonly TenantPeriod[], scope: Scope) {
  const [cur, prev] = periods;
  const current = await leadTotals(sql, [cur!], scope, "source", true);
  const previous = await leadTotals(sql, [prev!], scope, "none");
  return {
    groups: [...current.groups].sort((a, b) => String(a.key).localeCompare(String(b.key))),
    daily: [...current.daily].sort((a, b) => `${a.day}${a.outcome}`.localeCompare(`${b.day}${b.outcome}`)),
    previous: previous.groups,
  };
}

/** What the report reads now: the rolled-up days that hold, the other days live. */
const read = async (tenantId: string, periods: readonly TenantPeriod[], scope = everyone) =>
  countsWith(tenantSql(tenantScoped(prisma, tenantId)), periods, scope);

class Rollback extends Error {}
/** The same figures counted live: every rolled-up day of the business left out (and put back). */
async function live(tenantId: string, periods: readonly TenantPeriod[], scope = everyone) {
  let out: Awaited<ReturnType<typeof countsWith>> | undefined;
  await prisma
    .$transaction(async (tx) => {
      await tx.$executeRaw`DELETE FROM "ReportDay" WHERE "tenantId" = ${tenantId}`;
      const sql: SqlClient = <T>(build: (t: Prisma.Sql) => Prisma.Sql) =>
        tx.$queryRaw<T>(build(Prisma.sql`${tenantId}`)) as Promise<T>;
      out = await countsWith(sql, periods, scope);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out!;
}

const rolledDays = async (tenantId: string) =>
  (
    await prisma.reportDay.findMany({ where: { tenantId }, select: { day: true }, orderBy: { day: "asc" } })
  ).map((d) => d.day);
const rollUp = async (tenantId: string, periods: readonly TenantPeriod[], now = NOW) =>
  rollUpClosedDays(tenantScoped(prisma, tenantId), periods, now);
const total = (c: Awaited<ReturnType<typeof read>>) => c.groups.find((g) => g.key == null)!;

/** The roll-up and the live count agree, before and after the days missing from the roll-up are rolled up again. */
async function expectSameAsLive(tenantId: string, periods: readonly TenantPeriod[], scope = everyone) {
  const expected = await live(tenantId, periods, scope);
  expect(await read(tenantId, periods, scope)).toEqual(expected);
  await rollUp(tenantId, periods);
  expect(await read(tenantId, periods, scope)).toEqual(expected);
  return expected;
}

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  users.a = (await makeUser(prisma, { name: "Ann" })).id;
  users.b = (await makeUser(prisma, { name: "Bo" })).id;
});
afterAll(() => db?.drop());

describe(`the report's closed days, rolled up (${engineName})`, () => {
  it("rolls up each closed day once, when the report is asked for, and counts what the live report counts", async () => {
    const t = await makeTenant(prisma, { name: "Rolled Plumbing", timeZone: "America/Chicago" });
    await buildMonth(t.id);
    const periods = await periodsOf(t.id);
    const expected = await live(t.id, periods);
    expect(total(expected)).toMatchObject({ leads: 19, booked: 7, won: 4, textedLeads: 8, optedOutLeads: 1 });
    expect(await rolledDays(t.id)).toEqual([]);

    await getReport(
      { db: tenantScoped(prisma, t.id), tenantId: t.id, viewer: { userId: users.a, role: "owner" } },
      MARCH,
      NOW,
    );
    const days = await rolledDays(t.id);
    expect(days).toHaveLength(31 + 28);
    expect([days[0], days.at(-1)]).toEqual(["2026-02-01", "2026-03-31"]);
    expect(await read(t.id, periods)).toEqual(expected);
    // Staff read their own leads' groups.
    expect(await read(t.id, periods, { ownerId: users.a })).toEqual(
      await live(t.id, periods, { ownerId: users.a }),
    );
    expect(await rollUp(t.id, periods)).toBe(0);
  });

  it("counts a day again after any late change to one of its leads, and shows the change", async () => {
    const t = await makeTenant(prisma, { name: "Late Plumbing", timeZone: "America/Chicago" });
    const other = await makeTenant(prisma, { name: "Bystander Plumbing", timeZone: "America/Chicago" });
    const leads = await buildMonth(t.id);
    await buildMonth(other.id);
    const periods = await periodsOf(t.id);
    const bystander = await periodsOf(other.id);
    await rollUp(t.id, periods);
    await rollUp(other.id, bystander);
    const untouched = await read(other.id, bystander);
    const all = await rolledDays(t.id);
    const dayOf = (i: number) => leads[i]!.createdAt.toISOString().slice(0, 10);

    /** The change reopens exactly the lead's day; the figures then equal the live ones and differ from before. */
    const change = async (i: number, write: () => Promise<unknown>, scope = everyone) => {
      await rollUp(t.id, periods);
      const before = await read(t.id, periods, scope);
      await write();
      expect(await rolledDays(t.id)).toEqual(all.filter((d) => d !== dayOf(i)));
      const after = await expectSameAsLive(t.id, periods, scope);
      expect(await rolledDays(t.id)).toEqual(all);
      return { before: total(before), after: total(after), daily: [before.daily, after.daily] };
    };

    // A job won days later (lead 2 was booked on March 3).
    const won = await change(1, () =>
      prisma.lead.update({
        where: { id: leads[1]!.id },
        data: { appointmentAt: new Date("2026-03-05T15:00:00Z"), jobOutcome: "won", jobValueCents: 50_000 },
      }),
    );
    expect([won.before.won, won.after.won]).toEqual([4, 5]);
    expect(won.after.wonValueCents - won.before.wonValueCents).toBe(50_000);
    // A lead that turns out to be a test call, and a robocall closed as spam later.
    const test = await change(2, () =>
      prisma.lead.update({ where: { id: leads[2]!.id }, data: { isTest: true } }),
    );
    expect(test.after.leads).toBe(test.before.leads - 1);
    const spam = await change(5, () =>
      prisma.lead.update({ where: { id: leads[5]!.id }, data: { status: "closed", closeReason: "spam" } }),
    );
    expect(spam.after.leads).toBe(spam.before.leads - 1);
    // A late first touch on a lead nobody had touched: its speed moves out of "no touch yet".
    const touched = await change(3, () =>
      prisma.leadEvent.create({
        data: { tenantId: t.id, leadId: leads[3]!.id, type: "touchpoint.called_back", createdAt: NOW },
      }),
    );
    expect(touched.after.speedBuckets.at(-1)).toBe(touched.before.speedBuckets.at(-1)! - 1);
    // A reply days later, and a text-back that turns out to have failed.
    const replied = await change(19, () =>
      prisma.message.create({
        data: {
          tenantId: t.id,
          leadId: leads[19]!.id,
          direction: "inbound",
          purpose: "inbound",
          status: "received",
          body: "Still need you",
          fromNumber: leads[19]!.callerPhone,
          toNumber: "+15125550100",
          createdAt: NOW,
        },
      }),
    );
    expect(replied.after.repliedLeads).toBe(replied.before.repliedLeads + 1);
    const failed = await change(13, () =>
      prisma.message.updateMany({
        where: { leadId: leads[13]!.id, direction: "outbound" },
        data: { status: "failed" },
      }),
    );
    expect(failed.after.textedLeads).toBe(failed.before.textedLeads - 1);
    // An opt-out of a texted caller's number: it counts for March only if it came by March's end.
    const optOut = (i: number, at: Date) =>
      prisma.consentRecord.create({
        data: { tenantId: t.id, phone: leads[i]!.callerPhone, optedOut: true, source: "sms_keyword", at },
      });
    const inMarch = await change(15, () => optOut(15, new Date("2026-03-30T12:00:00Z")));
    expect(inMarch.after.optedOutLeads).toBe(inMarch.before.optedOutLeads + 1);
    const inApril = await change(17, () => optOut(17, NOW));
    expect(inApril.after.optedOutLeads).toBe(inApril.before.optedOutLeads);
    // Reassigned: the staff member's own figures move.
    const reassigned = await change(
      8,
      () => prisma.lead.update({ where: { id: leads[8]!.id }, data: { ownerId: users.a } }),
      { ownerId: users.a },
    );
    expect(reassigned.after.leads).toBe(reassigned.before.leads + 1);
    // A deleted lead (its events and texts go with it): the plumber's call of March 10 is gone from the chart.
    const deleted = await change(10, () => prisma.lead.delete({ where: { id: leads[10]!.id } }));
    expect(deleted.after.leads).toBe(deleted.before.leads - 1);
    expect(deleted.daily[0]!.find((c) => c.day === "2026-03-11")).toMatchObject({
      outcome: "answered",
      count: 1,
    });
    expect(deleted.daily[1]!.find((c) => c.day === "2026-03-11")).toBeUndefined();

    // The other business's roll-up was never touched.
    expect(await rolledDays(other.id)).toHaveLength(31 + 28);
    expect(await read(other.id, bystander)).toEqual(untouched);
  });

  it("moves every day to the business's new time zone", async () => {
    const t = await makeTenant(prisma, { name: "Moving Plumbing", timeZone: "America/Chicago" });
    await buildMonth(t.id);
    await rollUp(t.id, await periodsOf(t.id));
    const chicago = await read(t.id, await periodsOf(t.id));
    await prisma.tenant.update({ where: { id: t.id }, data: { timeZone: "America/New_York" } });
    expect(await rolledDays(t.id)).toEqual([]);
    const periods = await periodsOf(t.id);
    const newYork = await expectSameAsLive(t.id, periods);
    expect(await prisma.reportDay.findFirst({ where: { tenantId: t.id } })).toMatchObject({
      timeZone: "America/New_York",
    });
    // 23:30 on March 31 in Chicago is 00:30 on April 1 in New York; 23:59 on February 28 is 00:59 on March 1.
    expect(total(newYork).temperatureSum - total(chicago).temperatureSum).toBe(90 - 70);
  });

  it("never reads a day rolled up by other definitions", async () => {
    const t = await makeTenant(prisma, { name: "Redefined Plumbing", timeZone: "America/Chicago" });
    await buildMonth(t.id);
    const periods = await periodsOf(t.id);
    await rollUp(t.id, periods);
    const expected = await read(t.id, periods);
    const day = await prisma.reportDay.findFirstOrThrow({ where: { tenantId: t.id, day: "2026-03-02" } });
    await prisma.reportDayGroup.updateMany({ where: { dayId: day.id }, data: { leads: { increment: 100 } } });
    expect(total(await read(t.id, periods)).leads).toBe(total(expected).leads + 100);
    await prisma.reportDay.update({ where: { id: day.id }, data: { definitions: "older" } });
    expect(await read(t.id, periods)).toEqual(expected);
    expect(await rollUp(t.id, periods)).toBe(1);
    expect(await read(t.id, periods)).toEqual(expected);
  });

  it("rolls up a day an hour after it closed at midnight in the business's time zone", async () => {
    const t = await makeTenant(prisma, { name: "Midnight Plumbing", timeZone: "America/Chicago" });
    // March 20, 23:59:59.999 CDT and March 21, 00:00 CDT.
    const lastOf20 = new Date("2026-03-21T04:59:59.999Z");
    const midnight = new Date("2026-03-21T05:00:00.000Z");
    await makeLead(prisma, t.id, { createdAt: new Date("2026-03-20T15:00:00Z"), temperature: 10 });
    await makeLead(prisma, t.id, { createdAt: lastOf20, temperature: 20 });
    const thisMonth: ReportPeriodInput = { kind: "this_month" };

    const before = await periodsOf(t.id, thisMonth, lastOf20);
    expect(await rollUp(t.id, before, lastOf20)).toBe(28 + 19);
    expect((await rolledDays(t.id)).at(-1)).toBe("2026-03-19");
    expect(total(await read(t.id, before))).toMatchObject({ leads: 2, temperatureSum: 30 });

    await makeLead(prisma, t.id, { createdAt: midnight, temperature: 40 });
    // Over, but not for an hour yet: counted live (a write to its latest leads takes no lock).
    expect(await rollUp(t.id, await periodsOf(t.id, thisMonth, midnight), midnight)).toBe(0);
    const anHourLater = min(midnight, 60);
    const after = await periodsOf(t.id, thisMonth, anHourLater);
    expect(await rollUp(t.id, after, anHourLater)).toBe(1);
    expect((await rolledDays(t.id)).at(-1)).toBe("2026-03-20");
    const counts = await read(t.id, after);
    expect(counts).toEqual(await live(t.id, after));
    // The 23:59:59.999 lead is on March 20, rolled up; the midnight one is today's, counted live.
    const group = await prisma.reportDayGroup.findFirstOrThrow({
      where: { day: { tenantId: t.id, day: "2026-03-20" } },
    });
    expect([group.leads, group.temperatureSum]).toEqual([2, 30]);
    expect(total(counts)).toMatchObject({ leads: 3, temperatureSum: 70 });
  });

  it.skipIf(engineName === "pglite")(
    "rolls nothing up while a write to the business is under way, and counts it once committed",
    async () => {
      const t = await makeTenant(prisma, { name: "Busy Plumbing", timeZone: "America/Chicago" });
      const leads = await buildMonth(t.id);
      const periods = await periodsOf(t.id);
      let written!: () => void;
      let commit!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      const committing = new Promise<void>((r) => (commit = r));
      const writer = prisma.$transaction(
        async (tx) => {
          await tx.lead.update({ where: { id: leads[1]!.id }, data: { jobOutcome: "won" } });
          written();
          await committing;
        },
        { timeout: 20_000 },
      );
      await wrote;
      expect(await rollUp(t.id, periods)).toBe(0);
      expect(await rolledDays(t.id)).toEqual([]);
      commit();
      await writer;
      expect(total(await read(t.id, periods)).won).toBe(5);
      expect(await rollUp(t.id, periods)).toBe(31 + 28);
      expect(total(await read(t.id, periods)).won).toBe(5);
    },
  );

  it.skipIf(engineName === "pglite")(
    "lets a write to a lead that came in during the last half hour through while a roll-up holds the lock; an older lead's waits",
    async () => {
      const t = await makeTenant(prisma, { name: "Fresh Plumbing", timeZone: "America/Chicago" });
      const recent = await makeLead(prisma, t.id, { createdAt: new Date(), temperature: 10 });
      const old = await makeLead(prisma, t.id, {
        createdAt: new Date("2026-03-10T15:00:00Z"),
        temperature: 10,
      });
      let locked!: () => void;
      let release!: () => void;
      const holding = new Promise<void>((r) => (locked = r));
      const released = new Promise<void>((r) => (release = r));
      // A roll-up's exclusive hold on the business's report-days lock.
      const rollup = prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(report_days_lock_key(${t.id}))`;
          locked();
          await released;
        },
        { timeout: 20_000 },
      );
      await holding;
      const within = <T>(ms: number, p: Promise<T>) =>
        Promise.race([
          p.then(() => "done" as const),
          new Promise<"waiting">((r) => setTimeout(() => r("waiting"), ms)),
        ]);
      expect(
        await within(2_000, prisma.lead.update({ where: { id: recent.id }, data: { temperature: 20 } })),
      ).toBe("done");
      const olderWrite = prisma.lead.update({ where: { id: old.id }, data: { temperature: 20 } });
      expect(await within(500, olderWrite)).toBe("waiting");
      release();
      await rollup;
      await olderWrite;
    },
  );
});
