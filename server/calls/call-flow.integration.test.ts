// The call, end to end (see docs/sop-rules.md, The call), through the real webhook route handlers with
// correctly signed Twilio requests, on a real Postgres engine, and the lead's ownership at intake.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import type { PrismaClient } from "@/server/db/generated/client";
import { upcomingSlots } from "@/server/voice/booking-slots";
import { slotWindow } from "@/server/voice/scripts";
import { DEFAULT_TRANSFER_TIMEOUT_SECONDS } from "@/server/voice/state-machine";
import { temperatureBand, temperatureOf } from "@/server/leads/temperature";
import {
  CONFIRM_APPOINTMENT_ACTION,
  DECLINED_ACTION,
  MISSED_CALL_ACTION,
  OUT_OF_AREA_ACTION,
  PLUMBER_ANSWERED_ACTION,
  AFTER_TRANSFER_ACTION,
} from "./next-step";
import { makeTestBusiness, setBillingEligible, type TestBusiness } from "@/server/test/test-business";
import {
  dialAction,
  dialedNumber,
  dialTimeout,
  gatherAction,
  spoken,
  TwilioCall,
  twimlUrls,
  whisperUrl,
} from "@/server/test/webhook-test-kit";

const BASE = vi.hoisted(() => {
  const base = "https://rescue.example.test";
  process.env.PUBLIC_BASE_URL = base;
  return base;
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
/** No on-call phone, no routing rule: the owner receives everything. */
let solo: TestBusiness;

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
  solo = await makeTestBusiness(prisma, {
    name: "Solo Plumbing",
    setup: { onCallPhone: null },
    routing: false,
  });
});
afterAll(() => db?.drop());

const leadOf = (call: TwilioCall) => prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
const callOf = (call: TwilioCall) => prisma.call.findUniqueOrThrow({ where: { callSid: call.callSid } });
const tasksOf = async (call: TwilioCall) =>
  prisma.task.findMany({ where: { leadId: (await leadOf(call)).id } });
const eventsOf = async (call: TwilioCall) =>
  (
    await prisma.leadEvent.findMany({
      where: { leadId: (await leadOf(call)).id },
      orderBy: { createdAt: "asc" },
    })
  ).map((e) => e.type);
const secondsFromNow = (d: Date | null) => (d ? (d.getTime() - Date.now()) / 1000 : NaN);

async function atIntake(b: TestBusiness = biz) {
  const call = new TwilioCall(b.trackingNumber);
  await call.missed("no-answer");
  return call;
}

const BOOKING_CALL = [
  "my zip is seven eight seven oh one",
  "the kitchen sink is leaking under the cabinet",
  "this is Maria Lopez",
  "yes please, send someone out",
  "it's 123 Main Street",
  "the first one",
];

