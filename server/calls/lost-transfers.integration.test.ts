// A warm transfer we hear no more about (a lost status report, a test call whose tab was closed
// mid-transfer) is ended by the lost-transfer sweep with the truth, once; a late or replayed
// report afterwards changes nothing. The end of a call, by the sweep or by Twilio's final status,
// is written with its lead's change or not at all. Through the real, signed webhooks on a real
// Postgres engine.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { TwilioCall, whisperUrl } from "@/server/test/webhook-test-kit";
import { answerDial, say, startCall } from "@/server/simulator/call-driver";
import { postVoiceWebhook } from "@/server/simulator/post-webhook";
import { refusingRowUpdates } from "@/server/test/database-outage";
import { drainSpool } from "./jobs";
import { endLostTransfers } from "./lost-transfers";
import { AFTER_TRANSFER_ACTION, LOST_TAKEN_TRANSFER_ACTION, LOST_TRANSFER_ACTION } from "./next-step";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
});
afterAll(() => db?.drop());

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);
const sweep = (at: Date) => endLostTransfers(systemDb(prisma), at);
const leadOf = (callSid: string) => prisma.lead.findFirstOrThrow({ where: { sourceRef: callSid } });
const callOf = (callSid: string) => prisma.call.findUniqueOrThrow({ where: { callSid } });
const tasksOf = async (callSid: string) =>
  prisma.task.findMany({ where: { leadId: (await leadOf(callSid)).id }, orderBy: { createdAt: "asc" } });
const eventsOf = async (callSid: string) =>
  (
    await prisma.leadEvent.findMany({
      where: { leadId: (await leadOf(callSid)).id },
      orderBy: { createdAt: "asc" },
    })
  ).map((e) => e.type);

/** An emergency call put through to the on-call phone, and then nothing more from Twilio. */
async function transferring(): Promise<TwilioCall> {
  const call = new TwilioCall(biz.trackingNumber);
  await call.missed("no-answer");
  await call.say("78701");
  const xml = await call.say("a pipe burst and water is everywhere");
  expect(whisperUrl(xml)).toBeTruthy();
  const lead = await leadOf(call.callSid);
  expect(lead.nextAction).toMatch(/transfer to on-call in progress/i);
  return call;
}

