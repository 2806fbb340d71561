// The escalation rules as durable pg-boss jobs on a real database: each escalation fires
// once with several workers, survives a restart, lands on the lead's timeline and notifies the
// target through the outbox.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";

vi.hoisted(() => {
  process.env.ESCALATION_TIME_SCALE = "0.05"; // sweeps chain every 2 s; timers are 1/20 (fake clock anyway)
});

import { createTestDatabase, engineName } from "@/server/test/test-db";
import { addMember, completeSetup, makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { createBoss, type Boss } from "@/server/jobs/boss";
import { getBoss, sendJob, startJobs, stopJobs } from "@/server/jobs/runtime";
import type { Enqueue } from "@/server/notifications/outbox";
import { notificationSendJob } from "@/server/notifications/notification-jobs";
import { sweepEscalations } from "./escalation-sweep";
import { ESCALATION_JOBS, ESCALATION_SWEEP_JOB } from "./escalation-jobs";
import { escalationsForLeads } from "./escalation-read";

const MIN = 60_000;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fx: Awaited<ReturnType<typeof setup>>;
const queued: string[] = [];
const enqueue: Enqueue = async (_name, data) => {
  queued.push((data as { id: string }).id);
  return null;
};

async function setup() {
  const p = db.prisma;
  const owner = await makeUser(p, { name: "Dana Owner", email: `dana-${Date.now()}@esc.test` });
  const manager = await makeUser(p, { name: "Mia Manager" });
  const sales = await makeUser(p, { name: "Sol Sales" });
  const tenant = await makeTenant(p, {
    name: "Escalation Plumbing",
    ownerId: owner.id,
    timeZone: "America/Chicago",
  });
  await addMember(p, tenant.id, manager.id, "manager");
  await addMember(p, tenant.id, sales.id, "staff");
  await completeSetup(p, tenant.id, { onCallPhone: "+15125550102" });
  await p.routingRule.create({ data: { tenantId: tenant.id, kind: "estimate", userId: sales.id } });
  return { owner, manager, sales, tenant };
}

const sweep = (now: Date) =>
  sweepEscalations({
    sys: systemDb(db.prisma),
    now,
    enqueue,
    timeScale: 1,
    baseUrl: "http://localhost:3000",
  });
const escalated = (leadId: string) =>
  db.prisma.leadEvent.findMany({ where: { leadId, type: "lead.escalated" } });

/** stopJobs keeps the pool open (the app reuses it); on PostgreSQL close it so dropping the test database is quiet. */
async function stopAllJobs() {
  if (db && !db.pglite) await (await getBoss().catch(() => null))?.stop({ graceful: false, close: true });
  await stopJobs();
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await setup();
});
afterAll(async () => {
  await stopAllJobs();
  await db?.drop();
});

