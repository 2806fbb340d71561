// The counting rules that run in SQL (report-sql.ts), on a real engine: a hand-counted March with
// a DST change, local-day buckets, nearest-rank percentiles, which replies count, the open lead
// leaks and their acceptance windows — and another business's rows never counting, since raw SQL
// is not scoped by the tenant client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/server/db/system";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { agencyReport } from "./agency-report";
import { getReport } from "./query-report";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
const NOW = new Date("2026-04-02T15:00:00Z");
const t = (iso: string) => new Date(iso);
const ids: Record<string, string> = {};

const agent = (stage: string) => ({ speaker: "agent", text: "…", stage });
const caller = (stage: string) => ({ speaker: "caller", text: "…", stage });

/** The hand-counted March of one business (America/Chicago; DST starts March 8). */
async function buildMarch(prisma: PrismaClient, tenantId: string, ownerId: string) {
  const lead = (phone: string, createdAt: string, over: Record<string, unknown> = {}) =>
    makeLead(prisma, tenantId, {
      callerPhone: phone,
      createdAt: t(createdAt),
      status: "followup_needed",
      ownerId,
      temperature: 50,
      ...over,
    });
  // 1: booked, showed, won $1,250; texted back, replied, clicked; touched after 4 min; accepted 10 min after routing.
  const l1 = await lead("+15125550001", "2026-03-08T15:00:00Z", {
    appointmentAt: t("2026-03-10T15:00:00Z"),
    visitOutcome: "showed",
    jobOutcome: "won",
    jobValueCents: 125_000,
    temperature: 80,
    acceptedAt: t("2026-03-08T15:12:00Z"),
  });
  // 2: booked, no-show; texted back, answered only "Stop." (not a reply), opted out; touched after 20 min.
  const l2 = await lead("+15125550002", "2026-03-08T16:00:00Z", {
    appointmentAt: t("2026-03-12T15:00:00Z"),
    visitOutcome: "no_show",
    temperature: 60,
    acceptedAt: t("2026-03-08T16:30:00Z"),
  });
  // 3: the plumber answered the call live (speed 0).
  const l3 = await lead("+15125550003", "2026-03-01T06:30:00Z", {
    status: "answered_by_plumber",
    temperature: 40,
  });
  // 4: 23:30 on March 31 local time (April 1 UTC): March's lead, never touched; its text-back was canceled.
  const l4 = await lead("+15125550004", "2026-04-01T04:30:00Z", { temperature: 20 });
  // Not March: February 28 local, and a test call's lead.
  await lead("+15125550005", "2026-03-01T05:59:00Z", { temperature: 99 });
  const test = await lead("+15125550006", "2026-03-15T15:00:00Z", { isTest: true });
  // Mar 20: a robocall the office closed as spam: a call, not a lead.
  const spam = await lead("+15125550007", "2026-03-20T17:00:00Z", {
    status: "closed",
    closeReason: "spam",
    temperature: 0,
  });

  await prisma.leadEvent.createMany({
    data: [
      { tenantId, leadId: l1.id, type: "lead.routed", createdAt: t("2026-03-08T15:02:00Z") },
      { tenantId, leadId: l1.id, type: "touchpoint.called_back", createdAt: t("2026-03-08T15:04:00Z") },
      { tenantId, leadId: l1.id, type: "touchpoint.texted", createdAt: t("2026-03-08T15:30:00Z") },
      { tenantId, leadId: l1.id, type: "sms.link_clicked", createdAt: t("2026-03-08T15:07:00Z") },
      { tenantId, leadId: l2.id, type: "touchpoint.note", createdAt: t("2026-03-08T16:05:00Z") },
      { tenantId, leadId: l2.id, type: "touchpoint.left_voicemail", createdAt: t("2026-03-08T16:20:00Z") },
      // How each came in: calls the AI answered (1, 2, 4), the plumber's (3), the robocall, the test call.
      ...[l1, l2, l3, l4, spam, test].map((l) => ({
        tenantId,
        leadId: l.id,
        type: "call.received",
        createdAt: l.createdAt,
      })),
      ...[l1, l2, l4, spam, test].map((l) => ({
        tenantId,
        leadId: l.id,
        type: "call.ai_answered",
        createdAt: l.createdAt,
      })),
      { tenantId, leadId: l3.id, type: "call.answered_by_plumber", createdAt: l3.createdAt },
    ],
  });
  const text = (
    leadId: string,
    over: Omit<Prisma.MessageCreateManyInput, "tenantId" | "leadId" | "fromNumber" | "toNumber" | "body"> & {
      body?: string;
    },
  ): Prisma.MessageCreateManyInput => ({
    tenantId,
    leadId,
    fromNumber: "+15125550100",
    toNumber: "+15125550001",
    body: "…",
    ...over,
  });
  await prisma.message.createMany({
    data: [
      text(l1.id, {
        direction: "outbound",
        purpose: "text_back",
        status: "delivered",
        sentAt: t("2026-03-08T15:01:00Z"),
        createdAt: t("2026-03-08T15:01:00Z"),
      }),
      text(l1.id, {
        direction: "inbound",
        purpose: "inbound",
        status: "received",
        body: "Yes please, tomorrow",
        createdAt: t("2026-03-08T15:06:00Z"),
      }),
      text(l2.id, {
        direction: "outbound",
        purpose: "text_back",
        status: "sent",
        sentAt: t("2026-03-08T16:01:00Z"),
        createdAt: t("2026-03-08T16:01:00Z"),
      }),
      text(l2.id, {
        direction: "inbound",
        purpose: "inbound",
        status: "received",
        body: " Stop. ",
        createdAt: t("2026-03-09T12:00:00Z"),
      }),
      text(l2.id, {
        direction: "inbound",
        purpose: "inbound",
        status: "received",
        body: "ＳＴＯＰ",
        createdAt: t("2026-03-09T12:01:00Z"),
      }),
      text(l4.id, {
        direction: "outbound",
        purpose: "text_back",
        status: "canceled",
        createdAt: t("2026-04-01T04:31:00Z"),
      }),
    ],
  });
  await prisma.consentRecord.create({
    data: {
      tenantId,
      phone: "+15125550002",
      optedOut: true,
      source: "sms_keyword",
      at: t("2026-03-09T12:00:00Z"),
    },
  });

  const call = (sid: string, startedAt: string, state: unknown, over: Record<string, unknown> = {}) =>
    prisma.call.create({
      data: {
        tenantId,
        callSid: `${sid}-${tenantId}`,
        fromNumber: "+15125550001",
        toNumber: "+15125550100",
        stage: "ended",
        state: state as object,
        startedAt: t(startedAt),
        endedAt: t(startedAt),
        ...over,
      },
    });
  // Mar 1 00:30 CST: the plumber answered.
  await call(
    "CA1",
    "2026-03-01T06:30:00Z",
    { stage: "new" },
    { plumberAcceptedAt: t("2026-03-01T06:30:10Z") },
  );
  // Mar 8 10:00 CDT: the AI booked it.
  await call("CA2", "2026-03-08T15:00:00Z", {
    stage: "ended",
    outcome: "booked",
    fields: { zip: "78701" },
    transcript: [agent("zip"), caller("zip"), agent("issue")],
  });
  // Mar 8 11:00 CDT: the AI took it; the caller hung up at the name question after being asked twice.
  await call("CA3", "2026-03-08T16:00:00Z", {
    stage: "name",
    outcome: null,
    fields: { zip: "78701" },
    transcript: [agent("zip"), caller("zip"), agent("name"), caller("name"), agent("name")],
  });
  // Mar 31 23:30 CDT (April 1 UTC): the AI took it but the caller said nothing.
  await call("CA4", "2026-04-01T04:30:00Z", {
    stage: "zip",
    outcome: null,
    fields: {},
    transcript: [agent("zip")],
  });
  // Mar 20: the service gate stopped the AI: plainly missed.
  await call("CA5", "2026-03-20T17:00:00Z", { stage: "new" });
  // A test call does not count.
  await call("CA6", "2026-03-20T18:00:00Z", { stage: "new" }, { isTest: true });

  const day = await prisma.qaDay.create({
    data: { tenantId, sampledOn: "2026-03-09", sampled: 3, failed: 2, eligible: 3 },
  });
  await prisma.qaReview.createMany({
    data: [
      {
        tenantId,
        dayId: day.id,
        sampledOn: "2026-03-09",
        callId: `q1-${tenantId}`,
        verdict: "fail",
        criteria: [
          { criterion: "missing_required_fields", code: "a" },
          { criterion: "missing_required_fields", code: "b" },
        ],
      },
      {
        tenantId,
        dayId: day.id,
        sampledOn: "2026-03-09",
        callId: `q2-${tenantId}`,
        verdict: "fail",
        reviewerVerdict: "pass",
        criteria: [{ criterion: "incorrect_urgency" }],
      },
      {
        tenantId,
        dayId: day.id,
        sampledOn: "2026-03-09",
        callId: `q3-${tenantId}`,
        verdict: "pass",
        criteria: [],
      },
    ],
  });
  await prisma.handoffReview.createMany({
    data: [
      {
        tenantId,
        weekOf: "2026-03-02",
        leadId: l1.id,
        kind: "accepted",
        ownerCorrect: true,
        notesSufficient: false,
        waitReasonable: true,
        noRepeat: true,
        outcomeMatched: true,
      },
      {
        tenantId,
        weekOf: "2026-03-09",
        leadId: l2.id,
        kind: "accepted",
        ownerCorrect: true,
        notesSufficient: true,
        waitReasonable: false,
        noRepeat: true,
        outcomeMatched: true,
      },
      // Not reviewed yet: not counted. The week of February 23 starts before March.
      { tenantId, weekOf: "2026-03-16", leadId: l4.id, kind: "escalated" },
      {
        tenantId,
        weekOf: "2026-02-23",
        leadId: l1.id,
        kind: "rejected",
        ownerCorrect: false,
        notesSufficient: false,
        waitReasonable: false,
        noRepeat: false,
        outcomeMatched: false,
      },
    ],
  });
  return { l1, l2 };
}