describe(`a transfer nobody reports back on (${engineName})`, () => {
  it("is ended 20 minutes after it started with an honest outcome and an urgent callback for its owner, due now", async () => {
    const call = await transferring();
    const started = (await callOf(call.callSid)).transferStartedAt;
    expect(started).toBeInstanceOf(Date);

    // Twilio could still report back: nothing is touched.
    expect(await sweep(minutesFromNow(19))).not.toContain(call.callSid);
    expect(await callOf(call.callSid)).toMatchObject({ stage: "transferring", endedAt: null });

    const at = minutesFromNow(21);
    expect(await sweep(at)).toContain(call.callSid);
    expect(await callOf(call.callSid)).toMatchObject({ stage: "ended", endedAt: at });
    const [task, ...more] = await tasksOf(call.callSid);
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      kind: "urgent_callback",
      title: LOST_TRANSFER_ACTION,
      assigneeId: biz.dispatchId,
      dueAt: at,
    });
    expect(await leadOf(call.callSid)).toMatchObject({
      status: "followup_needed",
      urgency: "emergency",
      ownerId: biz.dispatchId,
      nextAction: LOST_TRANSFER_ACTION,
      dueAt: at,
    });
    const events = await eventsOf(call.callSid);
    expect(events).toEqual(expect.arrayContaining(["call.ended", "call.transfer_outcome_unknown"]));
    expect(events).not.toContain("call.caller_hung_up");
    const unknown = await prisma.leadEvent.findFirstOrThrow({
      where: { type: "call.transfer_outcome_unknown", lead: { sourceRef: call.callSid } },
    });
    expect(unknown.data).toMatchObject({ onCallTookIt: false, quietMinutes: 21 });
  });

  it("is ended once: a second sweep, a late status callback, a replayed one and a late transfer result change nothing", async () => {
    const call = await transferring();
    const transfer = call.last;
    await sweep(minutesFromNow(21));
    const lead = await leadOf(call.callSid);
    const events = await eventsOf(call.callSid);
    const callRow = await callOf(call.callSid);

    expect(await sweep(minutesFromNow(40))).not.toContain(call.callSid);
    await call.ended("completed");
    await call.ended("completed");
    // Twilio's late word on the Dial: the call is over for us, so nothing is claimed or written.
    call.last = transfer;
    const late = await call.dialEnded("no-answer");
    expect(late).toContain("<Hangup/>");

    expect(await leadOf(call.callSid)).toEqual(lead);
    expect(await eventsOf(call.callSid)).toEqual(events);
    expect(await tasksOf(call.callSid)).toHaveLength(1);
    expect(await callOf(call.callSid)).toEqual(callRow);
  });

  it("waits for Twilio's longest connected call once the on-call person took it, then asks to check with on-call", async () => {
    const call = await transferring();
    await call.screen(whisperUrl(call.last)!, "1");
    expect((await callOf(call.callSid)).transferAcceptedAt).toBeInstanceOf(Date);

    // On the phone with the caller for a long time is not lost.
    expect(await sweep(minutesFromNow(21))).not.toContain(call.callSid);
    expect(await sweep(minutesFromNow(4 * 60 + 9))).not.toContain(call.callSid);
    expect(await callOf(call.callSid)).toMatchObject({ stage: "transferring", endedAt: null });

    const at = minutesFromNow(4 * 60 + 11);
    expect(await sweep(at)).toContain(call.callSid);
    expect(await leadOf(call.callSid)).toMatchObject({
      status: "followup_needed",
      ownerId: biz.dispatchId,
      nextAction: LOST_TAKEN_TRANSFER_ACTION,
      dueAt: at,
    });
    expect((await tasksOf(call.callSid)).map((t) => t.title)).toEqual([LOST_TAKEN_TRANSFER_ACTION]);
  });

  it("leaves a transfer Twilio reported on alone: its result, or the caller's hang-up, stands", async () => {
    const answered = await transferring();
    await answered.screen(whisperUrl(answered.last)!, "1");
    await answered.dialEnded("completed");
    await answered.ended("completed");
    const hungUp = await transferring();
    await hungUp.ended("completed");
    const before = await Promise.all([leadOf(answered.callSid), leadOf(hungUp.callSid)]);

    const ended = await sweep(minutesFromNow(5 * 60));
    expect(ended).not.toContain(answered.callSid);
    expect(ended).not.toContain(hungUp.callSid);
    expect(before[0]).toMatchObject({ nextAction: AFTER_TRANSFER_ACTION });
    expect(before[1].nextAction).toMatch(/^Caller hung up during the transfer/);
    expect(await Promise.all([leadOf(answered.callSid), leadOf(hungUp.callSid)])).toEqual(before);
  });

  it("counts a transfer started before its start was recorded from the call's start", async () => {
    const call = await transferring();
    await prisma.call.update({ where: { callSid: call.callSid }, data: { transferStartedAt: null } });
    expect(await sweep(minutesFromNow(21))).toContain(call.callSid);
    expect(await leadOf(call.callSid)).toMatchObject({ nextAction: LOST_TRANSFER_ACTION });
  });

  it("leaves a closed lead closed: only the call ends, and the timeline says what is not known", async () => {
    const call = await transferring();
    const lead = await leadOf(call.callSid);
    await prisma.lead.update({
      where: { id: lead.id },
      data: { status: "closed", closeReason: "duplicate", nextAction: null, dueAt: null },
    });
    expect(await sweep(minutesFromNow(21))).toContain(call.callSid);
    expect(await leadOf(call.callSid)).toMatchObject({ status: "closed", nextAction: null });
    expect(await tasksOf(call.callSid)).toEqual([]);
    expect(await eventsOf(call.callSid)).toContain("call.transfer_outcome_unknown");
  });

  it("resolves a test call whose browser tab closed while the on-call phone rang", async () => {
    // The simulator's caller reaches the transfer, then the tab closes: no answer, no hang-up.
    let sim = await startCall(postVoiceWebhook, {
      from: "+15125550177",
      to: biz.trackingNumber,
      isTest: true,
    });
    sim = await answerDial(postVoiceWebhook, sim, "no-answer");
    sim = await say(postVoiceWebhook, sim, "78701");
    sim = await say(postVoiceWebhook, sim, "water is pouring through the ceiling and it won't stop");
    expect(sim.pending).toMatchObject({ kind: "dial", purpose: "transfer" });

    expect(await sweep(minutesFromNow(21))).toContain(sim.callSid);
    expect(await leadOf(sim.callSid)).toMatchObject({
      isTest: true,
      status: "followup_needed",
      nextAction: LOST_TRANSFER_ACTION,
    });
    expect(await callOf(sim.callSid)).toMatchObject({ stage: "ended" });
  });
});

