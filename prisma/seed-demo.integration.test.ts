// The demo data looks like a real morning: visits inside the business's hours, every lead the AI
// answered with the conversation that made it, and a referral that names who referred it.
import { TZDate } from "@date-fns/tz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantScoped } from "@/server/db/tenant-scope";
import { getReport } from "@/server/reports/query-report";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { DEMO, seedDemo } from "./seed-demo";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
// Seeded late on a Friday night in Austin (12:50 AM Saturday): tomorrow is a closed day.
const SEEDED_AT = new Date("2026-12-12T06:50:00Z");
beforeAll(async () => {
  db = await useTestDatabase();
  await seedDemo(db.prisma, SEEDED_AT);
});
afterAll(async () => {
  await db.drop();
});

describe(`the demo data (${engineName})`, () => {
  it("books every visit inside the business's hours on an open day", async () => {
    const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO.tenant.slug } });
    const hours = await db.prisma.businessHours.findMany({ where: { tenantId: tenant.id } });
    const visits = await db.prisma.lead.findMany({
      where: { tenantId: tenant.id, appointmentAt: { not: null } },
      select: { callerName: true, appointmentAt: true },
    });
    expect(visits.length).toBeGreaterThan(0);
    for (const v of visits) {
      const local = new TZDate(v.appointmentAt!.getTime(), tenant.timeZone);
      const minute = local.getHours() * 60 + local.getMinutes();
      const day = hours.find((h) => h.weekday === local.getDay());
      expect(day, `${v.callerName}'s visit is on an open day`).toBeTruthy();
      expect(minute).toBeGreaterThanOrEqual(day!.openMinute);
      expect(minute).toBeLessThan(day!.closeMinute);
    }
  });

  it("gives every lead answered by the AI the transcript of its call", async () => {
    const leads = await db.prisma.lead.findMany({
      where: { status: "answered_by_ai" },
      select: { callerName: true, calls: { select: { _count: { select: { turns: true } } } } },
    });
    expect(leads.length).toBeGreaterThan(0);
    for (const lead of leads) {
      const turns = lead.calls.reduce((n, c) => n + c._count.turns, 0);
      expect(turns, `${lead.callerName ?? "unknown caller"} has a transcript`).toBeGreaterThan(0);
    }
  });

  it("gives every phone lead the call it came in by, with the caller's number and the lead's CallSid", async () => {
    const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO.tenant.slug } });
    const phoneLeads = await db.prisma.lead.findMany({
      where: { tenantId: tenant.id, source: "phone", isTest: false },
      select: {
        callerName: true,
        callerPhone: true,
        sourceRef: true,
        calls: { select: { callSid: true, fromNumber: true } },
        events: { where: { type: "call.received" }, select: { id: true } },
      },
    });
    expect(phoneLeads.length).toBeGreaterThanOrEqual(4);
    for (const lead of phoneLeads) {
      const who = lead.callerName ?? lead.callerPhone;
      expect(lead.calls, `${who} has its call`).toHaveLength(1);
      expect(lead.calls[0]).toEqual({ callSid: lead.sourceRef, fromNumber: lead.callerPhone });
      expect(lead.events, `${who}'s timeline says a call came in`).toHaveLength(1);
    }
  });

  it("marks the tracking number as receiving calls, since the demo's first call", async () => {
    const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO.tenant.slug } });
    const number = await db.prisma.trackingNumber.findFirstOrThrow({
      where: { tenantId: tenant.id, e164: DEMO.trackingNumber },
    });
    const first = await db.prisma.call.findFirstOrThrow({
      where: { tenantId: tenant.id, isTest: false },
      orderBy: { startedAt: "asc" },
    });
    expect(number.receivingCallsAt).toEqual(first.startedAt);
  });

  it("adds up to a report that agrees with itself: every phone lead a call, a funnel that never widens", async () => {
    const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO.tenant.slug } });
    const report = await getReport(
      {
        db: tenantScoped(db.prisma, tenant.id),
        tenantId: tenant.id,
        viewer: { userId: "demo", role: "owner" },
      },
      { kind: "this_month" },
      SEEDED_AT,
    );
    const phone = report.bySource.find((s) => s.source === "phone");
    // Maria, James and Priya are customers who called; the robocall and the sales call are calls only.
    expect(phone?.leads).toBe(3);
    expect(report.current.calls).toBe(5);
    expect(report.current.calls).toBeGreaterThanOrEqual(phone!.leads);
    expect(report.current.missedCalls).toBeLessThanOrEqual(report.current.calls);
    expect(report.current.aiRescuedCalls).toBe(3);
    expect(report.current.leads).toBe(report.bySource.reduce((n, s) => n + s.leads, 0));
    const counts = report.funnel.map((f) => f.count);
    expect(counts[0]).toBe(report.current.leads);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    // The daily chart's calls are the Calls figure.
    const charted = report.daily.reduce((n, d) => n + d.answered + d.booked + d.rescued + d.missed, 0);
    expect(charted).toBe(report.current.calls);
  });

  it("knows a business with no real lead yet (its report is an empty state) from one with leads", async () => {
    const report = async (slug: string) => {
      const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug } });
      return getReport(
        {
          db: tenantScoped(db.prisma, tenant.id),
          tenantId: tenant.id,
          viewer: { userId: "demo", role: "owner" },
        },
        { kind: "last_month" },
        SEEDED_AT,
      );
    };
    const fresh = await report(DEMO.secondTenant.slug);
    expect(fresh.hasRealLeads).toBe(false);
    expect([fresh.current.calls, fresh.current.leads, fresh.previous.calls, fresh.previous.leads]).toEqual([
      0, 0, 0, 0,
    ]);
    expect((await report(DEMO.tenant.slug)).hasRealLeads).toBe(true);
  });

  it("names who referred a referral lead, never a call id", async () => {
    const referrals = await db.prisma.lead.findMany({
      where: { source: "referral" },
      select: { callerName: true, sourceRef: true },
    });
    expect(referrals.length).toBeGreaterThan(0);
    for (const r of referrals) expect(r.sourceRef, r.callerName ?? "").toMatch(/^Referred by /);
  });
});