beforeAll(async () => {
  db = await useTestDatabase();
  const prisma = db.prisma;
  const agency = await prisma.agency.create({ data: { name: "Counting Agency" } });
  const owner = await makeUser(prisma, { name: "Owner" });
  const march = await makeTenant(prisma, {
    name: "March Plumbing",
    timeZone: "America/Chicago",
    agencyId: agency.id,
  });
  const copy = await makeTenant(prisma, { name: "Copy Plumbing", timeZone: "America/Chicago" });
  const leaks = await makeTenant(prisma, { name: "Leaky Plumbing", timeZone: "America/Chicago" });
  const ranks = await makeTenant(prisma, {
    name: "Ten Leads Plumbing",
    timeZone: "America/Chicago",
    agencyId: agency.id,
  });
  Object.assign(ids, { march: march.id, copy: copy.id, leaks: leaks.id, ranks: ranks.id, owner: owner.id });
  const { l2 } = await buildMarch(prisma, march.id, owner.id);
  // Another business with the same month, plus rows of its own that point at March Plumbing's lead
  // and phone: none may count for March Plumbing.
  await buildMarch(prisma, copy.id, owner.id);
  await prisma.consentRecord.create({
    data: {
      tenantId: copy.id,
      phone: "+15125550001",
      optedOut: true,
      source: "sms_keyword",
      at: t("2026-03-09T12:00:00Z"),
    },
  });
  await prisma.leadEvent.create({
    data: {
      tenantId: copy.id,
      leadId: l2.id,
      type: "sms.link_clicked",
      createdAt: t("2026-03-08T16:10:00Z"),
    },
  });
  await prisma.message.create({
    data: {
      tenantId: copy.id,
      leadId: l2.id,
      direction: "inbound",
      purpose: "inbound",
      status: "received",
      body: "Sure",
      fromNumber: "+15125550002",
      toNumber: "+15125550100",
      createdAt: t("2026-03-09T13:00:00Z"),
    },
  });
  await prisma.handoffReview.create({
    data: {
      tenantId: copy.id,
      weekOf: "2026-03-23",
      leadId: l2.id,
      kind: "rejected",
      ownerCorrect: false,
      notesSufficient: false,
      waitReasonable: false,
      noRepeat: false,
      outcomeMatched: false,
    },
  });

  // Open leads right now (NOW), each with its leak.
  const min = (m: number) => new Date(NOW.getTime() - m * 60_000);
  const open = (over: Record<string, unknown>) =>
    makeLead(prisma, leaks.id, {
      status: "followup_needed",
      ownerId: owner.id,
      nextAction: "Call back",
      dueAt: new Date(NOW.getTime() + 3_600_000),
      acceptedAt: min(1),
      urgency: "normal",
      temperature: 40,
      createdAt: min(60),
      ...over,
    });
  await open({}); // fine
  await open({ ownerId: null, nextAction: null }); // unowned + no next action
  await open({ nextAction: "   " }); // a blank next action is none
  await open({ dueAt: min(5) }); // overdue
  await open({ acceptedAt: null, createdAt: min(10) }); // standard: 10 < 15 minutes, fine
  await open({ acceptedAt: null, urgency: "emergency", createdAt: min(10) }); // urgent: 10 > 5 minutes
  await open({ acceptedAt: null, temperature: 95, createdAt: min(6) }); // hot counts as urgent: 6 > 5 minutes
  await open({ acceptedAt: null, status: "answered_by_plumber", createdAt: min(60) }); // answered live: fine
  await open({ ownerId: null, status: "closed" }); // closed: not a leak
  await open({ ownerId: null, isTest: true }); // a test call's lead: not a leak

  // Ten March leads touched after 1, 2, … 10 minutes (and created in shuffled order).
  for (const m of [7, 3, 10, 1, 5, 9, 2, 8, 4, 6]) {
    const created = new Date(Date.UTC(2026, 2, 10 + m, 15));
    const l = await makeLead(prisma, ranks.id, {
      createdAt: created,
      status: "followup_needed",
      temperature: 10 * m,
    });
    await prisma.leadEvent.create({
      data: {
        tenantId: ranks.id,
        leadId: l.id,
        type: "touchpoint.called_back",
        createdAt: new Date(created.getTime() + m * 60_000),
      },
    });
  }
});
afterAll(() => db?.drop());