describe(`ring first (${engineName})`, () => {
  it("Ring-first: rings the plumber for 10 seconds with a screening whisper before the AI", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    const xml = await call.incoming();
    expect(dialTimeout(xml)).toBe("10");
    expect(xml).toContain('answerOnBridge="true"');
    expect(dialAction(xml)).toBe(`${BASE}/api/twilio/voice/dial-result`);
    expect(dialedNumber(xml)).toBe("+15125550101");
    expect(whisperUrl(xml)).toBe(`${BASE}/api/twilio/voice/screen`);
    expect(xml).not.toContain("<Gather");

    const whisper = await call.screen(whisperUrl(xml)!, null);
    expect(spoken(whisper)).toMatch(/Press 1 to take this call/);
    expect(spoken(whisper)).toContain("Rescue Plumbing");
    // No key (a voicemail greeting): the whisper hangs up, so the leg never counts as answered.
    expect(whisper).toMatch(/<\/Gather><Hangup\/><\/Response>$/);

    const lead = await leadOf(call);
    expect(lead).toMatchObject({
      status: "missed",
      callerPhone: call.from,
      source: "phone",
      sourceRef: call.callSid,
      acceptedAt: null,
    });
    expect((await callOf(call)).stage).toBe("ringing");
  });

  it("If answered by human, AI path is skipped: the plumber pressed 1 → answered_by_plumber", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    const xml = await call.incoming();
    const connected = await call.screen(whisperUrl(xml)!, "1");
    expect(connected).not.toContain("Hangup");
    const after = await call.dialEnded("completed");
    expect(after).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
    const lead = await leadOf(call);
    expect(lead.status).toBe("answered_by_plumber");
    expect(lead.nextAction).toBe(PLUMBER_ANSWERED_ACTION);
    expect(lead.ownerId).toBe(biz.officeId);
    expect((await callOf(call)).state).toEqual({});
    expect(await prisma.callTurn.count({ where: { call: { callSid: call.callSid } } })).toBe(0);
  });

  it("counts a voicemail pickup (completed, no key press) as missed and lets the AI take over", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    const xml = await call.incoming();
    await call.screen(whisperUrl(xml)!, null);
    const ai = await call.dialEnded("completed");
    expect(gatherAction(ai)).toBe(`${BASE}/api/twilio/voice/intake?turn=0`);
    expect(spoken(ai)).toMatch(/ZIP code/);
    expect((await leadOf(call)).status).toBe("answered_by_ai");
  });

  it.each(["no-answer", "busy", "failed", "canceled"])(
    "If missed/no-answer/busy, AI takes over: DialCallStatus=%s → missed → gate → AI",
    async (dialStatus) => {
      const call = new TwilioCall(biz.trackingNumber);
      const ai = await call.missed(dialStatus);
      expect(spoken(ai)).toMatch(/ZIP code/);
      expect((await leadOf(call)).status).toBe("answered_by_ai");
      expect(await eventsOf(call)).toEqual(["call.received", "call.missed", "call.ai_answered"]);
      expect((await callOf(call)).dialStatus).toBe(dialStatus);
    },
  );
});

describe(`service gate (${engineName})`, () => {
  it.each([
    [
      "setup is incomplete",
      async (b: TestBusiness) =>
        void (await prisma.bookingSlot.deleteMany({ where: { tenantId: b.tenant.id } })),
    ],
    ["billing is not eligible", (b: TestBusiness) => setBillingEligible(prisma, b.tenant.id, false)],
    [
      "the service is paused",
      async (b: TestBusiness) =>
        void (await prisma.tenant.update({ where: { id: b.tenant.id }, data: { paused: true } })),
    ],
    [
      "the service is detached",
      async (b: TestBusiness) =>
        void (await prisma.tenant.update({ where: { id: b.tenant.id }, data: { detachedAt: new Date() } })),
    ],
  ])(
    "Service gate blocks AI actions when %s: polite message, hang up, lead logged missed",
    async (_, close) => {
      const b = await makeTestBusiness(prisma, { name: "Gated Plumbing" });
      await close(b);
      const call = new TwilioCall(b.trackingNumber);
      const xml = await call.missed("no-answer");
      expect(spoken(xml)).toBe(
        "Sorry we missed your call. Someone from Gated Plumbing will call you back as soon as possible. Goodbye.",
      );
      expect(xml).toContain("<Hangup/>");
      expect(xml).not.toContain("<Gather");
      const lead = await leadOf(call);
      // Recovered missed calls do not go back into a generic pool: owned, with "call back now".
      expect(lead).toMatchObject({
        status: "missed",
        ownerId: b.officeId,
        nextAction: MISSED_CALL_ACTION,
        acceptedAt: null,
      });
      expect(Math.abs(secondsFromNow(lead.dueAt))).toBeLessThan(30);
      expect(await eventsOf(call)).toContain("call.ai_blocked");
      expect((await callOf(call)).stage).toBe("ended");
    },
  );
});

