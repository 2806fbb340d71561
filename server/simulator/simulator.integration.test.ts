// The browser call simulator ("Test your flow", a tested sample call), through the tRPC
// router, driving the real signed voice webhooks on a real database.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { addMember, completeSetup, makeTenant, makeUser } from "@/prisma/factories";
import { addTrackingNumber, setForwardingPhones } from "@/server/setup/phone-numbers";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { newCallSid } from "./call-driver";
import { postTwilio } from "./post-webhook";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let fx: Awaited<ReturnType<typeof setup>>;

const CALLER = "+15125550142";

async function setup() {
  const prisma = db.prisma;
  const ownerA = await makeUser(prisma, { name: "Owner A" });
  const managerA = await makeUser(prisma, { name: "Manager A" });
  const staffA = await makeUser(prisma, { name: "Staff A" });
  const ownerB = await makeUser(prisma, { name: "Owner B" });
  const a = await makeTenant(prisma, { name: "Alpha Plumbing", ownerId: ownerA.id });
  const b = await makeTenant(prisma, { name: "Bravo Plumbing", ownerId: ownerB.id });
  await addMember(prisma, a.id, managerA.id, "manager");
  await addMember(prisma, a.id, staffA.id, "staff");
  const { trackingNumber: numberA } = await completeSetup(prisma, a.id, { zips: ["78701", "78702"] });
  const { trackingNumber: numberB } = await completeSetup(prisma, b.id, { zips: ["99501"] });
  // A business that has a number and a plumber but no service area, hours or slots yet.
  const ownerC = await makeUser(prisma, { name: "Owner C" });
  const c = await makeTenant(prisma, { name: "Charlie Plumbing", ownerId: ownerC.id });
  const ctxC = { db: tenantScoped(prisma, c.id), tenantId: c.id, sys: systemDb(prisma) };
  const numberC = (await addTrackingNumber(ctxC, { number: "+15125550177" })).e164;
  await setForwardingPhones(ctxC, { plumberPhone: "+15125550178" });
  return { a, b, c, ownerA, managerA, staffA, ownerB, ownerC, numberA, numberB, numberC };
}

beforeAll(async () => {
  // A webhook that fails is spooled to disk (server/calls/spool.ts): keep that out of the shared .data.
  process.env.SPOOL_DIR = await mkdtemp(path.join(tmpdir(), "lr-sim-spool-"));
  db = await useTestDatabase();
  fx = await setup();
});
afterAll(async () => {
  await db?.drop();
  if (process.env.SPOOL_DIR?.includes("lr-sim-spool-"))
    await rm(process.env.SPOOL_DIR, { recursive: true, force: true });
});

const owner = () => callerFor(db.prisma, fx.ownerA.id, fx.a.slug).simulator;
type Step = Awaited<ReturnType<ReturnType<typeof owner>["start"]>>;

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected the call to be refused");
}

const agentSaid = (s: Step) =>
  s.lines
    .filter((l) => l.who === "agent")
    .map((l) => (l as { text: string }).text)
    .join(" ");

/** Rings the plumber, who does not pick up: the AI answers (the demo setup is complete). */
async function missedCall(sim = owner(), from = CALLER): Promise<Step> {
  const started = await sim.start({ from, to: fx.numberA });
  expect(started.error).toBeNull();
  expect(started.state.pending).toMatchObject({ kind: "dial", purpose: "ring_first" });
  const s = await sim.answerDial({ state: started.state, how: "no-answer" });
  expect(s.error).toBeNull();
  expect(s.state.pending.kind).toBe("gather");
  return s;
}

async function says(s: Step, text: string, sim = owner()): Promise<Step> {
  const next = await sim.say({ state: s.state, text });
  expect(next.error).toBeNull();
  return next;
}

