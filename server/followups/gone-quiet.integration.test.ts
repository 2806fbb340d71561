// Going quiet on a real database and a real pg-boss: a caller who has said nothing for 1, 3 and 7
// days has the temperature recomputed with "went quiet for N days" on the timeline, and the new
// band moves the follow-up cadence; two workers and replayed sweeps write each threshold once;
// any movement on the lead starts the quiet spell over; a closed lead leaves the sweep; the new
// temperature is written on the lead as it is then.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { createBoss, type Boss } from "@/server/jobs/boss";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { engineName, untilALockIsAwaited, useTestDatabase } from "@/server/test/test-db";
import { createLead } from "@/server/leads/create-lead";
import { closeLead } from "@/server/leads/close-lead";
import { logTouchpoint } from "@/server/leads/log-touchpoint";
import { temperatureOf } from "@/server/leads/temperature";
import { onLinkOpened } from "./approval-queue";
import { recordQuiet, type QuietJob } from "./gone-quiet";
import { QUIET_JOB, quietKey, sweepQuietLeads, type EnqueueMany } from "./jobs";
import { saveSequence } from "./sequences";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
const bizDb = () => tenantScoped(prisma, biz.tenant.id);
const DAY = 86_400_000;
let seq = 0;

/** A web-form lead that came in `daysAgo` and has heard nothing since. */
async function quietLead(daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * DAY);
  return createLead(
    { db: bizDb(), tenantId: biz.tenant.id, actorId: null, now: at },
    {
      callerPhone: `+1737557${String(1000 + ++seq).padStart(4, "0")}`,
      callerName: "Quinn Quiet",
      source: "web_form",
      issueSummary: "Water heater makes a banging noise",
      urgency: "normal",
      createdAt: at,
    },
  );
}

const quietEvents = async (leadId: string) =>
  (await prisma.leadEvent.findMany({ where: { leadId, type: "lead.temperature_changed" } })).map(
    (e) => e.data as { from: number; to: number; why: string },
  );

/** Runs every quiet job a sweep finds for these leads, straight through the job's function. */
async function sweepAndRun(leadIds: string[], now = new Date()) {
  const jobs: QuietJob[] = [];
  await sweepQuietLeads(systemDb(prisma), now, async (_name, found) => {
    for (const j of found) if (leadIds.includes((j.data as QuietJob).leadId)) jobs.push(j.data as QuietJob);
  });
  return Promise.all(jobs.map((j) => recordQuiet(tenantScoped(prisma, j.tenantId), j, now)));
}

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Quiet Creek Plumbing" });
  // One step a day after the request, so the cadence change is easy to see.
  await saveSequence(bizDb(), biz.tenant.id, "web_form", {
    steps: [{ delayMinutes: 24 * 60, channel: "task", message: "Call about the web request" }],
  });
});
afterAll(async () => {
  await db?.drop();
});