describe(`AI intake (${engineName})`, () => {
  it("ZIP is collected before any full intake", async () => {
    const call = await atIntake();
    const xml = await call.say("my kitchen sink is clogged, can you come today");
    expect(spoken(xml)).toMatch(/ZIP code/);
    expect(await leadOf(call)).toMatchObject({ zip: null, issueSummary: null, urgency: null, evidence: {} });
  });

  it("Out-of-area leads are politely declined and logged: not_booked, inArea=false", async () => {
    const call = await atIntake();
    const xml = await call.say("it's 90210");
    expect(spoken(xml)).toMatch(/sorry/i);
    expect(xml).toContain("<Hangup/>");
    const lead = await leadOf(call);
    expect(lead).toMatchObject({
      status: "not_booked",
      zip: "90210",
      inArea: false,
      nextAction: OUT_OF_AREA_ACTION,
      evidence: { zip: "it's 90210", inArea: "it's 90210" },
    });
    expect(lead.issueSummary).toBeNull();
  });

  it("tags the issue and its urgency after the ZIP, then asks the caller's name", async () => {
    const call = await atIntake();
    await call.say(BOOKING_CALL[0]!);
    const xml = await call.say(BOOKING_CALL[1]!);
    expect(spoken(xml)).toMatch(/who am I speaking with/);
    expect(await leadOf(call)).toMatchObject({
      zip: "78701",
      inArea: true,
      issueSummary: "The kitchen sink is leaking under the cabinet",
      urgency: "high",
      callerName: null,
    });
    await call.say(BOOKING_CALL[2]!);
    expect((await leadOf(call)).callerName).toBe("Maria Lopez");
  });

  it("Address is captured only after qualification and booking intent", async () => {
    const call = await atIntake();
    for (const line of BOOKING_CALL.slice(0, 3)) {
      const xml = await call.say(line);
      expect(spoken(xml)).not.toMatch(/address/i);
    }
    expect((await leadOf(call)).address).toBeNull();
    const ask = await call.say(BOOKING_CALL[3]!);
    expect(spoken(ask)).toMatch(/street address/);
    await call.say(BOOKING_CALL[4]!);
    expect((await leadOf(call)).address).toBe("123 Main Street");
  });

  it("books a slot from the tenant's booking slots only → booked with appointmentAt", async () => {
    const call = await atIntake();
    let xml = "";
    for (const line of BOOKING_CALL.slice(0, 5)) xml = await call.say(line);
    const slots = await prisma.bookingSlot.findMany({ where: { tenantId: biz.tenant.id } });
    const offered = upcomingSlots(slots, { timeZone: biz.tenant.timeZone, now: new Date() });
    // Over the phone the earliest opening is offered alone, as a window.
    expect(spoken(xml)).toContain(`The next opening is ${slotWindow(offered[0]!)}. Does that work for you?`);
    for (const slot of offered.slice(1)) expect(spoken(xml)).not.toContain(slotWindow(slot));
    expect(spoken(xml)).not.toMatch(/\$\s?\d/);
    // Booked when the caller accepts the time; then the read-back, and goodbye on a yes.
    const readBack = await call.say("yes, that works");
    expect(spoken(readBack)).toMatch(/Let me read that back: .+ Did I get that right\?$/);
    expect((await leadOf(call)).status).toBe("booked");
    const done = await call.say("yes, that's right");
    expect(done).toContain("<Hangup/>");
    const lead = await leadOf(call);
    expect(lead.status).toBe("booked");
    expect(lead.appointmentAt?.toISOString()).toBe(offered[0]!.startsAt);
    expect(lead.nextAction).toBe(CONFIRM_APPOINTMENT_ACTION);
    expect(lead.dueAt!.getTime()).toBeLessThanOrEqual(lead.appointmentAt!.getTime());
    expect(await tasksOf(call)).toEqual([]);
  });

  it("callback → followup_needed with a callback task for the routed owner", async () => {
    const call = await atIntake();
    for (const line of [...BOOKING_CALL.slice(0, 3), "just have someone call me back"]) await call.say(line);
    const lead = await leadOf(call);
    const [task, ...more] = await tasksOf(call);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ kind: "callback", assigneeId: biz.officeId });
    expect(lead).toMatchObject({
      status: "followup_needed",
      address: null,
      ownerId: biz.officeId,
      nextAction: task!.title,
      dueAt: task!.dueAt,
    });
  });

  it("no → not_booked, with a next step to close the lead", async () => {
    const call = await atIntake();
    for (const line of [...BOOKING_CALL.slice(0, 3), "no thanks"]) await call.say(line);
    expect(await leadOf(call)).toMatchObject({ status: "not_booked", nextAction: DECLINED_ACTION });
    expect(await tasksOf(call)).toEqual([]);
  });

  it("re-asks an unclear answer once, then ends as followup_needed on the second", async () => {
    const call = await atIntake();
    expect(spoken(await call.say("umm"))).toMatch(/ZIP/);
    const end = await call.say("");
    expect(spoken(end)).toMatch(/having trouble understanding.*call you back/);
    expect(end).toContain("<Hangup/>");
    expect(end).not.toContain("<Gather");
    expect((await leadOf(call)).status).toBe("followup_needed");
    expect((await tasksOf(call)).map((t) => t.kind)).toEqual(["callback"]);
  });
});

