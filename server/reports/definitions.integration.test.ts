// Count one way everywhere: a month with the mix a real business has — calls the AI handled, one
// the plumber took, a test call from "Test your flow", a robocall closed as spam, a web form
// request and a lead typed in by the office — built through the signed webhooks and the real tRPC
// mutations. The inbox (its counts and its rows under each figure's link), the reports page, the
// REST report and the monthly email must say the same number for every figure — also after a late
// change to a day the report reads from its roll-up of closed days.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { env } from "@/server/env";
import { setTwilioHandle, twilioClientFor } from "@/server/integrations/twilio-client";
import { startTwilioFake, type TwilioFake } from "@/server/integrations/twilio-fake/server";
import { configureFakeSms } from "@/server/integrations/twilio-fake/messages";
import { publicUrl, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { createLead } from "@/server/leads/create-lead";
import { SMS_STATUS_PATH } from "@/server/messaging/jobs";
import { sendMessage } from "@/server/messaging/send-message";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { TwilioCall, whisperUrl } from "@/server/test/webhook-test-kit";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { FIGURES, formatFigure } from "./figures";
import { LEAD_SETS, type LeadSetKey } from "./definitions";
import { monthlyReportResponse } from "./monthly-report-api";
import { sendMonthlyReports } from "./monthly-email";
import type { Report } from "./report-schema";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

/** A call placed from "Test your flow": the same webhooks, marked as a test. */
class TestCall extends TwilioCall {
  override form(extra: TwilioForm = {}): TwilioForm {
    return { ...super.form(extra), LeadRescueTest: "1" };
  }
}

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let fake: TwilioFake;
let biz: TestBusiness;
let report: Report;
const phones = Array.from({ length: 8 }, (_, i) => `+1737555${String(3000 + i)}`);
const at = (iso: string) => vi.setSystemTime(new Date(iso));
const leadOf = (call: TwilioCall) => prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
const owner = () => callerFor(prisma, biz.ownerId, biz.tenant.slug);

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

async function aiCall(call: TwilioCall, lines: string[]) {
  await call.missed("no-answer");
  for (const line of lines) await call.say(line);
  await call.ended("completed");
  await sendDueTextBacks();
  return call;
}

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  fake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
  setTwilioHandle({ client: twilioClientFor(fake.url), mode: "local", fake });
  configureFakeSms({ deliver: async () => undefined });
  vi.useFakeTimers({ toFake: ["Date"] });
  at("2026-02-20T12:00:00Z");
  biz = await makeTestBusiness(prisma, { name: "Agree Plumbing" });

  // March 3: the AI books a visit.
  at("2026-03-03T15:00:00Z");
  await aiCall(new TwilioCall(biz.trackingNumber, phones[0]!), [
    "my zip is seven eight seven oh one",
    "the kitchen sink is leaking under the cabinet",
    "this is Maria Lopez",
    "yes please, send someone out",
    "it's 123 Main Street",
    "the first one",
  ]);
  // March 4: the AI takes the ZIP and the problem; the caller hangs up.
  at("2026-03-04T16:00:00Z");
  await aiCall(new TwilioCall(biz.trackingNumber, phones[1]!), [
    "my zip is seven eight seven oh one",
    "the water heater is leaking",
  ]);
  // March 5: the AI answers, the caller says nothing and hangs up (texted back).
  at("2026-03-05T17:00:00Z");
  await aiCall(new TwilioCall(biz.trackingNumber, phones[2]!), []);
  // March 6: the plumber takes the call on the whisper.
  at("2026-03-06T16:00:00Z");
  const answered = new TwilioCall(biz.trackingNumber, phones[3]!);
  const xml = await answered.incoming();
  await answered.screen(whisperUrl(xml)!, "1");
  await answered.dialEnded("completed");
  await answered.ended("completed");
  // March 7: a test call from "Test your flow".
  at("2026-03-07T16:00:00Z");
  await aiCall(new TestCall(biz.trackingNumber, phones[4]!), ["my zip is seven eight seven oh one"]);
  // March 8: a robocall; the office closes it as spam.
  at("2026-03-08T16:00:00Z");
  const robo = await leadOf(await aiCall(new TwilioCall(biz.trackingNumber, phones[5]!), []));
  await owner().leads.close({ leadId: robo.id, reason: "spam" });
  // March 9: a web form request; March 10: a walk-in typed in by the office.
  at("2026-03-09T16:00:00Z");
  await createLead(
    { db: tenantScoped(prisma, biz.tenant.id), tenantId: biz.tenant.id, actorId: null },
    { callerPhone: phones[6]!, callerName: "Web Visitor", source: "web_form", issueSummary: "Slow drain" },
  );
  at("2026-03-10T16:00:00Z");
  await owner().leads.add({ kind: "walk_in", callerName: "Walk In", callerPhone: phones[7]! });

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

const linked = FIGURES.filter((f) => f.unit === "count" && f.inbox === f.key) as ((typeof FIGURES)[number] & {
  key: LeadSetKey;
})[];

describe(`the inbox, the report, the REST report and the monthly email count one way (${engineName})`, () => {
  it("counts the mix by the definitions: test calls never, a robocall as a call but not a lead", () => {
    expect(report.current).toMatchObject({
      calls: 5, // the AI's three, the plumber's, the robocall; not the test call
      answeredByPlumber: 1,
      missedCalls: 4,
      aiRescuedCalls: 3, // every customer call the AI answered
      leads: 6, // four callers, the web form, the walk-in
      booked: 1,
      textBacksSent: 2, // the silent caller and the one who hung up early (the booked caller got a confirmation)
    });
    expect(report.current.aiRescuedCalls).toBeGreaterThan(0);
  });

  it("lists in the inbox exactly the leads behind every figure it links to", async () => {
    expect(linked.length).toBeGreaterThanOrEqual(12);
    const range = { createdFrom: report.period.start, createdTo: report.period.end };
    for (const f of linked) {
      const counts = await owner().leads.counts({ figure: f.key, ...range });
      const rows = await owner().leads.inbox({ figure: f.key, ...range, limit: 100 });
      const total = counts.reduce((s, g) => s + g.total, 0);
      expect({ figure: f.key, inbox: total, rows: rows.items.length }).toEqual({
        figure: f.key,
        inbox: report.current[f.key],
        rows: report.current[f.key],
      });
      expect(rows.items.every((l) => !l.isTest)).toBe(true);
    }
    // Every count figure of the report has its lead set.
    for (const f of FIGURES.filter((x) => x.unit === "count"))
      expect(Object.keys(LEAD_SETS)).toContain(f.inbox);
  });

  it("gives the same figures through the REST report", async () => {
    const api = await monthlyReportResponse(
      tenantScoped(prisma, biz.tenant.id),
      { tenantId: biz.tenant.id },
      { month: "2026-03", format: "json" },
      new Date("2026-04-03T12:00:00Z"),
    );
    expect(api).not.toBeInstanceOf(Response);
    expect((api as Report).current).toEqual(report.current);
  });

  it("emails the same figures", async () => {
    at("2026-04-01T14:00:00Z");
    expect(
      await sendMonthlyReports(systemDb(prisma), {
        now: new Date("2026-04-01T14:00:00Z"),
        baseUrl: "https://rescue.example.test",
        enqueue: async () => null,
      }),
    ).toBeGreaterThan(0);
    const email = await prisma.notification.findFirstOrThrow({
      where: { tenantId: biz.tenant.id, key: "report.monthly:2026-03" },
    });
    for (const f of FIGURES)
      expect(email.body).toContain(`${f.label}: ${formatFigure(report.current[f.key], f.unit)} (`);
  });

  it("still agrees after the office closes an old call as spam, a day the report had rolled up", async () => {
    // The report rolled up March and February when it was first asked for.
    expect(await prisma.reportDay.count({ where: { tenantId: biz.tenant.id } })).toBe(31 + 28);
    at("2026-04-04T12:00:00Z");
    const hungUp = await prisma.lead.findFirstOrThrow({
      where: { tenantId: biz.tenant.id, callerPhone: phones[1]! },
    });
    await owner().leads.close({ leadId: hungUp.id, reason: "spam" });
    const later = await owner().reports.report({ kind: "last_month" });
    expect([later.current.leads, later.current.aiRescuedCalls, later.current.calls]).toEqual([
      report.current.leads - 1,
      report.current.aiRescuedCalls - 1,
      report.current.calls,
    ]);
    const range = { createdFrom: later.period.start, createdTo: later.period.end };
    for (const f of linked) {
      const counts = await owner().leads.counts({ figure: f.key, ...range });
      expect({ figure: f.key, inbox: counts.reduce((s, g) => s + g.total, 0) }).toEqual({
        figure: f.key,
        inbox: later.current[f.key],
      });
    }
  });
});
