// Missed-call text-back, consent, inbound texts, delivery status and reminders (seeds
// 003 and 004) end to end: the real signed webhook routes, pg-boss jobs, the real `twilio` SDK
// talking to the local Twilio fake, whose signed status callbacks come back through the route.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { env } from "@/server/env";
import { setTwilioHandle, twilioClientFor } from "@/server/integrations/twilio-client";
import { startTwilioFake, type TwilioFake } from "@/server/integrations/twilio-fake/server";
import {
  configureFakeSms,
  fakeMessages,
  UNDELIVERABLE_TEST_NUMBER,
} from "@/server/integrations/twilio-fake/messages";
import { publicUrl, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { startJobs, stopJobs } from "@/server/jobs/runtime";
import { makeLead } from "@/prisma/factories";
import { REBOOK_ACTION } from "@/server/leads/apply-lead-change";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { inboundSmsForm, signedTwilioRequest, TwilioCall } from "@/server/test/webhook-test-kit";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { POST as smsRoute } from "@/app/api/twilio/sms/route";
import { POST as smsStatusRoute } from "@/app/api/twilio/sms/status/route";
import { GET as linkRoute } from "@/app/r/[token]/route";
import { recordConsent } from "./consent";
import { MESSAGING_JOBS, SMS_STATUS_PATH } from "./jobs";
import { updateMessagingSettings } from "./messaging-settings";
import { queueAppointmentTexts } from "./queue-appointment-texts";
import { queueTextBack } from "./queue-call-texts";
import { sendMessage } from "./send-message";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let fake: TwilioFake;
let biz: TestBusiness;
const BOOKING_URL = "https://book.rescue.example/quote";
/** The business's own scoped client (the messaging functions take one). */
const bizDb = () => tenantScoped(prisma, biz.tenant.id);
const twilioDeps = () => ({
  twilio: async () => twilioClientFor(fake.url),
  statusCallbackUrl: publicUrl(SMS_STATUS_PATH),
});

let seq = 0;
/** A fresh caller number per test (5551xx range), so windows and consent never leak between tests. */
const newCaller = () => `+1737555${String(1000 + ++seq).padStart(4, "0")}`;

const sentTo = (phone: string) => fakeMessages(fake.state).filter((m) => m.to === phone);
const messagesTo = (phone: string) =>
  prisma.message.findMany({
    where: { toNumber: phone, direction: "outbound" },
    orderBy: { createdAt: "asc" },
  });
const leadOf = (call: TwilioCall) => prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
const eventsOf = async (leadId: string) =>
  (await prisma.leadEvent.findMany({ where: { leadId }, orderBy: { createdAt: "asc" } })).map((e) => e.type);

/** A call whose status webhook has not come yet, left as the call flow leaves a silent caller: `missed`. */
async function unendedMissedCall(from: string) {
  const call = await missedCall(from, false);
  await prisma.lead.updateMany({ where: { sourceRef: call.callSid }, data: { status: "missed" } });
  return prisma.call.findUniqueOrThrow({ where: { callSid: call.callSid } });
}

/** A call the plumber missed and the caller hung up on before saying anything: ends `missed`. */
async function missedCall(from: string, end = true) {
  const call = new TwilioCall(biz.trackingNumber, from);
  await call.missed("no-answer");
  if (end) await call.ended("completed");
  return call;
}

async function postSms(path: string, form: TwilioForm, opts: { signature?: string | null } = {}) {
  const url = publicUrl(path);
  const route = path === "/api/twilio/sms" ? smsRoute : smsStatusRoute;
  const res = await route(signedTwilioRequest(url, form, opts));
  return { status: res.status, body: await res.text() };
}

const inboundForm = (from: string, body: string, to = biz.trackingNumber): TwilioForm =>
  inboundSmsForm(from, to, body);

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Rescue Plumbing" });
  // Quiet hours off for the flow tests (their own test turns them on).
  await updateMessagingSettings(bizDb(), biz.tenant.id, {
    bookingUrl: BOOKING_URL,
    quietStartMinute: 0,
    quietEndMinute: 0,
  });
  fake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
  setTwilioHandle({ client: twilioClientFor(fake.url), mode: "local", fake });
  // The fake's signed status callbacks go straight to the real route handler.
  configureFakeSms({
    stepDelayMs: 20,
    deliver: async (url, form, signature) => {
      const res = await smsStatusRoute(signedTwilioRequest(url, form, { signature }));
      if (res.status >= 300) throw new Error(`status callback answered ${res.status}`);
    },
  });
  await startJobs(db, MESSAGING_JOBS as never, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs();
  configureFakeSms(undefined);
  setTwilioHandle(undefined);
  await fake?.close();
  await db?.drop();
});