describe(`escalation (${engineName})`, () => {
  it("Emergency and safety-risk calls are escalated immediately: warm transfer to on-call with its own timeout", async () => {
    const call = await atIntake();
    await call.say("78701");
    const xml = await call.say("a pipe burst and water is everywhere");
    expect(dialTimeout(xml)).toBe(String(DEFAULT_TRANSFER_TIMEOUT_SECONDS));
    expect(dialedNumber(xml)).toBe("+15125550102");
    expect(dialAction(xml)).toBe(`${BASE}/api/twilio/voice/intake?leg=transfer`);
    expect(whisperUrl(xml)).toMatch(
      new RegExp(`^${BASE}/api/twilio/voice/screen\\?purpose=transfer&reason=emergency`),
    );
    let lead = await leadOf(call);
    // Emergency work cannot sit unowned: it goes to the emergency owner at once.
    expect(lead).toMatchObject({ urgency: "emergency", ownerId: biz.dispatchId, acceptedAt: null });
    expect(lead.nextAction).toMatch(/transfer/i);

    await call.screen(whisperUrl(xml)!, "1");
    const after = await call.dialEnded("completed");
    expect(after).toContain("<Hangup/>");
    lead = await leadOf(call);
    expect(lead).toMatchObject({
      status: "followup_needed",
      nextAction: AFTER_TRANSFER_ACTION,
      ownerId: biz.dispatchId,
    });
    expect(await tasksOf(call)).toEqual([]);
  });

  it("falls back to an urgent callback for the emergency owner when the on-call phone does not answer", async () => {
    const call = await atIntake();
    await call.say("my basement is flooding");
    const xml = await call.dialEnded("no-answer");
    // The urgent task at once, then the name and the address.
    expect(xml).not.toContain("<Hangup/>");
    expect(spoken(xml)).toMatch(/^I'm sorry, I couldn't reach anyone just now\..*what's your name\?$/);
    const [task, ...more] = await tasksOf(call);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ kind: "urgent_callback", assigneeId: biz.dispatchId });
    expect(secondsFromNow(task!.dueAt)).toBeLessThanOrEqual(5 * 60);
    expect(spoken(await call.say("Hannah Cole"))).toMatch(/what's the address/);
    const end = await call.say("606 West Lynn Street");
    expect(end).toContain("<Hangup/>");
    expect(await tasksOf(call)).toHaveLength(1);
    expect(await leadOf(call)).toMatchObject({
      status: "followup_needed",
      callerName: "Hannah Cole",
      address: "606 West Lynn Street",
      urgency: "emergency",
      nextAction: task!.title,
      dueAt: task!.dueAt,
    });
  });

  it("Emergency without an on-call phone: urgent callback task due within 5 minutes, owned", async () => {
    const call = await atIntake(solo);
    const xml = await call.say("I smell gas in the kitchen");
    expect(xml).not.toContain("<Dial");
    expect(xml).not.toContain("<Hangup/>");
    expect(spoken(xml)).toMatch(
      /leave the building.*within 5 minutes at this number\. So they know who to ask for, what's your name\?$/,
    );
    // The task exists before the name is asked: a hang-up now loses nothing.
    const [task, ...more] = await tasksOf(call);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ kind: "urgent_callback", assigneeId: solo.ownerId });
    expect(secondsFromNow(task!.dueAt)).toBeGreaterThan(0);
    expect(secondsFromNow(task!.dueAt)).toBeLessThanOrEqual(5 * 60);
    expect(await leadOf(call)).toMatchObject({
      urgency: "emergency",
      ownerId: solo.ownerId,
      nextAction: task!.title,
      dueAt: task!.dueAt,
    });
    expect(spoken(await call.say("it's Victor Huang"))).toBe(
      "And what's the address where the problem is, with the house number?",
    );
    const end = await call.say("3100 Guadalupe Street");
    expect(spoken(end)).toMatch(
      /^Thank you\. Someone from .* will call you back within 5 minutes at this number\. Goodbye\.$/,
    );
    expect(end).toContain("<Hangup/>");
    expect(await tasksOf(call)).toHaveLength(1);
    expect(await leadOf(call)).toMatchObject({
      status: "followup_needed",
      urgency: "emergency",
      callerName: "Victor Huang",
      address: "3100 Guadalupe Street",
      ownerId: solo.ownerId,
      nextAction: task!.title,
      dueAt: task!.dueAt,
    });
  });

  it("keeps the urgent callback when the caller hangs up right after an emergency with nobody on call", async () => {
    const call = await atIntake(solo);
    await call.say("there's sewage coming up out of the shower drain");
    const [task] = await tasksOf(call);
    await call.ended();
    expect(await tasksOf(call)).toEqual([task]);
    expect(await leadOf(call)).toMatchObject({
      status: "followup_needed",
      urgency: "emergency",
      nextAction: task!.title,
      dueAt: task!.dueAt,
    });
  });

  it("Caller request for human triggers warm transfer if available", async () => {
    const call = await atIntake();
    await call.say("78702");
    const xml = await call.say("can I just talk to a real person");
    expect(dialedNumber(xml)).toBe("+15125550102");
    expect(whisperUrl(xml)).toContain("reason=asked_for_person");
  });

  it("Caller request for human triggers an urgent callback task when nobody is on call", async () => {
    const call = await atIntake(solo);
    const xml = await call.say("let me talk to the plumber");
    expect(xml).not.toContain("<Dial");
    expect((await tasksOf(call)).map((t) => t.kind)).toEqual(["urgent_callback"]);
    expect((await leadOf(call)).status).toBe("followup_needed");
  });
});

