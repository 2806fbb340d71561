// The daily routine and the in-app notifications, through the same tRPC router the app
// serves, on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { callerFor } from "@/server/test/caller";
import { addMember, makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { notify } from "@/server/notifications/outbox";
import { sweepEscalations } from "@/server/leads/escalation-sweep";
import { routineWindows } from "./routine-windows";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fx: Awaited<ReturnType<typeof setup>>;
const HOUR = 3_600_000;

async function setup() {
  const p = db.prisma;
  const owner = await makeUser(p, { name: "Dana Owner" });
  const staff = await makeUser(p, { name: "Sam Staff" });
  const other = await makeUser(p, { name: "Olga Other" });
  const tenant = await makeTenant(p, { ownerId: owner.id, timeZone: "America/Chicago" });
  await addMember(p, tenant.id, staff.id, "staff");
  await addMember(p, tenant.id, other.id, "staff");
  const now = new Date();
  const w = routineWindows(now, "America/Chicago");
  const lead = (o: Parameters<typeof makeLead>[2]) => makeLead(p, tenant.id, o);
  const leads = {
    fresh: await lead({
      callerName: "Fresh Caller",
      createdAt: new Date(w.previousClose.getTime() + 60_000),
      lastActivityAt: new Date(w.previousClose.getTime() + 60_000),
      nextAction: "Call back",
      dueAt: now,
    }),
    old: await lead({
      callerName: "Old Caller",
      createdAt: new Date(w.previousClose.getTime() - 48 * HOUR),
      lastActivityAt: new Date(w.previousClose.getTime() - 48 * HOUR),
      nextAction: null,
    }),
    hot: await lead({
      callerName: "Hot Caller",
      urgency: "emergency",
      createdAt: new Date(w.previousClose.getTime() - 30 * HOUR),
      nextAction: "Dispatch",
    }),
    booked: await lead({
      callerName: "Booked Caller",
      status: "booked",
      appointmentAt: new Date(w.todayStart.getTime() + 14 * HOUR),
      createdAt: new Date(w.previousClose.getTime() - 30 * HOUR),
      nextAction: "Confirm",
    }),
    tomorrow: await lead({
      callerName: "Tomorrow Caller",
      createdAt: new Date(w.previousClose.getTime() - 30 * HOUR),
      nextAction: "Call at 9",
      dueAt: new Date(w.tomorrowStart.getTime() + 9 * HOUR),
    }),
    othersNoNext: await lead({
      callerName: "Other's Lead",
      ownerId: other.id,
      createdAt: new Date(w.previousClose.getTime() - 30 * HOUR),
      nextAction: null,
    }),
    test: await lead({ callerName: "Test Caller", isTest: true, nextAction: null }),
    closed: await lead({
      callerName: "Closed Caller",
      status: "closed",
      closeReason: "spam",
      nextAction: null,
    }),
  };
  return { owner, staff, other, tenant, leads };
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await setup();
});
afterAll(() => db?.drop());

const names = (r: { items: { callerName: string | null }[] }) => r.items.map((i) => i.callerName).sort();

