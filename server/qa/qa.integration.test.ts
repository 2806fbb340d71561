// QA and reliability on a real Postgres engine: the daily sample, the 5 % rule that
// moves a business to the safe prompt profile, the next call on that profile, and switching back.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { makeAiCall } from "@/prisma/factories";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { TwilioCall } from "@/server/test/webhook-test-kit";
import { qaSampleJob } from "./jobs";
import { sampleQaDay } from "./sample-qa-day";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;

// Monday 2 March 2026 in Austin: calls through the day, the job at 18:30 local (00:30 UTC next day).
const EVENING = new Date("2026-03-03T00:30:00Z");
const AFTERNOON = new Date("2026-03-02T21:00:00Z");
const at = (hourUtc: number, minute = 0) => new Date(Date.UTC(2026, 2, 2, hourUtc, minute));

// The leak gets the safety question (answered no) and the booking its read-back (confirmed).
const GOOD = [
  "my zip is seven eight seven oh one",
  "the kitchen sink is leaking under the cabinet",
  "no, it's just dripping into a bucket",
  "this is Maria Lopez",
  "yes please, send someone out",
  "it's 123 Main Street",
  "the first one",
  "yes, that's right",
];
const CALLBACK = ["78702", "we'd like a quote for a new water heater", "Sam Reed", "just call me back"];
const noEnqueue = async () => null;

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
});
afterAll(() => db?.drop());

async function business(name: string): Promise<TestBusiness> {
  return makeTestBusiness(prisma, { name });
}

/** `good` passing AI calls and `bad` failing ones (urgency mislabelled), spread over the day. */
async function dayOfCalls(biz: TestBusiness, good: number, bad: number, extra: { test?: number } = {}) {
  let minute = 0;
  const next = () => at(14 + Math.floor(minute / 60), (minute += 7) % 60);
  for (let i = 0; i < good; i++)
    await makeAiCall(prisma, biz.tenant.id, {
      lines: i % 2 ? GOOD : CALLBACK,
      startedAt: next(),
      now: at(14),
    });
  for (let i = 0; i < bad; i++)
    await makeAiCall(prisma, biz.tenant.id, {
      lines: CALLBACK,
      startedAt: next(),
      now: at(14),
      edit: (s) => void (s.fields.urgency = "high"),
    });
  for (let i = 0; i < (extra.test ?? 0); i++)
    await makeAiCall(prisma, biz.tenant.id, {
      lines: CALLBACK,
      startedAt: next(),
      now: at(14),
      isTest: true,
      edit: (s) => void (s.fields.urgency = "emergency"),
    });
}