describe(`escalation sweep (${engineName})`, () => {
  it("0-5 minutes: an unaccepted emergency escalates to dispatch/on-call once, even when two sweeps run at once", async () => {
    const t0 = new Date(Date.now() - 60 * MIN);
    const lead = await makeLead(db.prisma, fx.tenant.id, {
      urgency: "emergency",
      createdAt: t0,
      lastActivityAt: t0,
      nextAction: "Call back now",
      issueSummary: "burst pipe",
    });
    expect(await sweep(new Date(t0.getTime() + 5 * MIN - 1_000))).toEqual([]);

    const [a, b] = await Promise.all([
      sweep(new Date(t0.getTime() + 5 * MIN)),
      sweep(new Date(t0.getTime() + 5 * MIN)),
    ]);
    const fired = [...a, ...b].filter((f) => f.leadId === lead.id);
    expect(fired).toEqual([
      {
        tenantId: fx.tenant.id,
        leadId: lead.id,
        rule: "urgent_unaccepted",
        period: "",
        targetId: fx.owner.id,
      },
    ]);
    expect(await db.prisma.escalation.count({ where: { leadId: lead.id } })).toBe(1);

    const events = await escalated(lead.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      rule: "urgent_unaccepted",
      target: "dispatch",
      targetId: fx.owner.id,
      targetName: "Dana Owner",
      assignedTo: fx.owner.id,
    });
    // Emergency work cannot sit unowned: it now belongs to dispatch (no routing rule → the owner).
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).ownerId).toBe(fx.owner.id);

    const notes = await db.prisma.notification.findMany({
      where: { leadId: lead.id },
      orderBy: { channel: "asc" },
    });
    expect(notes.map((n) => [n.channel, n.userId, n.to])).toEqual([
      ["in_app", fx.owner.id, null],
      ["sms", fx.owner.id, "+15125550102"],
      ["email", fx.owner.id, fx.owner.email],
    ]);
    expect(notes[0]!.body).toContain("burst pipe");
    // The caller's number as people write it, the urgency in words.
    expect(notes[0]!.body).toMatch(/: Emergency lead from \(\d{3}\) \d{3}-\d{4}: burst pipe\./);
    expect(notes.map((n) => n.body).join(" ")).not.toMatch(/\+1\d{10}/);
    // The in-app note has an "Open lead" link beside it: no raw URL in its text; email and SMS carry it.
    expect(notes[0]!.body).not.toMatch(/https?:\/\/|Open it:/);
    for (const n of notes.slice(1)) expect(n.body).toContain(`/t/${fx.tenant.slug}/leads/${lead.id}`);
    for (const n of notes) expect(queued).toContain(n.id);

    expect(await sweep(new Date(t0.getTime() + 30 * MIN))).not.toContainEqual(
      expect.objectContaining({ leadId: lead.id, rule: "urgent_unaccepted" }),
    );
    const read = await escalationsForLeads(tenantScoped(db.prisma, fx.tenant.id), fx.tenant.id, [
      lead.id,
      "other",
    ]);
    expect(read[lead.id]).toMatchObject({ isEscalated: true, escalations: [{ rule: "urgent_unaccepted" }] });
    expect(read.other).toEqual({ isEscalated: false, escalations: [] });
  });

  it("four sweeps at once over several businesses: each escalation fires once, and each sweep queues only the notifications of the escalations it recorded", async () => {
    const t0 = new Date(Date.now() - 40 * MIN);
    const businesses = await Promise.all(
      [1, 2, 3].map(async () => {
        const tenant = await makeTenant(db.prisma, { ownerId: fx.owner.id });
        await addMember(db.prisma, tenant.id, fx.manager.id, "manager");
        return tenant;
      }),
    );
    // Per business: two unowned emergencies (to dispatch, which takes them) and a standard lead the
    // owner has not accepted (to the manager; the owner hears too). The same instant for all, so
    // the candidate statement's order among them is arbitrary.
    const leads = await Promise.all(
      businesses.flatMap((b) => [
        makeLead(db.prisma, b.id, { urgency: "emergency", createdAt: t0, nextAction: "Call" }),
        makeLead(db.prisma, b.id, { urgency: "high", createdAt: t0, nextAction: "Call" }),
        makeLead(db.prisma, b.id, {
          urgency: "normal",
          createdAt: t0,
          nextAction: "Call",
          ownerId: fx.owner.id,
        }),
      ]),
    );
    const leadIds = new Set(leads.map((l) => l.id));
    const queuedBy: string[][] = [[], [], [], []];
    const at = new Date(t0.getTime() + 20 * MIN);
    const results = await Promise.all(
      queuedBy.map((ids) =>
        sweepEscalations({
          sys: systemDb(db.prisma),
          now: at,
          timeScale: 1,
          enqueue: async (_name, data) => {
            ids.push((data as { id: string }).id);
            return null;
          },
        }),
      ),
    );

    const firedBy = results.map((fired) => fired.filter((f) => leadIds.has(f.leadId)));
    expect(
      firedBy
        .flat()
        .map((f) => `${f.leadId} ${f.rule}`)
        .sort(),
    ).toEqual(
      leads
        .map((l) => `${l.id} ${l.urgency === "normal" ? "standard_unaccepted" : "urgent_unaccepted"}`)
        .sort(),
    );
    expect(await db.prisma.escalation.count({ where: { leadId: { in: [...leadIds] } } })).toBe(9);
    for (const l of leads) expect(await escalated(l.id)).toHaveLength(1);
    const assigned = await db.prisma.lead.findMany({ where: { id: { in: [...leadIds] } } });
    expect(assigned.every((l) => l.ownerId === fx.owner.id)).toBe(true);

    // Urgent: the owner (dispatch) in-app and by email. Standard: the manager in-app and by email, the owner in-app.
    const notes = await db.prisma.notification.findMany({ where: { leadId: { in: [...leadIds] } } });
    expect(notes).toHaveLength(6 * 2 + 3 * 3);
    const queued = queuedBy.flat().filter((id) => notes.some((n) => n.id === id));
    expect(queued.sort()).toEqual(notes.map((n) => n.id).sort());
    queuedBy.forEach((ids, i) => {
      const mine = new Set(firedBy[i]!.map((f) => f.leadId));
      for (const n of notes.filter((n) => ids.includes(n.id))) expect(mine).toContain(n.leadId);
    });
  });

  it("15 minutes: an unaccepted standard inbound lead escalates to the manager, not before", async () => {
    const t0 = new Date(Date.now() - 30 * MIN);
    const lead = await makeLead(db.prisma, fx.tenant.id, {
      urgency: "normal",
      createdAt: t0,
      lastActivityAt: t0,
      nextAction: "Call back",
      ownerId: fx.sales.id,
    });
    expect((await sweep(new Date(t0.getTime() + 14 * MIN))).filter((f) => f.leadId === lead.id)).toEqual([]);
    const fired = (await sweep(new Date(t0.getTime() + 15 * MIN))).filter((f) => f.leadId === lead.id);
    expect(fired).toEqual([
      expect.objectContaining({ rule: "standard_unaccepted", targetId: fx.manager.id }),
    ]);
    // A standard lead keeps its owner; the owner hears about it too.
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).ownerId).toBe(fx.sales.id);
    const inApp = await db.prisma.notification.findMany({
      where: { leadId: lead.id, channel: "in_app" },
      select: { userId: true },
    });
    expect(inApp.map((n) => n.userId).sort()).toEqual([fx.manager.id, fx.sales.id].sort());
  });

  it("never escalates accepted, closed or test leads", async () => {
    const t0 = new Date(Date.now() - 120 * MIN);
    const leads = await Promise.all([
      makeLead(db.prisma, fx.tenant.id, {
        urgency: "emergency",
        createdAt: t0,
        acceptedAt: t0,
        ownerId: fx.owner.id,
        nextAction: "Go",
      }),
      makeLead(db.prisma, fx.tenant.id, {
        urgency: "emergency",
        createdAt: t0,
        status: "closed",
        closeReason: "spam",
        nextAction: "x",
      }),
      makeLead(db.prisma, fx.tenant.id, { urgency: "emergency", createdAt: t0, isTest: true }),
    ]);
    await sweep(new Date());
    expect(await db.prisma.escalation.count({ where: { leadId: { in: leads.map((l) => l.id) } } })).toBe(0);
  });

  it("a business of one: its only member is not escalated to about their own unaccepted leads; a second member, or a lead nobody owns, escalates as before", async () => {
    const p = db.prisma;
    const solo = await makeUser(p, { name: "Sam Solo" });
    const alone = await makeTenant(p, {
      name: "Sam's Plumbing",
      ownerId: solo.id,
      timeZone: "America/Chicago",
    });
    await completeSetup(p, alone.id, { onCallPhone: "+15125550142" });
    const t0 = new Date(Date.now() - 60 * MIN);
    const lead = (over: Parameters<typeof makeLead>[2] = {}) =>
      makeLead(p, alone.id, { createdAt: t0, lastActivityAt: t0, nextAction: "Call back now", ...over });
    const emergency = await lead({ urgency: "emergency", ownerId: solo.id });
    const standard = await lead({ urgency: "normal", ownerId: solo.id });
    const unowned = await lead({ urgency: "emergency", ownerId: null });
    // Another business's unaccepted emergency in the same sweep still fires.
    const elsewhere = await makeLead(p, fx.tenant.id, {
      urgency: "emergency",
      createdAt: t0,
      lastActivityAt: t0,
      ownerId: fx.manager.id,
      nextAction: "Call back now",
    });

    const fired = await sweep(new Date());
    const firedFor = (id: string) => fired.filter((f) => f.leadId === id).map((f) => f.rule);
    expect(firedFor(emergency.id)).toEqual([]);
    expect(firedFor(standard.id)).toEqual([]);
    // Emergency work cannot sit unowned: the one person gets it, with the escalation that assigns it.
    expect(firedFor(unowned.id)).toEqual(["urgent_unaccepted"]);
    expect((await p.lead.findUniqueOrThrow({ where: { id: unowned.id } })).ownerId).toBe(solo.id);
    expect(firedFor(elsewhere.id)).toEqual(["urgent_unaccepted"]);
    expect(await p.notification.count({ where: { leadId: { in: [emergency.id, standard.id] } } })).toBe(0);

    // Once someone else joins, an unaccepted lead goes up to them as the rules say.
    const helper = await makeUser(p, { name: "Hal Helper" });
    await addMember(p, alone.id, helper.id, "manager");
    const later = await sweep(new Date());
    expect(later.filter((f) => f.leadId === standard.id)).toMatchObject([
      { rule: "standard_unaccepted", targetId: helper.id },
    ]);
    expect(later.filter((f) => f.leadId === emergency.id)).toMatchObject([{ rule: "urgent_unaccepted" }]);
  });

  it("leaves leads older than a day to the end-of-day review (no flood of 5/15-minute escalations after downtime)", async () => {
    const old = new Date(Date.now() - 30 * 60 * MIN);
    const lead = await makeLead(db.prisma, fx.tenant.id, {
      urgency: "emergency",
      createdAt: old,
      lastActivityAt: old,
      nextAction: "Call",
    });
    expect((await sweep(new Date())).filter((f) => f.leadId === lead.id)).toEqual([]);
  });

  it("60 minutes: a warm estimate without movement escalates to the sales owner once per quiet stretch", async () => {
    const t0 = new Date(Date.now() - 200 * MIN);
    const lead = await makeLead(db.prisma, fx.tenant.id, {
      isEstimate: true,
      urgency: "low",
      createdAt: t0,
      lastActivityAt: t0,
      acceptedAt: t0,
      ownerId: fx.owner.id,
      nextAction: "Send quote",
    });
    expect((await sweep(new Date(t0.getTime() + 59 * MIN))).filter((f) => f.leadId === lead.id)).toEqual([]);
    expect((await sweep(new Date(t0.getTime() + 60 * MIN))).filter((f) => f.leadId === lead.id)).toEqual([
      expect.objectContaining({ rule: "estimate_idle", targetId: fx.sales.id }),
    ]);
    expect((await sweep(new Date(t0.getTime() + 90 * MIN))).filter((f) => f.leadId === lead.id)).toEqual([]);
    // Movement, then another quiet hour: a new escalation.
    const moved = new Date(t0.getTime() + 100 * MIN);
    await db.prisma.lead.update({ where: { id: lead.id }, data: { lastActivityAt: moved } });
    expect(
      (await sweep(new Date(moved.getTime() + 60 * MIN))).filter((f) => f.leadId === lead.id),
    ).toHaveLength(1);
    expect(await escalated(lead.id)).toHaveLength(2);
  });

  it("end of day: every lead without a recorded next action goes on the manager's review list, with one notice", async () => {
    const tenant = await makeTenant(db.prisma, { ownerId: fx.owner.id, timeZone: "America/Chicago" });
    await addMember(db.prisma, tenant.id, fx.manager.id, "manager");
    // 2026-11-01 is the day Chicago falls back to CST: 5 PM local = 23:00Z.
    const morning = new Date("2026-11-01T15:00:00.000Z");
    const leads = await Promise.all(
      [1, 2, 3].map(() =>
        makeLead(db.prisma, tenant.id, {
          createdAt: morning,
          acceptedAt: morning,
          ownerId: fx.owner.id,
          nextAction: null,
        }),
      ),
    );
    await makeLead(db.prisma, tenant.id, {
      createdAt: morning,
      acceptedAt: morning,
      nextAction: "Call at 9",
    });
    const t = (iso: string) =>
      sweepEscalations({ sys: systemDb(db.prisma), now: new Date(iso), enqueue, timeScale: 1 });

    expect((await t("2026-11-01T22:59:00.000Z")).filter((f) => f.tenantId === tenant.id)).toEqual([]);
    const fired = (await Promise.all([t("2026-11-01T23:00:00.000Z"), t("2026-11-01T23:00:00.000Z")]))
      .flat()
      .filter((f) => f.tenantId === tenant.id);
    expect(fired.map((f) => f.leadId).sort()).toEqual(leads.map((l) => l.id).sort());
    expect(
      fired.every(
        (f) => f.rule === "end_of_day" && f.period === "2026-11-01" && f.targetId === fx.manager.id,
      ),
    ).toBe(true);
    const notices = await db.prisma.notification.findMany({
      where: { tenantId: tenant.id, purpose: "routine.review_list" },
    });
    expect(notices.map((n) => n.channel).sort()).toEqual(["email", "in_app"].sort());
    expect(notices.find((n) => n.channel === "in_app")!.body).toContain(
      "3 leads have no recorded next action",
    );
    expect((await t("2026-11-01T23:30:00.000Z")).filter((f) => f.tenantId === tenant.id)).toEqual([]);
    // The next day is a new review.
    expect((await t("2026-11-02T23:00:00.000Z")).filter((f) => f.tenantId === tenant.id)).toHaveLength(3);
  });
});