describe(`the call ends (${engineName})`, () => {
  it("caller hangs up mid-intake → followup_needed with a callback task", async () => {
    const call = await atIntake();
    await call.say("78701");
    await call.ended("completed");
    const lead = await leadOf(call);
    const tasks = await tasksOf(call);
    expect(tasks.map((t) => t.kind)).toEqual(["callback"]);
    expect(lead).toMatchObject({ status: "followup_needed", nextAction: tasks[0]!.title });
    expect((await callOf(call)).stage).toBe("ended");
  });

  it("a visit whose read-back the caller said no to, then hung up, stays booked with a task to confirm it", async () => {
    const call = await atIntake();
    for (const line of BOOKING_CALL.slice(0, 5)) await call.say(line);
    await call.say("yes, that works");
    expect(spoken(await call.say("no"))).toMatch(/What should I change\?/);
    await call.ended("completed");
    const lead = await leadOf(call);
    const tasks = await tasksOf(call);
    expect(lead.status).toBe("booked");
    expect(tasks.map((t) => t.title)).toEqual([
      "Call to confirm the booked visit: the caller said something was wrong at the read-back, then hung up",
    ]);
    expect(lead.nextAction).toBe(tasks[0]!.title);
  });

  it("a visit the caller takes back at the read-back is no visit: follow-up needed, no time, a callback task", async () => {
    const call = await atIntake();
    for (const line of BOOKING_CALL.slice(0, 5)) await call.say(line);
    await call.say("yes, that works");
    expect((await leadOf(call)).status).toBe("booked");
    const bye = spoken(await call.say("Actually, hold off on booking it, have someone call me first please"));
    expect(bye).toMatch(/won't book the visit/i);
    await call.ended("completed");
    const lead = await leadOf(call);
    const tasks = await tasksOf(call);
    expect(lead).toMatchObject({ status: "followup_needed", appointmentAt: null });
    expect(tasks.map((t) => t.title)).toEqual([
      "Call back: the caller took back the visit and wants a call first",
    ]);
    expect(lead.nextAction).toBe(tasks[0]!.title);
  });

  it("a callback turned into a visit at its read-back closes the callback task and books the visit", async () => {
    const call = await atIntake();
    for (const line of BOOKING_CALL.slice(0, 3)) await call.say(line);
    await call.say("just have somebody call me back");
    expect(await tasksOf(call)).toHaveLength(1);
    await call.say("Yes. Actually, can you just put me down for a visit instead?");
    await call.say("it's 123 Main Street");
    await call.say("the first one");
    await call.say("yes, that's right");
    await call.ended("completed");
    const lead = await leadOf(call);
    const tasks = await tasksOf(call);
    expect(lead.status).toBe("booked");
    expect(lead.appointmentAt).not.toBeNull();
    expect(tasks).toEqual([expect.objectContaining({ kind: "callback", doneAt: expect.any(Date) })]);
    expect(await eventsOf(call)).toContain("task.closed");
  });

  it("caller hangs up before saying anything → missed, call back now", async () => {
    const call = await atIntake();
    await call.ended("completed");
    const lead = await leadOf(call);
    expect(lead).toMatchObject({ status: "missed", nextAction: MISSED_CALL_ACTION });
    expect(Math.abs(secondsFromNow(lead.dueAt))).toBeLessThan(30);
    expect(await tasksOf(call)).toEqual([]);
  });

  it("keeps the outcome of a call that already ended when the status callback arrives", async () => {
    const call = await atIntake();
    await call.say("90210");
    await call.ended("completed");
    expect((await leadOf(call)).status).toBe("not_booked");
  });
});

describe(`the lead record (${engineName})`, () => {
  let call: TwilioCall;
  beforeAll(async () => {
    call = await atIntake();
    for (const line of BOOKING_CALL) await call.say(line);
    await call.ended("completed");
  });

  it("stores evidence per field: the caller's own words, and no field without evidence", async () => {
    const lead = await leadOf(call);
    const evidence = lead.evidence as Record<string, string>;
    const fields = {
      zip: lead.zip,
      inArea: lead.inArea,
      issueSummary: lead.issueSummary,
      urgency: lead.urgency,
      callerName: lead.callerName,
      address: lead.address,
      appointmentAt: lead.appointmentAt,
    };
    const callerWords = (
      await prisma.callTurn.findMany({ where: { call: { callSid: call.callSid }, speaker: "caller" } })
    ).map((t) => t.text);
    for (const [field, value] of Object.entries(fields)) {
      expect(value, field).not.toBeNull();
      expect(callerWords, field).toContain(evidence[field]);
    }
    expect(evidence).toMatchObject({
      zip: BOOKING_CALL[0],
      callerName: BOOKING_CALL[2],
      address: BOOKING_CALL[4],
      appointmentAt: BOOKING_CALL[5],
    });
  });

  it("stores every transcript turn once per (call, seq), and a transcript excerpt on the lead", async () => {
    const turns = await prisma.callTurn.findMany({
      where: { call: { callSid: call.callSid } },
      orderBy: { seq: "asc" },
    });
    expect(turns.map((t) => t.seq)).toEqual(turns.map((_, i) => i));
    expect(turns.filter((t) => t.speaker === "caller").map((t) => t.text)).toEqual(BOOKING_CALL);
    expect(turns[0]!.speaker).toBe("agent");
    const lead = await leadOf(call);
    expect(lead.transcriptExcerpt).toContain("Caller: this is Maria Lopez");
  });

  it("Intake assigns one receiving owner based on the routing rule, and leaves acceptance to the inbox", async () => {
    const lead = await leadOf(call);
    expect(lead).toMatchObject({ ownerId: biz.officeId, acceptedAt: null });
    expect(lead.lastActivityAt.getTime()).toBeGreaterThanOrEqual(lead.createdAt.getTime());
  });

  it("records the prompt profile on the call", async () => {
    expect((await callOf(call)).promptProfile).toBe("standard");
    const safe = await makeTestBusiness(prisma, { name: "Safe Plumbing" });
    await prisma.tenant.update({ where: { id: safe.tenant.id }, data: { promptProfile: "safe" } });
    const safeCall = await atIntake(safe);
    expect(spoken(safeCall.last)).toMatch(/five-digit ZIP code/);
    const row = await callOf(safeCall);
    expect(row.promptProfile).toBe("safe");
    expect((row.state as { profile: string }).profile).toBe("safe");
  });

  it("puts every URL in the TwiML absolute under PUBLIC_BASE_URL", async () => {
    const transfer = await atIntake();
    await transfer.say("my pipe burst");
    const urls = [...call.answers, ...transfer.answers].flatMap((a) => twimlUrls(a.body));
    const ring = new TwilioCall(biz.trackingNumber);
    urls.push(...twimlUrls(await ring.incoming()));
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(`${BASE}/api/twilio/voice`), url).toBe(true);
    for (const a of [...call.answers, ...transfer.answers]) expect(a.contentType).toMatch(/^text\/xml/);
  });
});