describe(`Daily QA sample: 10 random AI-handled calls (${engineName})`, () => {
  it("samples at most 10 AI-handled calls of the day, never test calls or calls the AI did not handle", async () => {
    const biz = await business("Sample Plumbing");
    await dayOfCalls(biz, 13, 0, { test: 4 });
    // A call the plumber answered: no intake state.
    await prisma.call.create({
      data: {
        tenantId: biz.tenant.id,
        callSid: `CA${"1".repeat(32)}`,
        fromNumber: "+15125559999",
        toNumber: biz.trackingNumber,
        stage: "ended",
        startedAt: at(15),
      },
    });
    // Yesterday's AI call is not today's sample.
    await makeAiCall(prisma, biz.tenant.id, { lines: CALLBACK, startedAt: new Date("2026-03-01T20:00:00Z") });

    const r = await sampleQaDay(tenantScoped(prisma, biz.tenant.id), {
      tenantId: biz.tenant.id,
      now: EVENING,
      enqueue: noEnqueue,
    });
    expect(r).toMatchObject({
      day: "2026-03-02",
      alreadySampled: false,
      eligible: 13,
      sampled: 10,
      failed: 0,
      switchedToSafe: false,
    });
    const reviews = await prisma.qaReview.findMany({ where: { tenantId: biz.tenant.id } });
    expect(reviews).toHaveLength(10);
    const calls = await prisma.call.findMany({ where: { id: { in: reviews.map((x) => x.callId) } } });
    expect(calls.every((c) => !c.isTest && c.startedAt >= at(6) && c.modelUsed === "rules")).toBe(true);
    expect(reviews.every((x) => x.verdict === "pass")).toBe(true);
  });

  it("samples a day once, even when the job runs twice at the same time", async () => {
    const biz = await business("Twice Plumbing");
    await dayOfCalls(biz, 14, 0);
    const others = await prisma.tenant.findMany({
      where: { id: { not: biz.tenant.id } },
      select: { id: true },
    });
    // Other tenants are already sampled (or not due): only this one is in play.
    for (const t of others)
      await prisma.qaDay.upsert({
        where: { tenantId_sampledOn: { tenantId: t.id, sampledOn: "2026-03-02" } },
        create: { tenantId: t.id, sampledOn: "2026-03-02" },
        update: {},
      });
    const ctx = { sys: systemDb(prisma), now: () => EVENING };
    await Promise.all([
      qaSampleJob.work({}, ctx),
      qaSampleJob.work({}, ctx),
      sampleQaDay(tenantScoped(prisma, biz.tenant.id), {
        tenantId: biz.tenant.id,
        now: EVENING,
        enqueue: noEnqueue,
      }),
    ]);
    expect(await prisma.qaReview.count({ where: { tenantId: biz.tenant.id } })).toBe(10);
    expect(await prisma.qaDay.findMany({ where: { tenantId: biz.tenant.id } })).toMatchObject([
      { sampledOn: "2026-03-02", sampled: 10, eligible: 14 },
    ]);
    // A later hourly run the same day changes nothing.
    await qaSampleJob.work({}, { sys: systemDb(prisma), now: () => new Date(EVENING.getTime() + 3_600_000) });
    expect(await prisma.qaReview.count({ where: { tenantId: biz.tenant.id } })).toBe(10);
  });

  it("waits for 18:00 in the business's time zone before sampling the day", async () => {
    const biz = await business("Early Plumbing");
    await dayOfCalls(biz, 2, 0);
    await qaSampleJob.work({}, { sys: systemDb(prisma), now: () => AFTERNOON }); // 15:00 in Austin
    expect(await prisma.qaDay.count({ where: { tenantId: biz.tenant.id } })).toBe(0);
  });
});

