// The voice webhooks' contract with Twilio: signatures checked against
// PUBLIC_BASE_URL + path + query (403, nothing written), malformed forms refused with 400 naming
// the field, unknown numbers answered politely, and a call recorded once per CallSid however
// often Twilio delivers a webhook — even 100 times at once.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import type { PrismaClient } from "@/server/db/generated/client";
import { env } from "@/server/env";
import { publicUrl, signTwilioRequest } from "@/server/integrations/twilio-webhook";
import { MESSAGES } from "./voice-flow";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import {
  gatherAction,
  newCallSid,
  postVoice,
  signedTwilioRequest,
  spoken,
  TwilioCall,
  VOICE_ROUTES,
} from "@/server/test/webhook-test-kit";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let spool: string;

beforeAll(async () => {
  spool = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  process.env.SPOOL_DIR = spool;
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
});
afterAll(() => db?.drop());

/** Row counts of everything a webhook could write, plus the spool. */
async function snapshot() {
  const [leads, calls, turns, tasks, events, audits] = await Promise.all([
    prisma.lead.count(),
    prisma.call.count(),
    prisma.callTurn.count(),
    prisma.task.count(),
    prisma.leadEvent.count(),
    prisma.auditLog.count(),
  ]);
  return { leads, calls, turns, tasks, events, audits, spooled: readdirSync(spool).length };
}

const PATHS = Object.keys(VOICE_ROUTES);

describe(`signatures (${engineName})`, () => {
  it("refuses forged, unsigned and wrongly signed webhooks with 403 and writes nothing", async () => {
    const before = await snapshot();
    const form = {
      CallSid: newCallSid(),
      From: "+15125559876",
      To: biz.trackingNumber,
      DialCallStatus: "no-answer",
      CallStatus: "completed",
      SpeechResult: "78701",
    };
    for (const p of PATHS) {
      const url = publicUrl(p);
      const attempts = [
        { signature: null },
        { signature: "bm90LWEtc2lnbmF0dXJl" },
        { authToken: "someone-elses-token" },
        // Signed for the internal host the request reached, not the public URL Twilio called.
        { signature: signTwilioRequest(`http://10.0.0.7:3000${p}`, form) },
      ];
      for (const opts of attempts) {
        const res = await postVoice(url, form, opts);
        expect(res.status, `${p} ${JSON.stringify(opts)}`).toBe(403);
      }
      // A signed form with one field changed afterwards.
      const signature = signTwilioRequest(url, form);
      const res = await VOICE_ROUTES[p]!(
        signedTwilioRequest(url, { ...form, From: "+15125550000" }, { signature }),
      );
      expect(res.status).toBe(403);
      // The query string is signed too.
      const tampered = await VOICE_ROUTES[p]!(signedTwilioRequest(`${url}?turn=7`, form, { signature }));
      expect(tampered.status).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("accepts the same webhook signed with TWILIO_AUTH_TOKEN over PUBLIC_BASE_URL", async () => {
    expect(env.TWILIO_AUTH_TOKEN).toBeTruthy();
    const res = await postVoice("/api/twilio/voice", {
      CallSid: newCallSid(),
      From: "+15125559876",
      To: biz.trackingNumber,
    });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/xml/);
  });
});

describe(`malformed forms (${engineName})`, () => {
  it.each([
    ["/api/twilio/voice", { From: "+15125559876", To: "+15125550100" }, "CallSid"],
    ["/api/twilio/voice", { CallSid: "CA1", To: "+15125550100" }, "From"],
    ["/api/twilio/voice", { CallSid: "CA1", From: "+15125559876" }, "To"],
    ["/api/twilio/voice", { CallSid: "CA1", From: "+15125559876", To: "512-555-0100" }, "To"],
    ["/api/twilio/voice", { CallSid: "CA1", From: "call me maybe", To: "+15125550100" }, "From"],
    ["/api/twilio/voice/dial-result", { CallSid: "CA1" }, "DialCallStatus"],
    ["/api/twilio/voice/status", { CallSid: "CA1" }, "CallStatus"],
    ["/api/twilio/voice/intake", { SpeechResult: "78701" }, "CallSid"],
  ])("answers %s with 400 naming the field when the form is %j", async (p, form, field) => {
    const before = await snapshot();
    const res = await postVoice(p, form as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body).toContain(field);
    expect(await snapshot()).toEqual(before);
  });

  it("answers a body that is not a form with 400", async () => {
    const form = { CallSid: newCallSid(), From: "+15125559876", To: biz.trackingNumber };
    const res = await postVoice("/api/twilio/voice", form, { contentType: "application/json" });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/x-www-form-urlencoded/);
  });

  it("still takes a caller who withheld their number (From=anonymous)", async () => {
    const call = new TwilioCall(biz.trackingNumber, "anonymous");
    expect(await call.incoming()).toContain("<Dial");
    expect((await prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } })).callerPhone).toBe(
      "anonymous",
    );
  });

  it("makes the number a withheld caller gives the lead's phone, so the office can call it", async () => {
    const call = new TwilioCall(biz.trackingNumber, "anonymous");
    await call.incoming();
    await call.missed();
    for (const said of ["78701", "the kitchen sink drips", "Jo Park", "just have someone call me back"])
      await call.say(said);
    expect(spoken(await call.say("five one two, five five five, oh one four four"))).toMatch(/0 1 4 4/);
    const lead = await prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
    expect(lead.callerPhone).toBe("+15125550144");
    expect(lead.notes).toContain("Call back at 5125550144");
    // A caller ID that came through is never replaced by a number said on the call.
    const known = new TwilioCall(biz.trackingNumber, "+15125550177");
    await known.incoming();
    await known.missed();
    for (const said of [
      "78701",
      "the kitchen sink drips",
      "Jo Park",
      "call me back at five one two five five five oh one four four",
    ])
      await known.say(said);
    expect((await prisma.lead.findFirstOrThrow({ where: { sourceRef: known.callSid } })).callerPhone).toBe(
      "+15125550177",
    );
  });
});