describe(`daily routines (${engineName})`, () => {
  it("morning: new since yesterday's close, hot leads (temperature > 80 or emergency), today's appointments", async () => {
    const owner = callerFor(db.prisma, fx.owner.id, fx.tenant.slug);
    expect(names(await owner.routines.section({ section: "new" }))).toEqual(["Fresh Caller"]);
    expect(names(await owner.routines.section({ section: "hot" }))).toEqual(["Hot Caller"]);
    expect(names(await owner.routines.section({ section: "appointments" }))).toEqual(["Booked Caller"]);
  });

  it("end of day: every open lead without a recorded next action is on the review list; tomorrow's callbacks listed", async () => {
    const owner = callerFor(db.prisma, fx.owner.id, fx.tenant.slug);
    expect(names(await owner.routines.section({ section: "review" }))).toEqual([
      "Old Caller",
      "Other's Lead",
    ]);
    expect(names(await owner.routines.section({ section: "callbacks" }))).toEqual(["Tomorrow Caller"]);
    const summary = await owner.routines.summary();
    expect(summary.counts).toMatchObject({ new: 1, hot: 1, appointments: 1, review: 2, callbacks: 1 });
    expect(summary.windows.timeZone).toBe("America/Chicago");
  });

  it("each tab's number counts a lead once, however many of the tab's lists it is on", async () => {
    const p = db.prisma;
    const owner = await makeUser(p, { name: "Tab Owner" });
    const tenant = await makeTenant(p, { ownerId: owner.id, timeZone: "America/Chicago" });
    const w = routineWindows(new Date(), "America/Chicago");
    // A new emergency without a next action: on "New since yesterday's close" and "Hot leads" in
    // the morning, and on the review list at the end of the day.
    await makeLead(p, tenant.id, {
      callerName: "New Emergency",
      urgency: "emergency",
      createdAt: new Date(w.previousClose.getTime() + 60_000),
      nextAction: null,
    });
    const summary = await callerFor(p, owner.id, tenant.slug).routines.summary();
    expect(summary.counts).toMatchObject({ new: 1, hot: 1, appointments: 0, review: 1, callbacks: 0 });
    expect(summary.tabCounts).toMatchObject({ morning: 1, "end-of-day": 1 });
  });

  it("staff see only unowned leads and their own on the routine lists", async () => {
    const staff = callerFor(db.prisma, fx.staff.id, fx.tenant.slug);
    expect(names(await staff.routines.section({ section: "review" }))).toEqual(["Old Caller"]);
  });

  it("marks leads escalated by the end-of-day review on the review list", async () => {
    // Tomorrow just after 5 PM in the tenant's time zone.
    const after = new Date(
      routineWindows(new Date(Date.now() + 24 * HOUR), "America/Chicago").endOfDay.getTime() + 60_000,
    );
    await sweepEscalations({ sys: systemDb(db.prisma), now: after, enqueue: async () => null });
    const owner = callerFor(db.prisma, fx.owner.id, fx.tenant.slug);
    const review = await owner.routines.section({ section: "review" });
    expect(review.items.every((i) => i.isEscalated)).toBe(true);
  });
});

describe(`in-app notifications (${engineName})`, () => {
  it("lists a person's own notifications, counts unread, and marks them read; another person's id changes nothing", async () => {
    const mk = (userId: string, purpose: string) =>
      notify({
        db: tenantScoped(db.prisma, fx.tenant.id),
        tenantId: fx.tenant.id,
        userId,
        channel: "in_app",
        purpose,
        leadId: fx.leads.hot.id,
        body: `Escalated ${purpose}`,
        enqueue: async () => null,
      });
    const mine = await mk(fx.staff.id, "test.a");
    await mk(fx.staff.id, "test.b");
    const theirs = await mk(fx.other.id, "test.c");
    const staff = callerFor(db.prisma, fx.staff.id, fx.tenant.slug);
    expect((await staff.notifications.list()).items.map((n) => n.body).sort()).toEqual([
      "Escalated test.a",
      "Escalated test.b",
    ]);
    expect(await staff.notifications.unreadCount()).toEqual({ count: 2, canSeeOutbox: false });
    expect(await staff.notifications.markRead({ id: theirs.id })).toEqual({ updated: false });
    expect(await staff.notifications.markRead({ id: mine.id })).toEqual({ updated: true });
    expect((await staff.notifications.list({ unreadOnly: true })).items.map((n) => n.body)).toEqual([
      "Escalated test.b",
    ]);
    expect(await staff.notifications.markAllRead()).toEqual({ updated: 1 });
    expect((await callerFor(db.prisma, fx.other.id, fx.tenant.slug).notifications.unreadCount()).count).toBe(
      1,
    );
  });

  it("the dev outbox lists SMS and email for the owner and refuses staff", async () => {
    await notify({
      db: tenantScoped(db.prisma, fx.tenant.id),
      tenantId: fx.tenant.id,
      userId: fx.owner.id,
      channel: "sms",
      to: "+15125550102",
      purpose: "test.sms",
      body: "Emergency: call back",
      enqueue: async () => null,
    });
    const outbox = await callerFor(db.prisma, fx.owner.id, fx.tenant.slug).notifications.outbox({
      channel: "sms",
    });
    expect(outbox.items.map((n) => [n.to, n.body])).toContainEqual(["+15125550102", "Emergency: call back"]);
    await expect(
      callerFor(db.prisma, fx.staff.id, fx.tenant.slug).notifications.outbox(),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