describe(`escalation timers as pg-boss jobs (${engineName})`, () => {
  it("two workers (two pg-boss instances) sweeping at once fire each escalation once", async () => {
    const t0 = new Date(Date.now() - 10 * MIN);
    const tenant = await makeTenant(db.prisma, { ownerId: fx.owner.id });
    const leads = await Promise.all(
      [1, 2, 3, 4].map(() =>
        makeLead(db.prisma, tenant.id, { urgency: "emergency", createdAt: t0, nextAction: "Call" }),
      ),
    );
    const bosses: Boss[] = [createBoss(db, { schedule: false }), createBoss(db, { schedule: false })];
    let runs = 0;
    for (const boss of bosses) {
      boss.on("error", () => {});
      await boss.start();
      await boss.createQueue("test.sweep", {});
      await boss.createQueue(notificationSendJob.name, notificationSendJob.queue);
      const send: Enqueue = (name, data, options) => boss.send(name, data, options ?? {});
      await boss.work("test.sweep", { pollingIntervalSeconds: 0.5, batchSize: 2 }, async (jobs) => {
        await Promise.all(
          jobs.map(() =>
            sweepEscalations({ sys: systemDb(db.prisma), now: new Date(), enqueue: send, timeScale: 1 }),
          ),
        );
        runs += jobs.length;
      });
    }
    for (let i = 0; i < 6; i++) await bosses[i % 2]!.send("test.sweep", {});
    await expect.poll(() => runs, { timeout: 30_000, interval: 200 }).toBe(6);
    for (const boss of bosses) await boss.stop({ graceful: false, close: !db.pglite });
    expect(await db.prisma.escalation.count({ where: { tenantId: tenant.id } })).toBe(4);
    expect(await db.prisma.leadEvent.count({ where: { tenantId: tenant.id, type: "lead.escalated" } })).toBe(
      4,
    );
    expect(await db.prisma.notification.count({ where: { tenantId: tenant.id, channel: "in_app" } })).toBe(4);
    for (const l of leads) expect(await escalated(l.id)).toHaveLength(1);
  });

  it("timers survive a restart: a lead that comes due while the workers are down fires once when they start again", async () => {
    let clock = new Date();
    const tenant = await makeTenant(db.prisma, { ownerId: fx.owner.id });
    const lead = await makeLead(db.prisma, tenant.id, {
      urgency: "emergency",
      createdAt: clock,
      nextAction: "Call",
    });
    const opts = { pollingIntervalSeconds: 0.5, now: () => clock };

    await startJobs(db, ESCALATION_JOBS as never, opts);
    await sendJob(ESCALATION_SWEEP_JOB, {});
    // The first sweep ran (it queued the next one) and nothing was due yet.
    await expect
      .poll(
        () =>
          db.prisma
            .$queryRawUnsafe<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM pgboss.job WHERE name = '${ESCALATION_SWEEP_JOB}' AND singleton_key = 'next'`,
            )
            .then((r) => r[0]!.n),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    expect(await db.prisma.escalation.count({ where: { leadId: lead.id } })).toBe(0);
    await stopAllJobs();

    clock = new Date(clock.getTime() + 10 * MIN); // due while nobody runs
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await db.prisma.escalation.count({ where: { leadId: lead.id } })).toBe(0);

    await startJobs(db, ESCALATION_JOBS as never, opts);
    await expect
      .poll(() => db.prisma.escalation.count({ where: { leadId: lead.id } }), {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(1);
    // The in-app notification is delivered by the outbox job.
    await expect
      .poll(
        async () =>
          (await db.prisma.notification.findFirst({ where: { leadId: lead.id, channel: "in_app" } }))?.status,
        { timeout: 20_000 },
      )
      .toBe("sent");
    await new Promise((r) => setTimeout(r, 4_500)); // two more sweeps
    await stopAllJobs();
    expect(await escalated(lead.id)).toHaveLength(1);
  });
});
