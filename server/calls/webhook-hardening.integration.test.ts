// What reaches the database from a Twilio webhook is always storable (control characters are
// stripped once the signature is checked, integer query parameters are bounded), and no Twilio
// webhook answers 500: texts are spooled and recovered like calls when the database fails.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDb } from "@/server/db";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { env } from "@/server/env";
import { cleanForm, publicUrl, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { refusingDatabase } from "@/server/test/database-outage";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { POST as smsRoute } from "@/app/api/twilio/sms/route";
import { POST as smsStatusRoute } from "@/app/api/twilio/sms/status/route";
import { drainSpool } from "./jobs";
import type { SpooledWebhook } from "./spool";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import {
  gatherAction,
  newCallSid,
  postVoice,
  signedTwilioRequest,
  TwilioCall,
} from "@/server/test/webhook-test-kit";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let spool: string;

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
});
afterAll(() => db?.drop());
beforeEach(() => {
  spool = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  process.env.SPOOL_DIR = spool;
});
afterEach(() => {
  setDb(db);
  vi.restoreAllMocks();
});

const NUL = "\u0000";
let smsSeq = 0;
const messageSid = () => `SM${Date.now().toString(16)}${String(++smsSeq).padStart(8, "0")}`.padEnd(34, "0");
const spooled = () =>
  readdirSync(spool)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(spool, f), "utf8")) as SpooledWebhook);

async function postSms(p: "/api/twilio/sms" | "/api/twilio/sms/status", form: TwilioForm) {
  const route = p === "/api/twilio/sms" ? smsRoute : smsStatusRoute;
  const res = await route(signedTwilioRequest(publicUrl(p), form));
  return { status: res.status, body: await res.text(), contentType: res.headers.get("content-type") };
}

describe("cleaning webhook fields", () => {
  it("strips NUL and other control characters from names and values, keeping line breaks and tabs", () => {
    expect(
      cleanForm({ [`Body${NUL}`]: `fix\u0007 my${NUL} sink\nplease\tnow\u009b`, From: `+1512${NUL}5550101` }),
    ).toEqual({ Body: "fix my sink\nplease\tnow", From: "+15125550101" });
  });
});

describe(`webhook fields reach the database clean (${engineName})`, () => {
  it("records a call whose speech carries NUL bytes, without them and without spooling", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    await call.missed();
    const res = await postVoice(
      gatherAction(call.last)!,
      call.form({ SpeechResult: `7870${NUL}1`, Confidence: `0.9${NUL}` }),
    );
    expect(res.status).toBe(200);
    expect(spooled()).toEqual([]);
    const lead = await prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
    expect(lead.zip).toBe("78701");
    const turns = await prisma.callTurn.findMany({
      where: { call: { callSid: call.callSid }, speaker: "caller" },
    });
    expect(turns.map((t) => t.text)).toEqual(["78701"]);
  });

  it.each([["99999999999"], ["-1"], ["1e3"], ["twelve"], ["10001"]])(
    "answers an intake turn=%s with 400 naming turn, and spools nothing",
    async (turn) => {
      const call = new TwilioCall(biz.trackingNumber);
      await call.missed();
      const res = await postVoice(
        `/api/twilio/voice/intake?turn=${turn}`,
        call.form({ SpeechResult: "78701" }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatch(/^Query parameter turn .* must be a whole number from 0 to 10000\.$/);
      expect(spooled()).toEqual([]);
      expect((await prisma.call.findUniqueOrThrow({ where: { callSid: call.callSid } })).turn).toBe(0);
    },
  );

  it("stores an inbound text with a NUL byte (200, empty TwiML), without the NUL", async () => {
    const sid = messageSid();
    const res = await postSms("/api/twilio/sms", {
      AccountSid: env.TWILIO_ACCOUNT_SID,
      MessageSid: sid,
      From: "+17375551901",
      To: biz.trackingNumber,
      Body: `my toilet${NUL} overflows`,
    });
    expect(res).toEqual({
      status: 200,
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
      contentType: "text/xml; charset=utf-8",
    });
    expect((await prisma.message.findUniqueOrThrow({ where: { twilioSid: sid } })).body).toBe(
      "my toilet overflows",
    );
  });
});

describe(`texts while the database is down (${engineName})`, () => {
  it("answers an inbound text and its status callback with 200 and empty TwiML, spools them, and stores the text once the database is back", async () => {
    const down = await refusingDatabase();
    setDb(down);
    const sid = messageSid();
    const form = {
      AccountSid: env.TWILIO_ACCOUNT_SID,
      MessageSid: sid,
      From: "+17375551902",
      To: biz.trackingNumber,
      Body: "Is anyone there? Water everywhere",
    };
    const inbound = await postSms("/api/twilio/sms", form);
    expect(inbound.status).toBe(200);
    expect(inbound.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const status = await postSms("/api/twilio/sms/status", {
      AccountSid: env.TWILIO_ACCOUNT_SID,
      MessageSid: `SM${"e".repeat(32)}`,
      MessageStatus: "delivered",
    });
    expect(status.status).toBe(200);
    expect(
      spooled()
        .map((s) => s.path)
        .sort(),
    ).toEqual(["/api/twilio/sms", "/api/twilio/sms/status"]);
    await down.close();

    setDb(db);
    expect(await drainSpool(systemDb(prisma), spool)).toMatchObject({ recovered: 1, failed: 0, left: 0 });
    const message = await prisma.message.findUniqueOrThrow({ where: { twilioSid: sid } });
    expect(message).toMatchObject({ direction: "inbound", body: form.Body, fromNumber: form.From });
    const lead = await prisma.lead.findFirstOrThrow({ where: { id: message.leadId! } });
    expect(lead).toMatchObject({ source: "sms", callerPhone: form.From, tenantId: biz.tenant.id });
    // Recovered once: a second run (or Twilio's own retry) adds nothing.
    await drainSpool(systemDb(prisma), spool);
    expect(await postSms("/api/twilio/sms", form)).toMatchObject({ status: 200 });
    expect(await prisma.message.count({ where: { twilioSid: sid } })).toBe(1);
  });

  it("logs the CallSid, never the caller's form, when even spooling fails", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation(
      (...args: unknown[]) => void errors.push(args.map(String).join(" ")),
    );
    // The spool folder cannot be created: a file stands in its way.
    const blocked = path.join(spool, "not-a-folder");
    writeFileSync(blocked, "");
    process.env.SPOOL_DIR = path.join(blocked, "spool");
    const down = await refusingDatabase();
    setDb(down);
    const callSid = newCallSid();
    const res = await postVoice("/api/twilio/voice", {
      CallSid: callSid,
      From: "+17375559999",
      To: biz.trackingNumber,
      SpeechResult: "my secret address",
    });
    await down.close();
    expect(res.status).toBe(200);
    const log = errors.join("\n");
    expect(log).toContain(callSid);
    expect(log).toMatch(/Could not spool/);
    expect(log).not.toContain("+17375559999");
    expect(log).not.toContain("my secret address");
  });
});
