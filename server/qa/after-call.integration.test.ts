// Every call read again after it ends: a call whose live handling missed an emergency gets the
// urgent callback task (due in 5 minutes), the staff alert and a QA flag from the after-call
// check within a minute of the final status webhook, exactly once however often Twilio repeats
// it — with the rules (a cue split across answers) and with a configured model (the fake
// OpenAI-compatible server), through the real signed webhooks and a real pg-boss queue.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Lead, PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { TwilioCall } from "@/server/test/webhook-test-kit";
import { setIntakeEngine } from "@/server/calls/voice-route";
import { createIntakeEngine, intakeConfigFromEnv } from "@/server/intake/engine";
import { extraction } from "@/server/intake/extraction";
import { chatCompletion, fakeOpenAI } from "@/server/test/fake-openai-server";
import { startJobs, stopJobs } from "@/server/jobs/runtime";
import { newCallState, type CallState } from "@/server/voice/state-machine";
import { systemDb } from "@/server/db/system";
import { callsWithoutAfterCallReview } from "@/server/db/cross-tenant-sweeps";
import {
  afterCallJob,
  afterCallSweepJob,
  AFTER_CALL_JOB,
  enqueueAfterCallCheck,
  runAfterCallCheck,
} from "./after-call-jobs";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
  // The live call without the safety question: how a live miss is produced for this test.
  process.env.INTAKE_SAFETY_QUESTION = "off";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
});
afterAll(async () => {
  await stopJobs();
  await db?.drop();
});

const leadOf = (call: TwilioCall) => prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
const urgentTasks = async (call: TwilioCall) =>
  prisma.task.findMany({ where: { leadId: (await leadOf(call)).id, kind: "urgent_callback" } });
/** An ended AI call on `lead`: its saved state, and the caller's lines as its turns. */
async function endedCall(
  lead: Pick<Lead, "id" | "sourceRef" | "callerPhone" | "isTest">,
  state: CallState,
  lines: string[],
  times: { startedAt?: Date; endedAt: Date },
) {
  const call = await prisma.call.create({
    data: {
      tenantId: biz.tenant.id,
      leadId: lead.id,
      callSid: lead.sourceRef,
      fromNumber: lead.callerPhone,
      toNumber: biz.trackingNumber,
      stage: "ended",
      state,
      isTest: lead.isTest,
      ...times,
    },
  });
  await prisma.callTurn.createMany({
    data: lines.map((text, seq) => ({
      tenantId: biz.tenant.id,
      callId: call.id,
      seq,
      speaker: "caller",
      text,
    })),
  });
  return call;
}

