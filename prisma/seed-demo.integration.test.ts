// The demo data looks like a real morning: visits inside the business's hours, every lead the AI
// answered with the conversation that made it, and a referral that names who referred it.
import { TZDate } from "@date-fns/tz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { DEMO, seedDemo } from "./seed-demo";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  db = await useTestDatabase();
  // Seeded late on a Friday night in Austin (12:50 AM Saturday): tomorrow is a closed day.
  await seedDemo(db.prisma, new Date("2026-12-12T06:50:00Z"));
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

  it("names who referred a referral lead, never a call id", async () => {
    const referrals = await db.prisma.lead.findMany({
      where: { source: "referral" },
      select: { callerName: true, sourceRef: true },
    });
    expect(referrals.length).toBeGreaterThan(0);
    for (const r of referrals) expect(r.sourceRef, r.callerName ?? "").toMatch(/^Referred by /);
  });
});