describe(`the end of a call is written with its lead's change, or not at all (${engineName})`, () => {
  it("leaves a lost transfer whose lead cannot be written as it was: the next sweep ends it and its owner gets the urgent callback", async () => {
    const call = await transferring();
    const lead = await leadOf(call.callSid);
    const refused = await refusingRowUpdates(prisma, { table: "Lead", id: lead.id });
    try {
      await expect(sweep(minutesFromNow(21))).rejects.toThrow(refused.message);
    } finally {
      await refused.heal();
    }
    // Not ended without its callback: the call is still a lost transfer, the lead untouched.
    expect(await callOf(call.callSid)).toMatchObject({ stage: "transferring", endedAt: null });
    expect(await leadOf(call.callSid)).toEqual(lead);
    expect(await tasksOf(call.callSid)).toEqual([]);

    const at = minutesFromNow(22);
    expect(await sweep(at)).toContain(call.callSid);
    expect(await callOf(call.callSid)).toMatchObject({ stage: "ended", endedAt: at });
    expect(await leadOf(call.callSid)).toMatchObject({
      status: "followup_needed",
      ownerId: biz.dispatchId,
      nextAction: LOST_TRANSFER_ACTION,
      dueAt: at,
    });
    expect((await tasksOf(call.callSid)).map((t) => [t.kind, t.title])).toEqual([
      ["urgent_callback", LOST_TRANSFER_ACTION],
    ]);
  });

  it("keeps a final status whose lead cannot be written for its recovery, which ends the call with the caller's urgent callback", async () => {
    const spool = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
    const spoolDir = process.env.SPOOL_DIR;
    process.env.SPOOL_DIR = spool;
    try {
      const call = await transferring();
      const lead = await leadOf(call.callSid);
      const refused = await refusingRowUpdates(prisma, { table: "Lead", id: lead.id });
      try {
        // The caller hangs up while the on-call phone rings; the webhook still answers Twilio.
        await call.ended("completed");
      } finally {
        await refused.heal();
      }
      expect(await callOf(call.callSid)).toMatchObject({ stage: "transferring", endedAt: null });
      expect(await leadOf(call.callSid)).toEqual(lead);

      await drainSpool(systemDb(prisma), spool);
      expect(await callOf(call.callSid)).toMatchObject({ stage: "ended" });
      expect((await leadOf(call.callSid)).status).toBe("followup_needed");
      const [task, ...more] = await tasksOf(call.callSid);
      expect(more).toEqual([]);
      expect(task).toMatchObject({ kind: "urgent_callback", assigneeId: biz.dispatchId });
      expect(task!.title).toMatch(/^Caller hung up during the transfer/);
      expect((await leadOf(call.callSid)).nextAction).toBe(task!.title);
    } finally {
      process.env.SPOOL_DIR = spoolDir;
    }
  });
});
