// A month of calls, texts, bookings, shows and wins built through the real signed webhooks and
// the real tRPC mutations, with the clock set for each step; then every figure of the report is
// checked against the hand count below. March 2026 in Chicago (DST starts March 8).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { env } from "@/server/env";
import { setTwilioHandle, twilioClientFor } from "@/server/integrations/twilio-client";
import { startTwilioFake, type TwilioFake } from "@/server/integrations/twilio-fake/server";
import { configureFakeSms } from "@/server/integrations/twilio-fake/messages";
import { publicUrl, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { signedTwilioRequest, TwilioCall, whisperUrl } from "@/server/test/webhook-test-kit";
import { updateMessagingSettings } from "@/server/messaging/messaging-settings";
import { SMS_STATUS_PATH } from "@/server/messaging/jobs";
import { sendMessage } from "@/server/messaging/send-message";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { POST as smsRoute } from "@/app/api/twilio/sms/route";
import { GET as linkRoute } from "@/app/r/[token]/route";
import type { Report } from "./report-schema";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

const BOOKING_CALL = [
  "my zip is seven eight seven oh one",
  "the kitchen sink is leaking under the cabinet",
  "this is Maria Lopez",
  "yes please, send someone out",
  "it's 123 Main Street",
  "the first one",
];
const CONFIRM = { sawNotes: true, understandsNextStep: true, knowsDeadline: true, enoughContext: true };

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let fake: TwilioFake;
let biz: TestBusiness;
let report: Report;
const phones = Array.from({ length: 8 }, (_, i) => `+1737555${String(2000 + i)}`);

const at = (iso: string) => vi.setSystemTime(new Date(iso));
const leadOf = (call: TwilioCall) => prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
const office = () => callerFor(prisma, biz.officeId, biz.tenant.slug);
const owner = () => callerFor(prisma, biz.ownerId, biz.tenant.slug);

/** The messaging job's work for the text-backs due now: send them through the real SDK to the fake. */
async function sendDueTextBacks() {
  const due = await prisma.message.findMany({
    where: { tenantId: biz.tenant.id, purpose: "text_back", status: "pending" },
  });
  for (const m of due)
    await sendMessage(tenantScoped(prisma, m.tenantId), m.id, {
      twilio: async () => twilioClientFor(fake.url),
      statusCallbackUrl: publicUrl(SMS_STATUS_PATH),
    });
}

let smsSeq = 0;
async function textIn(from: string, body: string) {
  const form: TwilioForm = {
    AccountSid: env.TWILIO_ACCOUNT_SID,
    MessageSid: `SM${String(++smsSeq).padStart(32, "7")}`,
    From: from,
    To: biz.trackingNumber,
    Body: body,
    NumMedia: "0",
  };
  const res = await smsRoute(signedTwilioRequest(publicUrl("/api/twilio/sms"), form));
  expect(res.status).toBe(200);
}

/**
 * Under a heavy load the call's last webhook may answer within its time budget and finish its
 * after-call work (the text-back among it) just after: wait for the text before sending it.
 */
async function textBackQueued(call: TwilioCall) {
  await vi.waitFor(
    async () => {
      const lead = await prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
      expect(await prisma.message.count({ where: { leadId: lead.id, purpose: "text_back" } })).toBe(1);
    },
    { timeout: 20_000, interval: 100 },
  );
}

/** Missed, and the caller hung up before saying anything. */
async function silentMissedCall(from: string) {
  const call = new TwilioCall(biz.trackingNumber, from);
  await call.missed("no-answer");
  await call.ended("completed");
  await textBackQueued(call);
  await sendDueTextBacks();
  return call;
}

async function bookingCall(from: string) {
  const call = new TwilioCall(biz.trackingNumber, from);
  await call.missed("no-answer");
  for (const line of BOOKING_CALL) await call.say(line);
  await call.ended("completed");
  return call;
}

async function plumberAnswers(from: string) {
  const call = new TwilioCall(biz.trackingNumber, from);
  const xml = await call.incoming();
  await call.screen(whisperUrl(xml)!, "1");
  await call.dialEnded("completed");
  await call.ended("completed");
  return call;
}

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  fake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
  setTwilioHandle({ client: twilioClientFor(fake.url), mode: "local", fake });
  configureFakeSms({ deliver: async () => undefined });
  vi.useFakeTimers({ toFake: ["Date"] });
  at("2026-02-01T12:00:00Z");
  biz = await makeTestBusiness(prisma, { name: "Month Plumbing" });
  await updateMessagingSettings(tenantScoped(prisma, biz.tenant.id), biz.tenant.id, {
    bookingUrl: "https://book.example/quote",
    quietStartMinute: 0,
    quietEndMinute: 0,
  });

  // February 27 (the previous period): one silent missed call, texted back.
  at("2026-02-27T16:00:00Z");
  await silentMissedCall(phones[0]!);

  // P1, March 2 10:00 CST: the plumber answers.
  at("2026-03-02T16:00:00Z");
  await plumberAnswers(phones[1]!);

  // P2, March 3 09:00 CST: the AI books. The office calls back after 4 min, accepts at 10 min; won $1,250 on the 12th.
  at("2026-03-03T15:00:00Z");
  const p2 = await leadOf(await bookingCall(phones[2]!));
  at("2026-03-03T15:04:00Z");
  await office().leads.logTouchpoint({ leadId: p2.id, kind: "called_back", text: "Confirmed the visit" });
  at("2026-03-03T15:10:00.001Z");
  await office().leads.accept({ leadId: p2.id, confirmations: CONFIRM });
  at("2026-03-12T16:00:00Z");
  await office().leads.recordOutcome({ leadId: p2.id, jobOutcome: "won", jobValueCents: 125_000 });

  // P3, March 9 14:00 CDT: silent missed call → text-back; the caller replies and clicks; staff text back
  // after 30 min, book the visit; the customer was there but the job was lost.
  at("2026-03-09T19:00:00Z");
  const p3call = await silentMissedCall(phones[3]!);
  const p3 = await leadOf(p3call);
  at("2026-03-09T19:06:00Z");
  await textIn(phones[3]!, "yes please call me back");
  at("2026-03-09T19:07:00Z");
  const link = /https:\/\/\S+\/r\/(\S+)/.exec(
    (await prisma.message.findFirstOrThrow({ where: { leadId: p3.id, purpose: "text_back" } })).body,
  )!;
  expect(
    (await linkRoute(new Request(link[0]), { params: Promise.resolve({ token: link[1]! }) })).status,
  ).toBe(302);
  at("2026-03-09T19:30:00Z");
  await office().messaging.reply({ leadId: p3.id, body: "Hi, this is the office. When suits you?" });
  at("2026-03-09T19:40:00Z");
  await office().leads.book({ leadId: p3.id, customAt: new Date("2026-03-11T15:00:00Z") });
  at("2026-03-11T20:00:00Z");
  await office().leads.recordOutcome({ leadId: p3.id, visitOutcome: "showed", jobOutcome: "lost" });

  // P4, March 15 11:00 CDT: the AI gets the ZIP and the problem, asks the name twice, the caller hangs up.
  at("2026-03-15T16:00:00Z");
  const p4call = new TwilioCall(biz.trackingNumber, phones[4]!);
  await p4call.missed("no-answer");
  await p4call.say(BOOKING_CALL[0]!);
  await p4call.say(BOOKING_CALL[1]!);
  await p4call.say("umm");
  await p4call.ended("completed");
  await textBackQueued(p4call);
  await sendDueTextBacks();
  const p4 = await leadOf(p4call);
  at("2026-03-15T16:20:00.001Z");
  await office().leads.accept({ leadId: p4.id, confirmations: CONFIRM });
  at("2026-03-15T18:00:00Z");
  await office().leads.logTouchpoint({ leadId: p4.id, kind: "left_voicemail" });

  // P5, March 20 12:00 CDT: silent missed call → text-back → STOP.
  at("2026-03-20T17:00:00Z");
  await silentMissedCall(phones[5]!);
  at("2026-03-20T17:05:00Z");
  await textIn(phones[5]!, "STOP");

  // P6, March 31 23:30 CDT (April 1 in UTC): the AI books; the customer is a no-show in April.
  at("2026-04-01T04:30:00Z");
  const p6 = await leadOf(await bookingCall(phones[6]!));
  at("2026-04-02T19:00:00Z");
  await office().leads.recordOutcome({ leadId: p6.id, visitOutcome: "no_show" });

  // April 1 10:00 CDT: not March.
  at("2026-04-01T15:00:00Z");
  await plumberAnswers(phones[7]!);

  at("2026-04-03T12:00:00Z");
  report = await owner().reports.report({ kind: "last_month" });
}, 240_000);