const reportOf = (tenantId: string, kind: "month" | "this_month" = "month") =>
  getReport(
    { db: tenantScoped(db.prisma, tenantId), tenantId, viewer: { userId: ids.owner!, role: "owner" } },
    { kind, month: "2026-03" },
    NOW,
  );

describe(`the reports' counting in SQL (${engineName})`, () => {
  it("counts a hand-counted March with a DST change, another business's rows left out", async () => {
    const r = await reportOf(ids.march!);
    expect(r.current).toEqual({
      calls: 5, // 1, 2, 3, 4 and the robocall; not the test call
      answeredByPlumber: 1,
      missedCalls: 4,
      aiRescuedCalls: 3, // 1, 2, 4: the robocall is no customer
      textBacksSent: 2,
      replies: 1,
      bookingsAfterTextBack: 2,
      linkClicks: 1,
      leads: 4,
      booked: 2,
      showed: 1,
      noShow: 1,
      won: 1,
      lost: 0,
      wonValueCents: 125_000,
      textedLeads: 2,
      optedOut: 1,
      responseRate: 0.5,
      appointmentRate: 0.5,
      showRate: 0.5,
      closeRate: 0.5,
      averageTemperature: 50, // (80 + 60 + 40 + 20) / 4
      optOutRate: 0.5,
      // speeds 4, 20, 0 (lead 4 never touched): sorted 0, 4, 20 → p50 rank 2 = 4, p90 rank 3 = 20.
      speedToLeadP50Minutes: 4,
      speedToLeadP90Minutes: 20,
      // acceptance: 10 min after routing (lead 1), 30 min after creation (lead 2, never routed).
      handoffAcceptanceP50Minutes: 10,
      handoffAcceptanceP90Minutes: 30,
      // 2 of the 10 answers in the weeks starting in March are "no".
      handoffQaNoShare: 0.2,
    });
    // February: only the 23:59 February 28 lead (local time).
    expect([r.previous.leads, r.previous.averageTemperature, r.previous.calls]).toEqual([1, 99, 0]);
  });

  it("puts each call on its local day, the DST day included, and the late March 31 call on March 31", async () => {
    const r = await reportOf(ids.march!);
    const day = (d: string) => r.daily.find((x) => x.day === d);
    expect(r.daily).toHaveLength(31);
    expect(day("2026-03-01")).toEqual({ day: "2026-03-01", answered: 1, booked: 0, rescued: 0, missed: 0 });
    expect(day("2026-03-08")).toEqual({ day: "2026-03-08", answered: 0, booked: 2, rescued: 0, missed: 0 });
    expect(day("2026-03-20")?.missed).toBe(1);
    expect(day("2026-03-31")?.rescued).toBe(1);
    expect(Object.fromEntries(r.speedToLead.map((b) => [b.key, b.count]))).toEqual({
      under_5m: 2,
      "5_15m": 0,
      "15_60m": 1,
      "1_4h": 0,
      "4_24h": 0,
      over_24h: 0,
      no_touch: 1,
    });
  });

  it("breaks the KPIs down by lead source", async () => {
    const r = await reportOf(ids.march!);
    expect(
      r.bySource.map((s) => [
        s.source,
        s.leads,
        s.booked,
        s.appointmentRate,
        s.averageTemperature,
        s.speedToLeadP50Minutes,
      ]),
    ).toEqual([["phone", 4, 2, 0.5, 50, 4]]);
  });

  it("ranks script improvements from the stored calls and QA reviews", async () => {
    expect((await reportOf(ids.march!)).scriptImprovements).toEqual([
      { kind: "hung_up", key: "name", label: "Callers hung up at the name question", count: 1 },
      { kind: "hung_up", key: "zip", label: "Callers hung up at the ZIP code question", count: 1 },
      { kind: "qa_failure", key: "missing_required_fields", label: "QA: required fields missing", count: 1 },
      { kind: "re_asked", key: "name", label: "Callers were asked again at the name question", count: 1 },
    ]);
  });

  it("counts open lead leaks once per lead, with the SOP's acceptance windows", async () => {
    expect((await reportOf(ids.leaks!)).leaks).toEqual({
      asOf: NOW.toISOString(),
      unowned: 1,
      overdue: 1,
      noNextAction: 2,
      unacceptedPastWindow: 2,
      total: 5,
    });
  });

  it("uses nearest-rank percentiles: of 1 … 10 minutes, the median is 5 and the 90th percentile 9", async () => {
    const r = await reportOf(ids.ranks!);
    expect([
      r.current.leads,
      r.current.speedToLeadP50Minutes,
      r.current.speedToLeadP90Minutes,
      r.current.averageTemperature,
    ]).toEqual([10, 5, 9, 55]);
  });

  it("pools the agency's totals: the total percentile is over every lead, not an average of the businesses'", async () => {
    const agency = (await db.prisma.tenant.findUniqueOrThrow({ where: { id: ids.march! } })).agencyId!;
    const r = await agencyReport(systemDb(db.prisma), agency, { kind: "month", month: "2026-03" }, NOW);
    expect(r.rows.map((x) => [x.name, x.figures.leads, x.figures.speedToLeadP50Minutes])).toEqual([
      ["March Plumbing", 4, 4],
      ["Ten Leads Plumbing", 10, 5],
    ]);
    // Speeds 0, 4, 20 and 1 … 10: 13 values, the 7th is 5; the 90th percentile is the 12th, 10.
    expect([
      r.totals.leads,
      r.totals.speedToLeadP50Minutes,
      r.totals.speedToLeadP90Minutes,
      r.totals.calls,
      r.totals.handoffQaNoShare,
    ]).toEqual([14, 5, 10, 5, 0.2]);
  });
});