const jobsLeft = async () =>
  (
    await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = '${AFTER_CALL_JOB}' AND state IN ('created','retry','active')`,
    )
  )[0]!.n;

/** Hangs up (twice: Twilio repeats status callbacks) and waits for the scan's urgent callback task. */
async function hangUpAndWaitForScan(call: TwilioCall) {
  const endedAt = Date.now();
  await call.ended();
  await call.ended();
  await expect.poll(async () => (await urgentTasks(call)).length, { timeout: 60_000, interval: 250 }).toBe(1);
  const elapsed = Date.now() - endedAt;
  await expect.poll(jobsLeft, { timeout: 30_000, interval: 250 }).toBe(0);
  return elapsed;
}

async function expectUpgraded(call: TwilioCall, how: string, elapsedMs: number) {
  // Within a minute of the final status webhook.
  expect(elapsedMs).toBeLessThan(60_000);
  const lead = await leadOf(call);
  expect(lead.urgency).toBe("emergency");
  expect(lead.ownerId).toBe(biz.dispatchId);
  const [task] = await urgentTasks(call);
  expect(task!.assigneeId).toBe(biz.dispatchId);
  expect(task!.title).toMatch(
    /^Emergency found after the call \(water that won't stop\): call back within 5 minutes$/,
  );
  const dueIn = (task!.dueAt.getTime() - Date.now()) / 60_000;
  expect(dueIn).toBeGreaterThan(3.5);
  expect(dueIn).toBeLessThanOrEqual(5);
  expect(lead.nextAction).toBe(task!.title);
  const events = await prisma.leadEvent.findMany({
    where: { leadId: lead.id, type: "qa.after_call_emergency" },
  });
  expect(events).toHaveLength(1);
  expect(events[0]!.data).toMatchObject({ kind: "flooding", how });
  // The staff alert, through the notification outbox: the dispatcher in the app, the on-call phone by text.
  const alerts = await prisma.notification.findMany({
    where: { leadId: lead.id, purpose: "qa.after_call_emergency" },
  });
  expect(alerts.map((a) => a.channel).sort()).toEqual(expect.arrayContaining(["in_app", "sms"]));
  expect(alerts.find((a) => a.channel === "in_app")!.userId).toBe(biz.dispatchId);
  // The QA flag: one review of the call, on the lead page and in the day's QA.
  const reviews = await prisma.afterCallReview.findMany({ where: { leadId: lead.id } });
  expect(reviews).toHaveLength(1);
  expect(reviews[0]).toMatchObject({ upgraded: true });
  const page = await callerFor(prisma, biz.ownerId, biz.tenant.slug).leads.get({ id: lead.id });
  expect(page.qaFlags).toEqual([
    expect.objectContaining({ kind: "emergency_missed", label: "Missed emergency" }),
  ]);
  const qa = await callerFor(prisma, biz.ownerId, biz.tenant.slug).qa.reviews({ day: reviews[0]!.callDay });
  expect(qa.afterCall.find((r) => r.leadId === lead.id)).toMatchObject({
    upgraded: true,
    flags: [expect.objectContaining({ kind: "emergency_missed" })],
  });
  return { lead, reviews };
}

describe(`after-call check (${engineName})`, () => {
  afterEach(async () => {
    setIntakeEngine(undefined);
    await stopJobs();
  });

  it("a flood described across two answers, missed live, gets the urgent callback from the scan within a minute, once", async () => {
    await startJobs(db, [afterCallJob], { pollingIntervalSeconds: 0.5 });
    const call = new TwilioCall(biz.trackingNumber);
    const atZip = await call.missed();
    // Speech recognition set for phone calls, with the business's own words and digit hints at the ZIP.
    expect(atZip).toMatch(
      /<Gather [^>]*speechModel="phone_call" language="en-US" hints="\$POSTALCODE, \$OOV_CLASS_DIGIT_SEQUENCE, Rescue Plumbing, [^"]*Austin/,
    );
    await call.say("seven eight seven oh one");
    await call.say("The toilet upstairs is overflowing");
    await call.say("It's Dana Reyes. And it's still going, it won't stop");
    // Live, neither answer alone was an emergency: no escalation, no urgent callback.
    expect((await leadOf(call)).urgency).toBe("high");
    expect(await urgentTasks(call)).toHaveLength(0);

    const elapsed = await hangUpAndWaitForScan(call);
    const { lead, reviews } = await expectUpgraded(call, "joined", elapsed);
    expect(reviews[0]!.readBy).toBe("local:rules");

    // Replays: more jobs for the same call, and the check run directly, change nothing.
    const callRow = await prisma.call.findUniqueOrThrow({ where: { callSid: call.callSid } });
    await Promise.all(
      Array.from({ length: 5 }, () =>
        enqueueAfterCallCheck({ tenantId: biz.tenant.id, callId: callRow.id, callSid: call.callSid }),
      ),
    );
    expect(
      await runAfterCallCheck(tenantScoped(prisma, biz.tenant.id), {
        tenantId: biz.tenant.id,
        callId: callRow.id,
      }),
    ).toEqual({ checked: false, reason: "already checked" });
    await expect.poll(jobsLeft, { timeout: 30_000, interval: 250 }).toBe(0);
    expect(await urgentTasks(call)).toHaveLength(1);
    expect(await prisma.afterCallReview.count({ where: { leadId: lead.id } })).toBe(1);
    expect(
      await prisma.leadEvent.count({ where: { leadId: lead.id, type: "qa.after_call_emergency" } }),
    ).toBe(1);
  });

  it("with a model configured, the model's reading of the whole call catches what the rules cannot", async () => {
    // The fake model hears a flood in "getting soaked"; the rules do not.
    const server = await fakeOpenAI((res, body) => {
      const flood = JSON.stringify(body).includes("getting soaked");
      chatCompletion(
        res,
        JSON.stringify(
          flood
            ? extraction({
                issueSummary: "Downstairs getting soaked",
                urgency: "emergency",
                emergency: "flooding",
              })
            : extraction({ issueSummary: "Sump pump quit", urgency: "normal" }),
        ),
      );
    });
    try {
      setIntakeEngine(
        createIntakeEngine(
          intakeConfigFromEnv({
            AI_PROVIDER: "openai-compatible",
            AI_BASE_URL: server.baseURL,
            AI_MODEL: "fake-llm",
            AI_TIMEOUT_MS: "3000",
          }),
        ),
      );
      await startJobs(db, [afterCallJob], { pollingIntervalSeconds: 0.5 });
      const call = new TwilioCall(biz.trackingNumber, "+15125550177");
      await call.missed();
      await call.say("seven eight seven oh one");
      await call.say("My sump pump quit");
      // Said at the name question, where the rules are sure of the name and the model is not asked.
      await call.say("It's Dana Reyes. Oh no, the whole downstairs is getting soaked");
      expect(server.seen).toHaveLength(1);
      expect((await leadOf(call)).urgency).not.toBe("emergency");
      expect(await urgentTasks(call)).toHaveLength(0);

      const elapsed = await hangUpAndWaitForScan(call);
      const { reviews } = await expectUpgraded(call, "model", elapsed);
      expect(reviews[0]!.readBy).toBe("openai-compatible:fake-llm");
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it("the sweep checks an ended AI call whose job was lost", async () => {
    const endedAt = new Date(Date.now() - 5 * 60_000);
    const lead = await prisma.lead.create({
      data: {
        tenantId: biz.tenant.id,
        callerPhone: "+15125550189",
        status: "followup_needed",
        source: "phone",
        sourceRef: "CAlost00000000000000000000000000001",
        urgency: "normal",
        transcriptExcerpt: "…",
      },
    });
    await prisma.leadEvent.create({
      data: { tenantId: biz.tenant.id, leadId: lead.id, type: "call.ai_answered" },
    });
    const state = {
      ...newCallState(),
      stage: "ended" as const,
      transcript: [
        { speaker: "caller" as const, text: "I smell gas by the water heater", stage: "zip" as const },
      ],
    };
    const call = await endedCall(lead, state, ["I smell gas by the water heater"], {
      startedAt: new Date(endedAt.getTime() - 60_000),
      endedAt,
    });
    const window = {
      endedFrom: new Date(Date.now() - 86_400_000),
      endedTo: new Date(Date.now() - 60_000),
      take: 50,
    };
    expect((await callsWithoutAfterCallReview(systemDb(prisma), window)).map((c) => c.id)).toContain(call.id);
    await startJobs(db, [afterCallJob, afterCallSweepJob], { pollingIntervalSeconds: 0.5 });
    await afterCallSweepJob.work({}, { sys: systemDb(prisma), now: () => new Date() });
    await afterCallSweepJob.work({}, { sys: systemDb(prisma), now: () => new Date() });
    await expect
      .poll(() => prisma.afterCallReview.count({ where: { callId: call.id } }), {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(1);
    await expect.poll(jobsLeft, { timeout: 30_000, interval: 250 }).toBe(0);
    expect(await prisma.task.count({ where: { leadId: lead.id, kind: "urgent_callback" } })).toBe(1);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).urgency).toBe("emergency");
    expect((await callsWithoutAfterCallReview(systemDb(prisma), window)).map((c) => c.id)).not.toContain(
      call.id,
    );
  });

  it("a test call from the simulator is upgraded and gets its task, but alerts nobody", async () => {
    const lead = await prisma.lead.create({
      data: {
        tenantId: biz.tenant.id,
        callerPhone: "+15125550190",
        status: "followup_needed",
        source: "phone",
        sourceRef: "CAtest00000000000000000000000000001",
        urgency: "normal",
        isTest: true,
        transcriptExcerpt: "…",
      },
    });
    const state = {
      ...newCallState(),
      stage: "ended" as const,
      transcript: [
        { speaker: "caller" as const, text: "there's raw sewage in the basement", stage: "name" as const },
      ],
    };
    const call = await endedCall(lead, state, ["there's raw sewage in the basement"], {
      endedAt: new Date(),
    });
    expect(
      await runAfterCallCheck(tenantScoped(prisma, biz.tenant.id), {
        tenantId: biz.tenant.id,
        callId: call.id,
      }),
    ).toMatchObject({ checked: true, missedEmergency: { kind: "sewage_backup", how: "line" } });
    expect(await prisma.task.count({ where: { leadId: lead.id, kind: "urgent_callback" } })).toBe(1);
    expect(await prisma.notification.count({ where: { leadId: lead.id } })).toBe(0);
  });

  it("a callback request without a task, a missing field and a detail never said are QA flags on the lead and in the day's QA", async () => {
    const lead = await prisma.lead.create({
      data: {
        tenantId: biz.tenant.id,
        callerPhone: "+15125550188",
        status: "booked",
        source: "phone",
        sourceRef: "CAflagged0000000000000000000000001",
        zip: "78701",
        inArea: true,
        callerName: "Maria Lopez",
        urgency: "normal",
        issueSummary: "Dripping faucet",
        appointmentAt: new Date("2026-03-03T15:00:00Z"),
        transcriptExcerpt: "…",
      },
    });
    const state = {
      ...newCallState(),
      stage: "ended" as const,
      outcome: "booked" as const,
      fields: {
        zip: "78701",
        inArea: true,
        issueSummary: "Dripping faucet",
        urgency: "normal" as const,
        callerName: "Maria Lopez",
        appointmentAt: "2026-03-03T15:00:00Z",
      },
      evidence: {
        zip: "78701",
        inArea: "78701",
        issueSummary: "my faucet is dripping",
        urgency: "my faucet is dripping",
        callerName: "this is Maria Lopez",
        appointmentAt: "the first one",
      },
      transcript: [{ speaker: "agent" as const, text: "And your name?", stage: "name" as const }],
    };
    const call = await endedCall(
      lead,
      state,
      [
        "78701",
        "my faucet is dripping",
        "this is Maria Gomez",
        "actually can someone call me back first",
        "the first one",
      ],
      { startedAt: new Date(Date.now() - 120_000), endedAt: new Date() },
    );
    const r = await runAfterCallCheck(tenantScoped(prisma, biz.tenant.id), {
      tenantId: biz.tenant.id,
      callId: call.id,
    });
    expect(r).toMatchObject({ checked: true, missedEmergency: null });
    const page = await callerFor(prisma, biz.officeId, biz.tenant.slug).leads.get({ id: lead.id });
    expect(page.qaFlags.map((f) => f.kind).sort()).toEqual([
      "callback_missed",
      "field_missing",
      "ungrounded_detail",
    ]);
    expect(page.lead.urgency).toBe("normal");
    expect(page.timeline.map((e) => e.type)).toContain("qa.after_call_flagged");
    const review = await prisma.afterCallReview.findUniqueOrThrow({ where: { callId: call.id } });
    const qa = await callerFor(prisma, biz.ownerId, biz.tenant.slug).qa.reviews({ day: review.callDay });
    expect(qa.afterCall.find((x) => x.leadId === lead.id)!.flags.map((f) => f.label)).toEqual(
      expect.arrayContaining([
        "Missed callback request",
        "Missing required field",
        "Detail the caller never said",
      ]),
    );
    // No task was invented for the office: flags only.
    expect(await prisma.task.count({ where: { leadId: lead.id } })).toBe(0);
  });
});