afterAll(async () => {
  vi.useRealTimers();
  configureFakeSms(undefined);
  setTwilioHandle(undefined);
  await fake?.close();
  await db?.drop();
});

describe(`the monthly report over a month built through the webhooks (${engineName})`, () => {
  it("covers March in Chicago, with February before it", () => {
    expect(report.period).toMatchObject({
      firstDay: "2026-03-01",
      lastDay: "2026-03-31",
      label: "March 2026",
      start: "2026-03-01T06:00:00.000Z",
      end: "2026-04-01T05:00:00.000Z",
    });
    expect(report.period.previous).toMatchObject({ firstDay: "2026-02-01", lastDay: "2026-02-28" });
  });

  it("counts the missed-lead figures", () => {
    expect(report.current).toMatchObject({
      calls: 6,
      answeredByPlumber: 1,
      missedCalls: 5,
      aiRescuedCalls: 5, // every missed call the AI answered: P2 … P6
      textBacksSent: 3, // P3, P4, P5
      replies: 1, // P3 (STOP is not a reply)
      bookingsAfterTextBack: 1, // P3
      linkClicks: 1,
    });
    expect(report.previous).toMatchObject({
      calls: 1,
      missedCalls: 1,
      aiRescuedCalls: 1,
      textBacksSent: 1,
      leads: 1,
    });
  });

  it("computes every KPI", async () => {
    const march = await prisma.lead.findMany({
      where: {
        tenantId: biz.tenant.id,
        createdAt: { gte: new Date(report.period.start), lt: new Date(report.period.end) },
      },
    });
    expect(march).toHaveLength(6);
    const avg = Math.round((march.reduce((s, l) => s + l.temperature, 0) / 6) * 10) / 10;
    expect(report.current).toMatchObject({
      leads: 6,
      booked: 3, // P2, P3, P6
      showed: 2, // P2 (won implies there), P3
      noShow: 1, // P6, recorded in April: still March's lead
      won: 1,
      lost: 1,
      wonValueCents: 125_000,
      textedLeads: 3,
      optedOut: 1,
      responseRate: 1 / 3,
      appointmentRate: 0.5,
      showRate: 2 / 3,
      closeRate: 1 / 3,
      averageTemperature: avg,
      optOutRate: 1 / 3,
      // P1 0 (answered live), P2 4, P3 30 (staff text), P4 120 (voicemail); P5, P6 untouched.
      speedToLeadP50Minutes: 4,
      speedToLeadP90Minutes: 120,
      // P2 10 min and P4 20 min after routing.
      handoffAcceptanceP50Minutes: 10,
      handoffAcceptanceP90Minutes: 20,
    });
    expect(report.bySource).toEqual([
      expect.objectContaining({
        source: "phone",
        leads: 6,
        booked: 3,
        appointmentRate: 0.5,
        closeRate: 1 / 3,
      }),
    ]);
  });

  it("draws the charts' numbers: calls by day and outcome, the funnel, speed to lead", () => {
    const busy = report.daily.filter((d) => d.answered + d.booked + d.rescued + d.missed > 0);
    expect(busy).toEqual([
      { day: "2026-03-02", answered: 1, booked: 0, rescued: 0, missed: 0 },
      { day: "2026-03-03", answered: 0, booked: 1, rescued: 0, missed: 0 },
      { day: "2026-03-09", answered: 0, booked: 1, rescued: 0, missed: 0 },
      { day: "2026-03-15", answered: 0, booked: 0, rescued: 1, missed: 0 },
      { day: "2026-03-20", answered: 0, booked: 0, rescued: 1, missed: 0 },
      { day: "2026-03-31", answered: 0, booked: 1, rescued: 0, missed: 0 },
    ]);
    expect(report.daily).toHaveLength(31);
    expect(report.funnel.map((f) => f.count)).toEqual([6, 3, 2, 1]);
    expect(Object.fromEntries(report.speedToLead.map((b) => [b.key, b.count]))).toEqual({
      under_5m: 2,
      "5_15m": 0,
      "15_60m": 1,
      "1_4h": 1,
      "4_24h": 0,
      over_24h: 0,
      no_touch: 2,
    });
  });

  it("ranks the script improvements from the stored calls", () => {
    expect(report.scriptImprovements).toEqual([
      { kind: "hung_up", key: "zip", label: "Callers hung up at the ZIP code question", count: 2 },
      { kind: "hung_up", key: "name", label: "Callers hung up at the name question", count: 1 },
      { kind: "re_asked", key: "name", label: "Callers were asked again at the name question", count: 1 },
    ]);
  });

  it("shows staff their own leads' numbers only", async () => {
    const own = await callerFor(prisma, biz.dispatchId, biz.tenant.slug).reports.report({
      kind: "last_month",
    });
    expect(own.ownLeadsOnly).toBe(true);
    const mine = await prisma.lead.count({
      where: {
        tenantId: biz.tenant.id,
        ownerId: biz.dispatchId,
        createdAt: { gte: new Date(report.period.start), lt: new Date(report.period.end) },
      },
    });
    expect(own.current.leads).toBe(mine);
    const officeReport = await office().reports.report({ kind: "last_month" });
    const officeLeads = await prisma.lead.count({
      where: {
        tenantId: biz.tenant.id,
        ownerId: biz.officeId,
        createdAt: { gte: new Date(report.period.start), lt: new Date(report.period.end) },
      },
    });
    expect(officeReport.current.leads).toBe(officeLeads);
    expect(officeLeads).toBeGreaterThan(0);
    expect(officeLeads).toBeLessThanOrEqual(6);
  });

  it("exports the same figures as CSV, one row per figure", async () => {
    const { csv, filename } = await owner().reports.csv({ kind: "month", month: "2026-03" });
    expect(filename).toBe("report-2026-03-01-to-2026-03-31.csv");
    expect(csv).toContain(
      "March 2026,2026-03-01,2026-03-31,missed_leads,Missed calls (the plumber did not answer),missedCalls,count,5,1\r\n",
    );
    expect(csv).toContain(",kpis,Value of jobs won,wonValueCents,cents,125000,0\r\n");
  });
});