describe(`call simulator (${engineName})`, () => {
  it("books an in-area caller through the real signed webhooks: ZIP, issue, name, visit, address, an offered slot", async () => {
    const sim = owner();
    let s = await missedCall(sim);
    expect(agentSaid(s)).toMatch(/ZIP code/);
    s = await says(s, "My ZIP is 78701");
    expect(agentSaid(s)).toMatch(/What's going on with your plumbing/);
    s = await says(s, "The pipe under my kitchen sink is leaking");
    s = await says(s, "My name is Jane Doe");
    expect(agentSaid(s)).toMatch(/book a plumber/);
    s = await says(s, "Please book a visit");
    expect(agentSaid(s)).toMatch(/street address/);
    s = await says(s, "123 Main Street");
    expect(agentSaid(s)).toMatch(/openings? (is|are)/);
    s = await says(s, "The first one");
    expect(agentSaid(s)).toMatch(
      /Let me read that back: Jane Doe, 123 Main Street, .+ Did I get that right\?/,
    );
    s = await says(s, "Yes, that's right");
    expect(agentSaid(s)).toMatch(/You're all set, Jane\./);
    expect(s.state.pending.kind).toBe("ended");
    // Every webhook answered 200: the signatures were accepted.
    expect(s.lines.filter((l) => l.who === "twiml").every((l) => l.who === "twiml" && l.status === 200)).toBe(
      true,
    );

    const { lead, call } = await sim.lead({ callSid: s.state.callSid });
    expect(call.ended).toBe(true);
    expect(lead).toMatchObject({
      status: "booked",
      isTest: true,
      callerPhone: CALLER,
      zip: "78701",
      inArea: true,
      callerName: "Jane Doe",
      address: "123 Main Street",
      urgency: "high",
    });
    expect(lead?.issueSummary).toMatch(/leaking/);
    expect(lead?.appointmentAt).toBeInstanceOf(Date);
    const row = await db.prisma.call.findUniqueOrThrow({ where: { callSid: s.state.callSid } });
    expect(row).toMatchObject({ tenantId: fx.a.id, isTest: true });
  });

  it("declines an out-of-area caller politely and logs the lead as not_booked, inArea=false", async () => {
    let s = await missedCall();
    s = await says(s, "My ZIP is 10001");
    expect(agentSaid(s)).toMatch(/doesn't cover ZIP code/);
    expect(s.state.pending.kind).toBe("ended");
    const { lead } = await owner().lead({ callSid: s.state.callSid });
    expect(lead).toMatchObject({ status: "not_booked", zip: "10001", inArea: false, isTest: true });
  });

  it("a plumber who answers and presses 1 takes the call: answered_by_plumber, AI skipped", async () => {
    const sim = owner();
    const started = await sim.start({ from: CALLER, to: fx.numberA });
    const s = await sim.answerDial({ state: started.state, how: "answer" });
    expect(s.error).toBeNull();
    expect(s.state.pending.kind).toBe("ended");
    expect(s.lines.some((l) => l.who === "system" && /pressed 1/.test(l.text))).toBe(true);
    expect(agentSaid(s)).toBe("");
    const { lead } = await sim.lead({ callSid: s.state.callSid });
    expect(lead?.status).toBe("answered_by_plumber");
  });

  it("a voicemail pickup (no key pressed) counts as missed, so the AI answers", async () => {
    const sim = owner();
    const started = await sim.start({ from: CALLER, to: fx.numberA });
    const s = await sim.answerDial({ state: started.state, how: "voicemail" });
    expect(s.state.pending.kind).toBe("gather");
    expect((await sim.lead({ callSid: s.state.callSid })).lead?.status).toBe("answered_by_ai");
    await sim.hangUp({ state: s.state });
  });

  it("an emergency is warm-transferred to the on-call phone, which the tester can answer", async () => {
    const sim = owner();
    let s = await missedCall(sim);
    s = await says(s, "My ZIP is 78701", sim);
    s = await says(s, "Water is pouring from a burst pipe", sim);
    expect(s.state.pending).toMatchObject({ kind: "dial", purpose: "transfer", number: "+15125550102" });
    s = await sim.answerDial({ state: s.state, how: "answer" });
    expect(s.error).toBeNull();
    const { lead } = await sim.lead({ callSid: s.state.callSid });
    expect(lead?.urgency).toBe("emergency");
  });

  it("a caller who hangs up after giving the ZIP leaves a followup_needed lead", async () => {
    const sim = owner();
    let s = await missedCall(sim);
    s = await says(s, "78702", sim);
    s = await sim.hangUp({ state: s.state });
    expect(s.state.pending.kind).toBe("ended");
    expect((await sim.lead({ callSid: s.state.callSid })).lead?.status).toBe("followup_needed");
    // Once ended, the call takes no more turns.
    expect(
      (
        await errorOf(
          sim.say({
            state: {
              ...s.state,
              pending: {
                kind: "gather",
                action: "http://localhost:3000/api/twilio/voice/intake?turn=1",
                input: "speech",
              },
            },
            text: "hello",
          }),
        )
      ).code,
    ).toBe("PRECONDITION_FAILED");
  });

  it("a manager may run the simulator; staff are refused, as the role map says", async () => {
    const manager = callerFor(db.prisma, fx.managerA.id, fx.a.slug).simulator;
    await missedCall(manager).then((s) => manager.hangUp({ state: s.state }));
    const before = await db.prisma.call.count();
    const staff = callerFor(db.prisma, fx.staffA.id, fx.a.slug).simulator;
    expect((await errorOf(staff.start({ from: CALLER, to: fx.numberA }))).code).toBe("FORBIDDEN");
    expect((await errorOf(staff.context())).code).toBe("FORBIDDEN");
    expect(await db.prisma.call.count()).toBe(before);
  });

  it("a member of tenant B cannot simulate a call to tenant A's number, step A's test call, or read its lead", async () => {
    const simB = callerFor(db.prisma, fx.ownerB.id, fx.b.slug).simulator;
    const before = await db.prisma.call.count();
    const refused = await errorOf(simB.start({ from: CALLER, to: fx.numberA }));
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/not one of your tracking numbers/),
    });
    expect(await db.prisma.call.count()).toBe(before);

    const s = await missedCall();
    expect((await errorOf(simB.say({ state: s.state, text: "My ZIP is 78701" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(simB.hangUp({ state: s.state }))).code).toBe("NOT_FOUND");
    expect((await errorOf(simB.lead({ callSid: s.state.callSid }))).code).toBe("NOT_FOUND");
    const row = await db.prisma.call.findUniqueOrThrow({ where: { callSid: s.state.callSid } });
    expect(row.turn).toBe(0);
    // And A's own number list never offers B's number.
    expect((await owner().context()).trackingNumbers.map((n) => n.e164)).toEqual([fx.numberA]);
    // The quick-fill ZIPs are the business's own: one it serves, one it does not.
    expect((await owner().context()).sampleZips).toEqual({ inArea: "78701", outOfArea: "10001" });
  });

  it("never drives a real call, and only follows voice webhooks under PUBLIC_BASE_URL", async () => {
    const callSid = newCallSid();
    const res = await postTwilio("/api/twilio/voice", {
      CallSid: callSid,
      From: CALLER,
      To: fx.numberA,
      Direction: "inbound",
    });
    expect(res.status).toBe(200);
    const real = await db.prisma.call.findUniqueOrThrow({ where: { callSid } });
    expect(real.isTest).toBe(false);
    const pending = {
      kind: "dial" as const,
      action: "http://localhost:3000/api/twilio/voice/dial-result",
      number: "+15125550101",
      whisperUrl: null,
      purpose: "ring_first" as const,
    };
    expect((await errorOf(owner().answerDial({ state: { callSid, pending }, how: "no-answer" }))).code).toBe(
      "NOT_FOUND",
    );

    const started = await owner().start({ from: CALLER, to: fx.numberA });
    const elsewhere = await owner().answerDial({
      state: {
        ...started.state,
        pending: { ...pending, action: "https://evil.example/api/twilio/voice/dial-result" },
      },
      how: "no-answer",
    });
    // Plain words for the person testing; the technical reason stays in the step's details.
    expect(elsewhere.error).toMatch(
      /^The test call stopped: our system could not answer this step of the call/,
    );
    expect(elsewhere.error).not.toMatch(/https?:|\/api\/|webhook|PUBLIC_BASE_URL/);
    const details = elsewhere.lines.at(-2);
    expect(details).toMatchObject({ who: "twiml", status: 0 });
    expect(details?.who === "twiml" && details.xml).toMatch(/not a voice webhook under PUBLIC_BASE_URL/);
    expect(elsewhere.lines.at(-1)).toMatchObject({
      who: "system",
      text: expect.stringMatching(/^The call stopped here: our system could not answer/),
    });
  });

  it("a real caller cannot mark a call as a test: a form with LeadRescueTest=1 not signed with our token is refused, nothing written", async () => {
    const callSid = newCallSid();
    const forged = await postTwilio(
      "/api/twilio/voice",
      { CallSid: callSid, From: CALLER, To: fx.numberA, LeadRescueTest: "1" },
      { authToken: "someone-elses-token" },
    );
    expect(forged.status).toBe(403);
    expect(await db.prisma.call.findUnique({ where: { callSid } })).toBeNull();
  });

  it("with setup incomplete the simulator still runs, shows the gate reasons, and the AI does not answer", async () => {
    const sim = callerFor(db.prisma, fx.ownerC.id, fx.c.slug).simulator;
    const ctx = await sim.context();
    expect(ctx.gate.open).toBe(false);
    expect(ctx.gate.reasons.join(" ")).toMatch(/Setup is not complete/);
    expect(ctx.missingSetup.map((m) => m.key)).toEqual(["serviceArea", "businessHours", "bookingSlots"]);
    const started = await sim.start({ from: CALLER, to: fx.numberC });
    const s = await sim.answerDial({ state: started.state, how: "no-answer" });
    expect(s.state.pending.kind).toBe("ended");
    expect(agentSaid(s)).toMatch(/Sorry we missed your call/);
    expect((await sim.lead({ callSid: s.state.callSid })).lead?.status).toBe("missed");
  });

  it("names the field when the caller's number is not a phone number", async () => {
    const err = await errorOf(owner().start({ from: "12", to: fx.numberA }));
    expect(err).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/not a valid phone number/),
    });
  });
});
