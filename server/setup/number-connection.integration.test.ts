// The connection check: what Twilio says about each tracking number (the real SDK against the local
// Twilio fake), the one-click fix, and "Receiving calls" from the first real signed call.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { tenantScoped } from "@/server/db/tenant-scope";
import { env } from "@/server/env";
import { setTwilioHandle, twilioClientFor } from "@/server/integrations/twilio-client";
import { publicUrl } from "@/server/integrations/twilio-webhook";
import { startTwilioFake, type TwilioFake } from "@/server/integrations/twilio-fake/server";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { postVoice, TwilioCall } from "@/server/test/webhook-test-kit";
import { callerFor } from "@/server/test/caller";
import { aiStatus } from "@/server/billing/ai-status";
import { connectNumberAtTwilio, numberConnections, type ConnectionDeps } from "./number-connection";
import { connectionSummary, overviewStatus } from "./connection-summary";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: TwilioFake;
let biz: TestBusiness;
let deps: ConnectionDeps;

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  db = await useTestDatabase();
  fake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
  const client = twilioClientFor(fake.url);
  setTwilioHandle({ client, mode: "local", fake });
  deps = {
    twilio: async () => client,
    voiceUrl: publicUrl("/api/twilio/voice"),
    smsUrl: publicUrl("/api/twilio/sms"),
  };
  biz = await makeTestBusiness(db.prisma, { name: "Connected Plumbing" });
});
afterAll(async () => {
  setTwilioHandle(undefined);
  await fake.close();
  await db.drop();
});

const numberRow = () => db.prisma.trackingNumber.findFirstOrThrow({ where: { tenantId: biz.tenant.id } });
const ctx = () => ({ db: tenantScoped(db.prisma, biz.tenant.id), tenantId: biz.tenant.id });

describe(`the connection check (${engineName})`, () => {
  it("reads the number's voice and messaging URLs at Twilio: not in the account, then pointing elsewhere, then fixed in one click", async () => {
    expect((await numberConnections(ctx(), deps))[0]!.twilio).toEqual({ state: "not_in_account" });

    fake.addIncomingNumber(biz.trackingNumber, {
      voice_url: "https://old-answering-service.example/voice",
      sms_url: "",
    });
    const [before] = await numberConnections(ctx(), deps);
    expect(before!.twilio).toEqual({
      state: "points_elsewhere",
      voiceUrl: "https://old-answering-service.example/voice",
      smsUrl: "",
      voiceOk: false,
      smsOk: false,
    });
    const summary = connectionSummary([before!], "America/Chicago");
    expect(summary.state).toBe("elsewhere");
    expect(summary.sentence).toContain("Twilio sends them to https://old-answering-service.example/voice");

    // The overview no longer says "answers missed calls right now" on trust.
    const on = aiStatus({
      gateOpen: true,
      paused: false,
      missingSteps: [],
      billing: { status: "active", eligible: true, reason: null, trialEnd: null, hasPaymentMethod: true },
      cancellation: { requestedAt: null, detachAt: null, detachedAt: null },
      timeZone: "America/Chicago",
    });
    expect(overviewStatus(on, summary)).toMatchObject({
      state: "off",
      action: { label: "Fix the connection", href: "settings/phone" },
    });
    expect(overviewStatus(on, summary).sentence).toMatch(
      /^The AI is ready, but calls to \(\d{3}\) \d{3}-\d{4} do not reach LeadRescue/,
    );

    const fixed = await connectNumberAtTwilio(ctx(), before!.id, deps);
    expect(fixed.twilio).toEqual({ state: "connected" });
    const atTwilio = Object.values(fake.state.incomingPhoneNumbers).find(
      (n) => n.phone_number === biz.trackingNumber,
    )!;
    expect(atTwilio).toMatchObject({
      voice_url: "https://rescue.example.test/api/twilio/voice",
      sms_url: "https://rescue.example.test/api/twilio/sms",
      voice_method: "POST",
      sms_method: "POST",
    });
    const connected = connectionSummary(await numberConnections(ctx(), deps), "America/Chicago");
    expect(connected.state).toBe("connected");
    expect(overviewStatus(on, connected).sentence).toMatch(
      /^The AI answers missed calls right now\. Twilio sends calls to .* to LeadRescue; no real call has come in yet\.$/,
    );
  });

  it('marks a number "Receiving calls" at its first real signed call, once, and never for a simulated test call', async () => {
    expect((await numberRow()).receivingCallsAt).toBeNull();
    const test = new TwilioCall(biz.trackingNumber);
    expect(
      (await postVoice("/api/twilio/voice", test.form({ CallStatus: "ringing", LeadRescueTest: "1" })))
        .status,
    ).toBe(200);
    expect((await numberRow()).receivingCallsAt).toBeNull();

    await new TwilioCall(biz.trackingNumber).incoming();
    const first = (await numberRow()).receivingCallsAt;
    expect(first).toBeInstanceOf(Date);
    await new TwilioCall(biz.trackingNumber).incoming();
    expect((await numberRow()).receivingCallsAt).toEqual(first);

    const summary = connectionSummary(await numberConnections(ctx(), deps), "America/Chicago");
    expect(summary.state).toBe("receiving");
    expect(summary.sentence).toMatch(/reach LeadRescue: the first arrived on [A-Z][a-z]{2} \d+\.$/);
  });

  it("serves the check and the fix to the business's owner through the router", async () => {
    const owner = callerFor(db.prisma, biz.ownerId, biz.tenant.slug);
    const res = await owner.setup.connection();
    expect(res.numbers.map((n) => n.twilio.state)).toEqual(["connected"]);
    expect(res.summary.state).toBe("receiving");
  });
});