describe(`going quiet (${engineName})`, () => {
  it("a caller quiet for a day cools down: the timeline says so and the next step is spaced out", async () => {
    const lead = await quietLead(1.05);
    expect(lead.temperature).toBe(60); // warm when it came in
    const before = await prisma.followUpEnrollment.findUniqueOrThrow({ where: { leadId: lead.id } });
    expect(before.nextDueAt!.getTime() - lead.createdAt.getTime()).toBe(DAY);

    expect(await sweepAndRun([lead.id])).toEqual(["recorded"]);
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after.temperature).toBe(45);
    expect(after.quietDays).toBe(1);
    expect(after.quietAt!.getTime() - lead.createdAt.getTime()).toBe(3 * DAY);
    expect(await quietEvents(lead.id)).toEqual([
      expect.objectContaining({ from: 60, to: 45, why: "went quiet for 1 day" }),
    ]);
    // Cool (30–49): the same steps, twice as far apart.
    const enrollment = await prisma.followUpEnrollment.findUniqueOrThrow({ where: { leadId: lead.id } });
    expect(enrollment.nextDueAt!.getTime() - lead.createdAt.getTime()).toBe(2 * DAY);
    // Nothing more until the 3-day threshold.
    expect(await sweepAndRun([lead.id])).toEqual([]);
  });

  it("a lead found long quiet jumps to the threshold it passed, once", async () => {
    const lead = await quietLead(8);
    expect(await sweepAndRun([lead.id])).toEqual(["recorded"]);
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after).toMatchObject({ quietDays: 7, quietAt: null, temperature: 35 });
    expect((await quietEvents(lead.id)).map((e) => e.why)).toEqual(["went quiet for 8 days"]);
    expect(await sweepAndRun([lead.id])).toEqual([]);
  });

  it("any movement on the lead starts the quiet spell over", async () => {
    const lead = await quietLead(1.5);
    await sweepAndRun([lead.id]);
    await logTouchpoint(
      { db: bizDb(), tenantId: biz.tenant.id, viewer: { userId: biz.ownerId, role: "owner" } },
      { leadId: lead.id, kind: "left_voicemail" },
    );
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after.quietDays).toBe(0);
    expect(after.quietAt!.getTime()).toBe(after.lastActivityAt.getTime() + DAY);
    expect(await sweepAndRun([lead.id])).toEqual([]);
  });

  // A link opened (engagement that is no activity, so the quiet spell goes on) holds the lead's
  // row while the quiet job claims it: the new temperature is the lead's as it is once the click
  // is written, so the click's warmth is kept, not overwritten by the lead read before it.
  it.skipIf(engineName !== "postgresql")(
    "a link opened while the threshold is recorded keeps its warmth",
    async () => {
      const lead = await quietLead(1.05);
      const now = new Date();
      const job: QuietJob = {
        leadId: lead.id,
        tenantId: biz.tenant.id,
        quietAt: lead.quietAt!.toISOString(),
      };
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const click = bizDb().$transaction(
        async (tx) => {
          await onLinkOpened(tx, { tenantId: biz.tenant.id, now }, lead.id, { type: "sms.link_clicked" });
          await released;
        },
        { timeout: 20_000 },
      );
      const quiet = recordQuiet(bizDb(), job, now);
      await untilALockIsAwaited(prisma);
      release();
      await click;
      expect(await quiet).toBe("recorded");
      const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after).toMatchObject({ linkOpenedAt: now, quietDays: 1, lastActivityAt: lead.lastActivityAt });
      expect(after.temperature).toBe(temperatureOf(after, now));
      expect(after.temperature).toBe(50); // cool after a quiet day (45), and the click's +5
    },
  );

  it("a closed lead leaves the sweep without a word on its timeline", async () => {
    const lead = await quietLead(2);
    await closeLead(
      { db: bizDb(), tenantId: biz.tenant.id, viewer: { userId: biz.ownerId, role: "owner" } },
      { leadId: lead.id, reason: "booked_elsewhere" },
    );
    const stamped = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    if (stamped.quietAt) expect(await sweepAndRun([lead.id])).toEqual(["closed"]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).quietAt).toBeNull();
    expect(await quietEvents(lead.id)).toEqual([]);
  });
});

describe(`going quiet exactly once on pg-boss (${engineName})`, () => {
  it("two workers and replayed sweeps write each threshold once", async () => {
    const leads = await Promise.all([1.2, 1.3, 3.5].map((d) => quietLead(d)));
    const mine = new Set(leads.map((l) => l.id));
    const bosses: Boss[] = [createBoss(db, { schedule: false }), createBoss(db, { schedule: false })];
    let runs = 0;
    for (const boss of bosses) {
      boss.on("error", () => {});
      await boss.start();
      await boss.createQueue(QUIET_JOB, { policy: "short" });
      await boss.work<QuietJob>(QUIET_JOB, { pollingIntervalSeconds: 0.5, batchSize: 3 }, async (jobs) => {
        await Promise.all(
          jobs.map((j) => recordQuiet(tenantScoped(prisma, j.data.tenantId), j.data, new Date())),
        );
        runs += jobs.length;
      });
    }
    try {
      // Both workers sweep three times each; every sweep sees the same quiet leads.
      for (let i = 0; i < 6; i++) {
        const insert: EnqueueMany = async (name, jobs) => {
          const ours = jobs.filter((j) => mine.has((j.data as QuietJob).leadId));
          if (ours.length) await bosses[i % 2]!.insert(name, ours);
        };
        await sweepQuietLeads(systemDb(prisma), new Date(), insert);
      }
      // And the same job sent straight to both, as a replay would.
      for (const l of leads) {
        const job: QuietJob = {
          leadId: l.id,
          tenantId: biz.tenant.id,
          quietAt: new Date(l.createdAt.getTime() + DAY).toISOString(),
        };
        for (const boss of bosses)
          await boss.send(QUIET_JOB, job, { singletonKey: `replay:${quietKey(job)}` });
      }
      await expect
        .poll(
          async () =>
            (await prisma.lead.findMany({ where: { id: { in: [...mine] } } })).map((l) => l.quietDays).sort(),
          {
            timeout: 30_000,
            interval: 200,
          },
        )
        .toEqual([1, 1, 3]);
      await new Promise((r) => setTimeout(r, 1500));
      expect(runs).toBeGreaterThanOrEqual(3);
      for (const l of leads) expect(await quietEvents(l.id)).toHaveLength(1);
    } finally {
      for (const boss of bosses) await boss.stop({ graceful: false, close: !db.pglite });
    }
  });
});