describe(`the call's lead is written like every other lead (${engineName})`, () => {
  /** The temperature the leads module gives this lead at its last write. */
  const scored = (lead: Awaited<ReturnType<typeof leadOf>>) => temperatureOf(lead, lead.lastActivityAt);

  it("scores a new missed call's lead when it is created, instead of leaving it at 0", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    await call.incoming();
    const lead = await leadOf(call);
    expect(lead.temperature).toBe(scored(lead));
    expect(lead.temperature).toBeGreaterThan(0);
  });

  it("keeps an AI-booked lead's temperature up to date turn by turn: urgency, recency and booking intent", async () => {
    const call = await atIntake();
    for (const line of BOOKING_CALL.slice(0, 3)) await call.say(line);
    const midCall = await leadOf(call);
    expect(midCall.temperature).toBe(scored(midCall));
    for (const line of BOOKING_CALL.slice(3)) await call.say(line);
    const booked = await leadOf(call);
    expect(booked.status).toBe("booked");
    expect(booked.temperature).toBe(scored(booked));
    expect(booked.temperature).toBeGreaterThan(midCall.temperature);
  });

  it("marks an emergency caught by the AI extremely hot: immediate human intervention", async () => {
    const call = await atIntake(solo);
    await call.say("I smell gas in the kitchen");
    await call.ended();
    const lead = await leadOf(call);
    expect(lead).toMatchObject({ urgency: "emergency", status: "followup_needed" });
    expect(lead.temperature).toBe(scored(lead));
    expect(temperatureBand(lead.temperature).key).toBe("extremely_hot");
  });

  it("Emergency work cannot sit unowned: with nobody to route it to, the lead says so on its timeline and the caller is still helped", async () => {
    const nobody = await makeTestBusiness(prisma, {
      name: "Nobody Home Plumbing",
      setup: { onCallPhone: null },
      routing: false,
    });
    await prisma.membership.deleteMany({ where: { tenantId: nobody.tenant.id } });
    const call = await atIntake(nobody);
    const xml = await call.say("I smell gas in the kitchen");
    expect(spoken(xml)).toMatch(/leave the building/);
    const lead = await leadOf(call);
    expect(lead).toMatchObject({ urgency: "emergency", ownerId: null });
    const flagged = await prisma.leadEvent.findMany({
      where: { leadId: lead.id, type: "lead.rule_flagged" },
    });
    expect(flagged.map((e) => (e.data as { message: string }).message)).toEqual([
      "Emergency work cannot sit unowned: pick the person who takes it.",
    ]);
  });
});