describe(`unknown called number (${engineName})`, () => {
  it("answers politely, hangs up, and logs it for the operators without a lead", async () => {
    const before = await snapshot();
    const callSid = newCallSid();
    const res = await postVoice("/api/twilio/voice", {
      CallSid: callSid,
      From: "+15125559876",
      To: "+19995550123",
    });
    expect(res.status).toBe(200);
    expect(spoken(res.body)).toBe(MESSAGES.unknownNumber);
    expect(res.body).toContain("<Hangup/>");
    const after = await snapshot();
    expect(after).toEqual({ ...before, audits: before.audits + 1 });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "call.unknown_number", target: "+19995550123" },
    });
    expect(audit.data).toMatchObject({ callSid, from: "+15125559876" });
  });

  it("does not crash on the later webhooks of a call it never recorded", async () => {
    const callSid = newCallSid();
    const dial = await postVoice("/api/twilio/voice/dial-result", {
      CallSid: callSid,
      DialCallStatus: "no-answer",
    });
    expect(dial.status).toBe(200);
    expect(dial.body).toContain("<Hangup/>");
    expect(
      (await postVoice("/api/twilio/voice/intake?turn=0", { CallSid: callSid, SpeechResult: "78701" }))
        .status,
    ).toBe(200);
    expect(
      (await postVoice("/api/twilio/voice/status", { CallSid: callSid, CallStatus: "completed" })).status,
    ).toBe(200);
    expect(readdirSync(spool)).toEqual([]);
  });
});