describe(`If daily QA failure exceeds 5%, move to safe prompt profile and perform prompt review (${engineName})`, () => {
  it("switches a day over 5 % to the safe profile, audits it, tells the owner, and the next call records promptProfile safe", async () => {
    const biz = await business("Failing Plumbing");
    await dayOfCalls(biz, 8, 2);
    const r = await sampleQaDay(tenantScoped(prisma, biz.tenant.id), {
      tenantId: biz.tenant.id,
      now: EVENING,
      enqueue: noEnqueue,
    });
    expect(r).toMatchObject({ sampled: 10, failed: 2, switchedToSafe: true });
    expect(r.rate).toBeCloseTo(0.2);

    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: biz.tenant.id } })).promptProfile).toBe(
      "safe",
    );
    const audit = await prisma.auditLog.findMany({
      where: { tenantId: biz.tenant.id, action: "qa.safe_profile" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({
      from: "standard",
      to: "safe",
      day: "2026-03-02",
      failed: 2,
      sampled: 10,
    });
    const notes = await prisma.notification.findMany({
      where: { tenantId: biz.tenant.id, purpose: "qa.safe_profile" },
    });
    expect(notes.map((n) => [n.userId, n.channel, n.leadId]).sort()).toEqual([
      [biz.ownerId, "email", null],
      [biz.ownerId, "in_app", null],
    ]);
    expect(notes[0]!.body).toBe(
      "AI calls failed QA today (2 of 10); switched to the safe prompt profile; review the prompts.",
    );
    const failed = await prisma.qaReview.findMany({ where: { tenantId: biz.tenant.id, verdict: "fail" } });
    expect(failed.map((f) => (f.criteria as { criterion: string }[]).map((c) => c.criterion))).toEqual([
      ["incorrect_urgency"],
      ["incorrect_urgency"],
    ]);

    // The next call, through the signed Twilio webhooks, runs on the safe profile.
    const call = new TwilioCall(biz.trackingNumber);
    await call.missed("no-answer");
    const row = await prisma.call.findUniqueOrThrow({ where: { callSid: call.callSid } });
    expect(row.promptProfile).toBe("safe");
    expect((row.state as { profile: string }).profile).toBe("safe");

    // The owner switches back after the prompt review, with a reason; both changes are audited.
    const owner = callerFor(prisma, biz.ownerId, biz.tenant.slug);
    await expect(owner.qa.setProfile({ profile: "standard", reason: "" })).rejects.toThrow(/Say why/);
    const back = await owner.qa.setProfile({
      profile: "standard",
      reason: "Reviewed the prompts: urgency labels fixed.",
    });
    expect(back).toMatchObject({
      profile: "standard",
      reason: "Reviewed the prompts: urgency labels fixed.",
      byQa: false,
      changedBy: "Olivia Owner",
    });
    const office = callerFor(prisma, biz.officeId, biz.tenant.slug);
    await expect(office.qa.setProfile({ profile: "safe", reason: "staff cannot" })).rejects.toThrow(
      /cannot do this/,
    );

    // A re-run of the same day does not switch it again.
    const again = await sampleQaDay(tenantScoped(prisma, biz.tenant.id), {
      tenantId: biz.tenant.id,
      now: new Date(EVENING.getTime() + 60_000),
      topUp: true,
      enqueue: noEnqueue,
    });
    expect(again).toMatchObject({ day: "2026-03-02", sampled: 10, failed: 2 });
    expect(again.switchedToSafe).toBe(false);
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: biz.tenant.id } })).promptProfile).toBe(
      "standard",
    );
  });

  it("leaves a day at or below 5 % on the standard profile", async () => {
    const biz = await business("Passing Plumbing");
    await dayOfCalls(biz, 10, 0);
    const r = await sampleQaDay(tenantScoped(prisma, biz.tenant.id), {
      tenantId: biz.tenant.id,
      now: EVENING,
      enqueue: noEnqueue,
    });
    expect(r).toMatchObject({ sampled: 10, failed: 0, switchedToSafe: false });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: biz.tenant.id } })).promptProfile).toBe(
      "standard",
    );
    expect(
      await prisma.auditLog.count({ where: { tenantId: biz.tenant.id, action: "qa.safe_profile" } }),
    ).toBe(0);
  });

  it("lets a reviewer override a verdict with a note; the day's numbers follow the override", async () => {
    const biz = await business("Override Plumbing");
    await dayOfCalls(biz, 4, 0);
    await sampleQaDay(tenantScoped(prisma, biz.tenant.id), {
      tenantId: biz.tenant.id,
      now: EVENING,
      enqueue: noEnqueue,
    });
    const owner = callerFor(prisma, biz.ownerId, biz.tenant.slug);
    const before = await owner.qa.reviews({ day: "2026-03-02" });
    expect(before).toMatchObject({ sampled: 4, failed: 0 });
    await expect(
      owner.qa.override({ reviewId: before.items[0]!.id, verdict: "fail", note: "" }),
    ).rejects.toThrow(/Add a note/);
    const res = await owner.qa.override({
      reviewId: before.items[0]!.id,
      verdict: "fail",
      note: "The caller said it was a gas smell.",
    });
    // One confirmed failure in four is 25 %: over the line.
    expect(res.switchedToSafe).toBe(true);
    const after = await owner.qa.reviews({ day: "2026-03-02" });
    expect(after.items[0]).toMatchObject({
      verdict: "pass",
      reviewerVerdict: "fail",
      effectiveVerdict: "fail",
      reviewerNote: "The caller said it was a gas smell.",
      reviewerName: "Olivia Owner",
    });
    expect(after.items[0]!.leadId).toBeTruthy();
    const days = await owner.qa.days();
    expect(days.hasAiCalls).toBe(true);
    expect(days.days).toHaveLength(30);
    expect(days.profile).toMatchObject({ profile: "safe", byQa: true, changedBy: "Daily QA" });
  });
});