describe(`missed-call text-back (${engineName})`, () => {
  it("Missed-call text-back flow: a missed call → exactly one text-back job → one SDK request to the fake, from the tracking number", async () => {
    const caller = newCaller();
    const call = await missedCall(caller);
    const lead = await leadOf(call);
    expect(lead.status).toBe("missed");
    const rows = await messagesTo(caller);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "text_back",
      leadId: lead.id,
      fromNumber: biz.trackingNumber,
      key: `text_back:${call.callSid}`,
    });
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(1);
    const [sms] = sentTo(caller);
    expect(sms!.from).toBe(biz.trackingNumber);
    expect(sms!.body).toMatch(
      /^Hi, this is Rescue Plumbing\. Sorry we missed your call! Book a visit or request a quote here: https:\/\/rescue\.example\.test\/r\/\S+/,
    );
    expect(sms!.body).toMatch(/Reply STOP to opt out\.$/);
    expect(
      fake.state.requests.filter(
        (r) => r.method === "POST" && r.path.endsWith("/Messages.json") && r.form.To === caller,
      ),
    ).toHaveLength(1);
    // The fake's signed callbacks (queued → sent → delivered) move the row forward.
    await expect
      .poll(async () => (await messagesTo(caller))[0]!.status, { timeout: 10_000, interval: 100 })
      .toBe("delivered");
    // A replay of the final status webhook queues nothing more.
    await call.ended("completed");
    expect(await messagesTo(caller)).toHaveLength(1);
  });

  it("Booking or quote link: the link in the text records the click on the lead's timeline, then redirects", async () => {
    const caller = newCaller();
    const call = await missedCall(caller);
    const body = (await messagesTo(caller))[0]!.body;
    const url = /https:\/\/\S+\/r\/(\S+)/.exec(body)!;
    const res = await linkRoute(new Request(url[0]), { params: Promise.resolve({ token: url[1]! }) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(BOOKING_URL);
    expect(await eventsOf((await leadOf(call)).id)).toContain("sms.link_clicked");
    const forged = await linkRoute(new Request("https://x/r/abc.def"), {
      params: Promise.resolve({ token: `${(await leadOf(call)).id}.AAAAAAAAAAAAAAAA` }),
    });
    expect(forged.status).toBe(404);
  });

  it("a sent link keeps the target it was sent with, expires after 90 days, and never leaves the web", async () => {
    const caller = newCaller();
    const call = await missedCall(caller);
    const [href, token] = /https:\/\/\S+\/r\/(\S+)/.exec((await messagesTo(caller))[0]!.body)!;
    const follow = () => linkRoute(new Request(href!), { params: Promise.resolve({ token: token! }) });
    const link = await prisma.trackedLink.findUniqueOrThrow({ where: { token } });
    expect(link).toMatchObject({
      tenantId: biz.tenant.id,
      leadId: (await leadOf(call)).id,
      target: BOOKING_URL,
    });
    expect(Math.round((link.expiresAt.getTime() - link.createdAt.getTime()) / 86_400_000)).toBe(90);
    // Today's settings change: the text already sent still opens what it said.
    await updateMessagingSettings(bizDb(), biz.tenant.id, { bookingUrl: "https://elsewhere.example/new" });
    try {
      expect((await follow()).headers.get("location")).toBe(BOOKING_URL);
    } finally {
      await updateMessagingSettings(bizDb(), biz.tenant.id, { bookingUrl: BOOKING_URL });
    }
    await prisma.trackedLink.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await follow();
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired/);
    // A stored target that is not http(s) is never followed.
    await prisma.trackedLink.update({
      where: { token },
      data: { target: "javascript:alert(1)", expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect((await follow()).status).toBe(404);
  });

  it("One text per caller per window: three rings (status webhooks at once) mean one text", async () => {
    const caller = newCaller();
    const calls = [
      await missedCall(caller, false),
      await missedCall(caller, false),
      await missedCall(caller, false),
    ];
    await Promise.all(calls.map((c) => c.ended("completed")));
    expect(await messagesTo(caller)).toHaveLength(1);
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo(caller)).toHaveLength(1);
    const skipped = await prisma.leadEvent.count({
      where: { type: "sms.text_back_skipped", lead: { callerPhone: caller } },
    });
    expect(skipped).toBe(2);
    // A fourth call the next day (outside the 24 h window) is texted again.
    const later = await prisma.call.findFirstOrThrow({ where: { callSid: calls[0]!.callSid } });
    const next = await queueTextBack(bizDb(), later.id, {
      now: new Date(Date.now() + 25 * 3_600_000),
      enqueue: async () => null,
    });
    expect(next.queued).toBe(true);
  });

  it("does not text back an out-of-area caller who was declined, nor a booked caller", async () => {
    const caller = newCaller();
    const call = new TwilioCall(biz.trackingNumber, caller);
    await call.missed("no-answer");
    await call.say("my zip is nine nine five zero one");
    await call.ended("completed");
    const lead = await leadOf(call);
    expect(lead).toMatchObject({ status: "not_booked", inArea: false });
    expect(await messagesTo(caller)).toHaveLength(0);
    expect(
      await prisma.leadEvent.findFirst({ where: { leadId: lead.id, type: "sms.text_back_skipped" } }),
    ).toMatchObject({ data: { reason: "out-of-area caller, declined on the call" } });
  });

  it("Quiet hours: a call ending at night is texted at 8:00 the next morning in the tenant's time zone", async () => {
    await updateMessagingSettings(bizDb(), biz.tenant.id, {
      quietStartMinute: 21 * 60,
      quietEndMinute: 8 * 60,
    });
    try {
      const caller = newCaller();
      const row = await unendedMissedCall(caller);
      const night = new Date("2026-03-08T05:00:00Z"); // Sat 23:00 CST; DST starts overnight
      const res = await queueTextBack(bizDb(), row.id, { now: night, enqueue: async () => null });
      expect(res).toMatchObject({ queued: true, sendAfter: new Date("2026-03-08T13:00:00Z") });
      expect(
        await sendMessage(bizDb(), (res as { messageId: string }).messageId, {
          ...twilioDeps(),
          now: () => night,
        }),
      ).toBe("not_due");
      expect(sentTo(caller)).toHaveLength(0);
    } finally {
      await updateMessagingSettings(bizDb(), biz.tenant.id, { quietStartMinute: 0, quietEndMinute: 0 });
    }
  });

  it("keeps an undeliverable text's status and error code from the callbacks", async () => {
    const call = await missedCall(UNDELIVERABLE_TEST_NUMBER);
    await expect
      .poll(async () => (await messagesTo(UNDELIVERABLE_TEST_NUMBER))[0]?.status, {
        timeout: 15_000,
        interval: 100,
      })
      .toBe("undelivered");
    expect((await messagesTo(UNDELIVERABLE_TEST_NUMBER))[0]).toMatchObject({
      errorCode: "30003",
      errorMessage: expect.stringMatching(/Unreachable/),
    });
    expect(call).toBeTruthy();
  });

  it("retries while Twilio is unreachable and sends once it answers", async () => {
    const caller = newCaller();
    const row = await unendedMissedCall(caller);
    const res = (await queueTextBack(bizDb(), row.id, { enqueue: async () => null })) as {
      messageId: string;
    };
    const down = {
      twilio: async () => twilioClientFor("http://127.0.0.1:9"),
      statusCallbackUrl: publicUrl(SMS_STATUS_PATH),
    };
    expect(await sendMessage(bizDb(), res.messageId, down)).toBe("retry");
    expect(await prisma.message.findUniqueOrThrow({ where: { id: res.messageId } })).toMatchObject({
      status: "pending",
      attempts: 1,
      errorMessage: expect.stringMatching(/^Attempt 1 failed/),
    });
    expect(await sendMessage(bizDb(), res.messageId, twilioDeps())).toBe("sent");
    expect(await sendMessage(bizDb(), res.messageId, twilioDeps())).toBe("skipped");
    expect(sentTo(caller)).toHaveLength(1);
  });
});

describe(`delivery status callbacks (${engineName})`, () => {
  it("replayed and out-of-order status callbacks change nothing", async () => {
    const caller = newCaller();
    await missedCall(caller);
    await expect
      .poll(async () => (await messagesTo(caller))[0]?.status, { timeout: 15_000, interval: 100 })
      .toBe("delivered");
    const before = (await messagesTo(caller))[0]!;
    for (const status of ["delivered", "sent", "queued", "failed"]) {
      const res = await postSms("/api/twilio/sms/status", {
        AccountSid: env.TWILIO_ACCOUNT_SID,
        MessageSid: before.twilioSid!,
        MessageStatus: status,
        To: caller,
        From: biz.trackingNumber,
      });
      expect(res.status).toBe(200);
    }
    const after = (await messagesTo(caller))[0]!;
    expect(after).toEqual(before);
  });

  it("refuses a forged status callback (403) and a malformed one (400 naming the field)", async () => {
    const form = {
      AccountSid: env.TWILIO_ACCOUNT_SID,
      MessageSid: `SM${"f".repeat(32)}`,
      MessageStatus: "delivered",
    };
    expect((await postSms("/api/twilio/sms/status", form, { signature: "forged" })).status).toBe(403);
    const bad = await postSms("/api/twilio/sms/status", {
      AccountSid: env.TWILIO_ACCOUNT_SID,
      MessageSid: `SM${"f".repeat(32)}`,
    });
    expect(bad).toEqual({ status: 400, body: "Missing required field: MessageStatus." });
  });
});

describe(`inbound texts and consent (opt-outs, ${engineName})`, () => {
  it("refuses a forged inbound SMS with 403 and writes nothing", async () => {
    const count = () =>
      Promise.all([prisma.message.count(), prisma.lead.count(), prisma.consentRecord.count()]);
    const before = await count();
    const res = await postSms("/api/twilio/sms", inboundForm(newCaller(), "STOP"), {
      signature: "bm90LWEtc2lnbmF0dXJl",
    });
    expect(res.status).toBe(403);
    expect(
      (await postSms("/api/twilio/sms", inboundForm(newCaller(), "hi"), { signature: null })).status,
    ).toBe(403);
    expect(await count()).toEqual(before);
    const malformed = await postSms("/api/twilio/sms", { ...inboundForm(newCaller(), "hi"), From: "12345" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('From "12345" is not a full phone number with its country code');
  });

  it("a reply attaches to the caller's open lead as a timeline event and a message; a replay changes nothing", async () => {
    const caller = newCaller();
    const call = await missedCall(caller);
    const lead = await leadOf(call);
    const form = inboundForm(caller, "Yes please, my water heater is leaking");
    const res = await postSms("/api/twilio/sms", form);
    expect(res).toEqual({ status: 200, body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' });
    await postSms("/api/twilio/sms", form);
    const inbound = await prisma.message.findMany({ where: { fromNumber: caller, direction: "inbound" } });
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({
      leadId: lead.id,
      status: "received",
      body: "Yes please, my water heater is leaking",
    });
    expect((await eventsOf(lead.id)).filter((t) => t === "sms.received")).toHaveLength(1);
    expect(await prisma.lead.count({ where: { callerPhone: caller } })).toBe(1);
  });

  it("a reply is never filed on a test call's lead from the same number, even a newer one", async () => {
    const caller = newCaller();
    const lead = await leadOf(await missedCall(caller));
    // A simulated call that happened to use the customer's number, after the real one.
    await prisma.lead.create({
      data: {
        tenantId: biz.tenant.id,
        callerPhone: caller,
        source: "phone",
        sourceRef: `test-${caller}`,
        status: "followup_needed",
        isTest: true,
      },
    });
    await postSms("/api/twilio/sms", inboundForm(caller, "Yes please, Tuesday works"));
    const inbound = await prisma.message.findFirstOrThrow({
      where: { fromNumber: caller, direction: "inbound" },
    });
    expect(inbound.leadId).toBe(lead.id);
  });

  it("a text from a new number starts a lead with source sms, routed to its owner", async () => {
    const caller = newCaller();
    await postSms("/api/twilio/sms", inboundForm(caller, "Do you fix garbage disposals?"));
    const lead = await prisma.lead.findFirstOrThrow({ where: { callerPhone: caller } });
    expect(lead).toMatchObject({
      source: "sms",
      status: "followup_needed",
      ownerId: biz.officeId,
      tenantId: biz.tenant.id,
    });
    expect(await eventsOf(lead.id)).toEqual(
      expect.arrayContaining(["lead.created", "lead.routed", "sms.received"]),
    );
  });

  it("STOP opts out at once (confirmation, then nothing more); START opts back in; HELP names the business and contact", async () => {
    const caller = newCaller();
    await missedCall(caller);
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(1);
    await postSms("/api/twilio/sms", inboundForm(caller, " Stop. "));
    expect(
      await prisma.consentRecord.findFirst({ where: { phone: caller }, orderBy: { at: "desc" } }),
    ).toMatchObject({ optedOut: true, source: "sms_keyword", tenantId: biz.tenant.id });
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(2);
    expect(sentTo(caller)[1]!.body).toMatch(/you're unsubscribed/);
    // A new missed call from the opted-out number: no text-back.
    const again = await missedCall(caller);
    expect(
      await prisma.leadEvent.findFirst({
        where: { leadId: (await leadOf(again)).id, type: "sms.text_back_skipped" },
      }),
    ).toBeTruthy();
    await postSms("/api/twilio/sms", inboundForm(caller, "help"));
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(3);
    expect(sentTo(caller)[2]!.body).toBe(
      `Rescue Plumbing: for help call ${biz.trackingNumber}. Reply STOP to opt out.`,
    );
    await postSms("/api/twilio/sms", inboundForm(caller, "START"));
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(4);
    expect(sentTo(caller)[3]!.body).toMatch(/subscribed again/);
    expect(
      (await prisma.consentRecord.findMany({ where: { phone: caller }, orderBy: { at: "asc" } })).map(
        (c) => c.optedOut,
      ),
    ).toEqual([true, false]);
  });

  it("opt-out is per business: STOP to one tenant does not opt the number out of another", async () => {
    const caller = newCaller();
    const other = await makeTestBusiness(prisma, { name: "Other Plumbing" });
    await postSms("/api/twilio/sms", inboundForm(caller, "STOP", other.trackingNumber));
    const call = await missedCall(caller);
    expect(await messagesTo(caller).then((m) => m.filter((x) => x.purpose === "text_back"))).toHaveLength(1);
    expect(call).toBeTruthy();
  });
});

describe(`appointments: confirmation, reminders 24 h and 2 h before (${engineName})`, () => {
  let caller: string;
  let leadId: string;
  beforeEach(async () => {
    caller = newCaller();
    const lead = await makeLead(prisma, biz.tenant.id, {
      callerPhone: caller,
      status: "booked",
      appointmentAt: new Date(Date.now() + 3 * 86_400_000),
      callerName: "Maria Lopez",
      ownerId: biz.officeId,
    });
    leadId = lead.id;
  });

  it("queues a confirmation now and reminders 24 h and 2 h before, once", async () => {
    expect(await queueAppointmentTexts(bizDb(), leadId)).toBe(3);
    expect(await queueAppointmentTexts(bizDb(), leadId)).toBe(0);
    const rows = await messagesTo(caller);
    expect(rows.map((r) => r.purpose)).toEqual(["confirmation", "reminder_24h", "reminder_2h"]);
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(1);
    expect(sentTo(caller)[0]!.body).toMatch(
      /^Rescue Plumbing: your visit is booked for \w{3}, \w{3} \d+ at \d+:\d\d [AP]M\./,
    );
    const lead = await prisma.lead.findUniqueOrThrow({ where: { id: leadId } });
    const r24 = rows.find((r) => r.purpose === "reminder_24h")!;
    expect(r24.sendAfter.getTime()).toBe(lead.appointmentAt!.getTime() - 24 * 3_600_000);
  });

  it("STOP then a reminder due → nothing sent (consent checked right before the send)", async () => {
    await queueAppointmentTexts(bizDb(), leadId, { enqueue: async () => null });
    const reminder = (await messagesTo(caller)).find((r) => r.purpose === "reminder_24h")!;
    // The opt-out lands after the reminder was queued (recorded directly: no cancel sweep involved).
    await recordConsent(bizDb(), {
      tenantId: biz.tenant.id,
      phone: caller,
      optedOut: true,
      source: "sms_keyword",
      detail: "STOP",
    });
    const due = new Date(reminder.sendAfter.getTime() + 1000);
    expect(await sendMessage(bizDb(), reminder.id, { ...twilioDeps(), now: () => due })).toBe("canceled");
    expect(await prisma.message.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({
      status: "canceled",
      errorMessage: "Not sent: the caller opted out (STOP).",
    });
    expect(sentTo(caller)).toHaveLength(0);
  });

  it("STOP by text cancels every waiting reminder for that number", async () => {
    await queueAppointmentTexts(bizDb(), leadId, { enqueue: async () => null });
    await postSms("/api/twilio/sms", inboundForm(caller, "UNSUBSCRIBE"));
    const rows = await messagesTo(caller);
    expect(rows.filter((r) => r.purpose.startsWith("reminder")).map((r) => r.status)).toEqual([
      "canceled",
      "canceled",
    ]);
  });

  it("a 'reschedule' reply cancels the visit into the follow-up queue with a task to rebook; the old reminders are dropped", async () => {
    await queueAppointmentTexts(bizDb(), leadId, { enqueue: async () => null });
    await postSms("/api/twilio/sms", inboundForm(caller, "Something came up, can we reschedule?"));
    const lead = await prisma.lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead.status).toBe("followup_needed");
    expect(lead.appointmentAt).toBeNull();
    expect(lead.nextAction).toBe(REBOOK_ACTION);
    const task = await prisma.task.findFirstOrThrow({ where: { leadId } });
    expect(task).toMatchObject({ kind: "reschedule", title: REBOOK_ACTION, assigneeId: biz.officeId });
    const reminder = (await messagesTo(caller)).find((r) => r.purpose === "reminder_2h")!;
    expect(
      await sendMessage(bizDb(), reminder.id, {
        ...twilioDeps(),
        now: () => new Date(reminder.sendAfter.getTime() + 1000),
      }),
    ).toBe("canceled");
    expect((await prisma.message.findUniqueOrThrow({ where: { id: reminder.id } })).errorMessage).toBe(
      "Not sent: the lead is no longer booked.",
    );
  });
});

describe(`staff reply from the lead page (${engineName})`, () => {
  it("queues the reply from the number the caller texted, shows it in the thread with its status, and refuses an opted-out caller", async () => {
    const caller = newCaller();
    await postSms("/api/twilio/sms", inboundForm(caller, "Can someone come today?"));
    const lead = await prisma.lead.findFirstOrThrow({ where: { callerPhone: caller } });
    const office = callerFor(prisma, biz.officeId, biz.tenant.slug);
    await office.messaging.reply({ leadId: lead.id, body: "Yes — we can be there at 3 PM." });
    await expect.poll(() => sentTo(caller).length, { timeout: 15_000, interval: 100 }).toBe(1);
    expect(sentTo(caller)[0]).toMatchObject({
      from: biz.trackingNumber,
      body: "Yes — we can be there at 3 PM.",
    });
    await expect
      .poll(async () => (await office.messaging.thread({ leadId: lead.id })).messages.at(-1)?.status, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe("delivered");
    const thread = await office.messaging.thread({ leadId: lead.id });
    expect(thread.messages.map((m) => [m.direction, m.body, m.author])).toEqual([
      ["inbound", "Can someone come today?", null],
      ["outbound", "Yes — we can be there at 3 PM.", "Oscar Office"],
    ]);
    await expect(office.messaging.reply({ leadId: lead.id, body: " " })).rejects.toThrow(
      "Write a message before sending.",
    );
    await postSms("/api/twilio/sms", inboundForm(caller, "STOP"));
    await expect(office.messaging.reply({ leadId: lead.id, body: "Still there?" })).rejects.toThrow(
      /replied STOP/,
    );
    expect((await office.messaging.thread({ leadId: lead.id })).optedOut).toBe(true);
  });

  it("a test call's empty thread says test calls are not texted, not that a text-back is coming", async () => {
    const office = callerFor(prisma, biz.officeId, biz.tenant.slug);
    const test = await makeLead(prisma, biz.tenant.id, { isTest: true, status: "missed" });
    const real = await makeLead(prisma, biz.tenant.id, { status: "missed" });
    expect((await office.messaging.thread({ leadId: test.id })).emptyNote).toMatch(
      /^Test calls are not texted\./,
    );
    expect((await office.messaging.thread({ leadId: real.id })).emptyNote).toMatch(
      /text-back within seconds/,
    );
  });
});