describe(`replays (${engineName})`, () => {
  const N = 100;
  /** Delivers the same signed webhook N times at once; every delivery must get the same answer. */
  async function deliver(url: string, form: Record<string, string>): Promise<string> {
    const answers = await Promise.all(Array.from({ length: N }, () => postVoice(url, form)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    const bodies = new Set(answers.map((a) => a.body));
    expect(bodies.size, [...bodies].join("\n")).toBe(1);
    return answers[0]!.body;
  }

  it("records one call, one lead, one turn set and one task when every webhook arrives 100 times at once", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    const base = call.form();
    const ring = await deliver("/api/twilio/voice", { ...base, CallStatus: "ringing" });
    expect(ring).toContain("<Dial");
    let xml = await deliver("/api/twilio/voice/dial-result", { ...base, DialCallStatus: "no-answer" });
    // The callback carries a name, so it is read back ("…Did I get that right?") before goodbye.
    for (const speech of [
      "78701",
      "the kitchen sink is leaking",
      "this is Maria Lopez",
      "just have someone call me back",
      "yes, that's right",
    ]) {
      xml = await deliver(gatherAction(xml)!, { ...base, SpeechResult: speech });
    }
    expect(xml).toContain("<Hangup/>");
    await deliver("/api/twilio/voice/status", { ...base, CallStatus: "completed" });

    const calls = await prisma.call.findMany({ where: { callSid: call.callSid } });
    expect(calls).toHaveLength(1);
    const leads = await prisma.lead.findMany({ where: { sourceRef: call.callSid } });
    expect(leads).toHaveLength(1);
    expect(leads[0]!.status).toBe("followup_needed");
    const turns = await prisma.callTurn.findMany({
      where: { callId: calls[0]!.id },
      orderBy: { seq: "asc" },
    });
    expect(turns.map((t) => t.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(turns.filter((t) => t.speaker === "caller")).toHaveLength(5);
    expect(await prisma.task.count({ where: { leadId: leads[0]!.id } })).toBe(1);
    const events = (await prisma.leadEvent.findMany({ where: { leadId: leads[0]!.id } }))
      .map((e) => e.type)
      .sort();
    expect(events).toEqual([
      "call.ai_answered",
      "call.ended",
      "call.missed",
      "call.outcome",
      "call.received",
      "followup.stopped",
      "task.created",
    ]);
    expect(calls[0]!.turn).toBe(5);
  });

  it("answers a replayed intake turn with the same TwiML and does not advance the call", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    await call.missed();
    const action = gatherAction(call.last)!;
    const form = call.form({ SpeechResult: "78701" });
    const first = await postVoice(action, form);
    const before = await prisma.call.findUniqueOrThrow({
      where: { callSid: call.callSid },
      include: { turns: true },
    });
    const again = await postVoice(action, form);
    // Even a replay carrying different words is the same turn: Twilio already has its answer.
    const differently = await postVoice(action, call.form({ SpeechResult: "90210" }));
    expect(again.body).toBe(first.body);
    expect(differently.body).toBe(first.body);
    const after = await prisma.call.findUniqueOrThrow({
      where: { callSid: call.callSid },
      include: { turns: true },
    });
    expect(after.turn).toBe(before.turn);
    expect(after.state).toEqual(before.state);
    expect(after.turns).toHaveLength(before.turns.length);
    expect((await prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } })).zip).toBe("78701");
  });

  it("answers a late replay of a step the call has moved past at once, and changes nothing", async () => {
    // Twilio already acted on that step's answer, so there is nothing to wait for: a late copy
    // (a retry, a second instance's delivery) must not hold a connection open polling the database.
    const call = new TwilioCall(biz.trackingNumber);
    const base = call.form();
    await call.missed();
    const firstTurn = gatherAction(call.last)!;
    await call.say("78701");
    await call.say("the kitchen sink is leaking");
    const before = await prisma.call.findUniqueOrThrow({
      where: { callSid: call.callSid },
      include: { turns: true },
    });
    const late = [
      ["/api/twilio/voice", { ...base, CallStatus: "ringing" }],
      ["/api/twilio/voice/dial-result", { ...base, DialCallStatus: "no-answer" }],
      [firstTurn, { ...base, SpeechResult: "78701" }],
    ] as const;
    for (const [url, form] of late) {
      const began = performance.now();
      const answer = await postVoice(url, form);
      expect(answer.status).toBe(200);
      expect(
        performance.now() - began,
        `${url} answered after ${Math.round(performance.now() - began)} ms`,
      ).toBeLessThan(2000);
    }
    await call.ended();
    const began = performance.now();
    expect((await postVoice(firstTurn, { ...base, SpeechResult: "78701" })).status).toBe(200);
    expect(performance.now() - began).toBeLessThan(2000);
    const after = await prisma.call.findUniqueOrThrow({
      where: { callSid: call.callSid },
      include: { turns: true },
    });
    expect(after.turn).toBe(before.turn);
    expect(after.state).toEqual(before.state);
    expect(after.turns).toHaveLength(before.turns.length);
  });
});
