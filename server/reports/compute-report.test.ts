import { describe, expect, it } from "vitest";
import { callOutcome, computeReport, leakFigures, percentile, periodFigures, scriptImprovements, type CallRow, type LeadRow, type PeriodRows } from "./compute-report";
import { reportCsv, reportRows } from "./figures";
import { resolvePeriod } from "./period";

const TZ = "America/Chicago";
const NOW = new Date("2026-04-02T15:00:00Z");
const MARCH = resolvePeriod({ kind: "month", month: "2026-03" }, TZ, NOW);
const EMPTY: PeriodRows = { calls: [], leads: [], events: [], messages: [], consents: [], qaReviews: [] };
const t = (iso: string) => new Date(iso);

function lead(id: string, createdAt: string, over: Partial<LeadRow> = {}): LeadRow {
  return { id, createdAt: t(createdAt), source: "phone", status: "followup_needed", ownerId: "u1", acceptedAt: null, appointmentAt: null, visitOutcome: null, jobOutcome: null, jobValueCents: null, temperature: 50, callerPhone: `+1512555${id.padStart(4, "0")}`, ...over };
}
const agent = (stage: string) => ({ speaker: "agent", text: "…", stage });
const caller = (stage: string) => ({ speaker: "caller", text: "…", stage });
function call(startedAt: string, state: unknown, over: Partial<CallRow> = {}): CallRow {
  return { startedAt: t(startedAt), plumberAcceptedAt: null, state, endedAt: t(startedAt), ...over };
}

// March 2026 in Chicago (DST starts March 8). Hand-counted below.
const rows: PeriodRows = {
  calls: [
    // Mar 1 00:30 CST: the plumber answered.
    call("2026-03-01T06:30:00Z", { stage: "new" }, { plumberAcceptedAt: t("2026-03-01T06:30:10Z") }),
    // Mar 8 10:00 CDT: AI booked.
    call("2026-03-08T15:00:00Z", { stage: "ended", outcome: "booked", fields: { zip: "78701" }, transcript: [agent("zip"), caller("zip"), agent("issue")] }),
    // Mar 8 11:00 CDT: AI took it, the caller hung up at the name question after being asked twice.
    call("2026-03-08T16:00:00Z", { stage: "name", outcome: null, fields: { zip: "78701" }, transcript: [agent("zip"), caller("zip"), agent("name"), caller("name"), agent("name")] }),
    // Mar 31 23:30 CDT (April 1 UTC): the AI took it but the caller said nothing.
    call("2026-04-01T04:30:00Z", { stage: "zip", outcome: null, fields: {}, transcript: [agent("zip")] }),
    // Mar 20: the service gate stopped the AI: plainly missed.
    call("2026-03-20T17:00:00Z", { stage: "new" }),
  ],
  leads: [
    // a: booked, showed, won $1,250; texted back, replied, clicked; touched after 4 min; accepted 10 min after routing.
    lead("1", "2026-03-08T15:00:00Z", { appointmentAt: t("2026-03-10T15:00:00Z"), visitOutcome: "showed", jobOutcome: "won", jobValueCents: 125_000, temperature: 80, acceptedAt: t("2026-03-08T15:12:00Z") }),
    // b: booked, no-show; texted back, no reply, opted out; touched after 20 min.
    lead("2", "2026-03-08T16:00:00Z", { appointmentAt: t("2026-03-12T15:00:00Z"), visitOutcome: "no_show", temperature: 60, acceptedAt: t("2026-03-08T16:30:00Z") }),
    // c: the plumber answered live (speed 0); web form source.
    lead("3", "2026-03-01T06:30:00Z", { status: "answered_by_plumber", source: "web_form", temperature: 40 }),
    // d: came in at 23:30 on March 31 local time (April 1 UTC): March's lead, never touched.
    lead("4", "2026-04-01T04:30:00Z", { temperature: 20 }),
  ],
  events: [
    { leadId: "1", type: "lead.routed", createdAt: t("2026-03-08T15:02:00Z") },
    { leadId: "1", type: "touchpoint.called_back", createdAt: t("2026-03-08T15:04:00Z") },
    { leadId: "1", type: "sms.link_clicked", createdAt: t("2026-03-08T15:07:00Z") },
    { leadId: "2", type: "touchpoint.note", createdAt: t("2026-03-08T16:05:00Z") },
    { leadId: "2", type: "touchpoint.left_voicemail", createdAt: t("2026-03-08T16:20:00Z") },
  ],
  messages: [
    { leadId: "1", direction: "outbound", purpose: "text_back", status: "delivered", sentAt: t("2026-03-08T15:01:00Z"), createdAt: t("2026-03-08T15:01:00Z"), authorId: null },
    { leadId: "1", direction: "inbound", purpose: "inbound", status: "received", sentAt: null, createdAt: t("2026-03-08T15:06:00Z"), authorId: null },
    // STOP is not a reply.
    { leadId: "2", direction: "inbound", purpose: "inbound", status: "received", sentAt: null, createdAt: t("2026-03-09T12:00:00Z"), authorId: null, keyword: true },
    { leadId: "2", direction: "outbound", purpose: "text_back", status: "sent", sentAt: t("2026-03-08T16:01:00Z"), createdAt: t("2026-03-08T16:01:00Z"), authorId: null },
    // Never sent (opted out before): not a text-back sent.
    { leadId: "4", direction: "outbound", purpose: "text_back", status: "canceled", sentAt: null, createdAt: t("2026-04-01T04:31:00Z"), authorId: null },
  ],
  consents: [{ phone: "+15125550002", optedOut: true, at: t("2026-03-09T12:00:00Z") }],
  handoffReviews: [
    { ownerCorrect: true, notesSufficient: false, waitReasonable: true, noRepeat: true, outcomeMatched: true },
    { ownerCorrect: true, notesSufficient: true, waitReasonable: false, noRepeat: true, outcomeMatched: true },
    // Not reviewed yet: not counted.
    { ownerCorrect: null, notesSufficient: null, waitReasonable: null, noRepeat: null, outcomeMatched: null },
  ],
  qaReviews: [
    { verdict: "fail", reviewerVerdict: null, criteria: [{ criterion: "missing_required_fields", code: "a" }, { criterion: "missing_required_fields", code: "b" }] },
    { verdict: "fail", reviewerVerdict: "pass", criteria: [{ criterion: "incorrect_urgency" }] },
    { verdict: "pass", reviewerVerdict: null, criteria: [] },
  ],
};

describe("the missed-lead report and KPIs", () => {
  it("counts calls by who took them", () => {
    expect(rows.calls.map(callOutcome)).toEqual(["answered", "booked", "rescued", "missed", "missed"]);
  });

  it("computes every figure of a month with a DST change by hand", () => {
    const f = periodFigures(rows, MARCH);
    expect(f).toEqual({
      calls: 5,
      answeredByPlumber: 1,
      missedCalls: 4,
      aiRescuedCalls: 2,
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
      // 2 of the 10 answers are "no".
      handoffQaNoShare: 0.2,
    });
  });

  it("gives an empty period nulls for rates instead of zeros, and zero counts", () => {
    const f = periodFigures(EMPTY, MARCH);
    expect(f.leads).toBe(0);
    expect(f.calls).toBe(0);
    expect([f.responseRate, f.appointmentRate, f.showRate, f.closeRate, f.optOutRate, f.averageTemperature, f.speedToLeadP50Minutes, f.handoffAcceptanceP90Minutes, f.handoffQaNoShare]).toEqual([null, null, null, null, null, null, null, null, null]);
    const r = computeReport({ business: { name: "B", timeZone: TZ }, period: MARCH, current: EMPTY, previous: EMPTY, open: [], now: NOW, ownLeadsOnly: false });
    expect(r.daily).toHaveLength(31);
    expect(r.daily.every((d) => d.answered + d.booked + d.rescued + d.missed === 0)).toBe(true);
    expect(r.bySource).toEqual([]);
    expect(r.scriptImprovements).toEqual([]);
    expect(r.speedToLead.find((b) => b.key === "no_touch")?.count).toBe(0);
  });

  it("puts each call on its local day, the DST day included, and the late March 31 call on March 31", () => {
    const r = computeReport({ business: { name: "B", timeZone: TZ }, period: MARCH, current: rows, previous: EMPTY, open: [], now: NOW, ownLeadsOnly: false });
    const day = (d: string) => r.daily.find((x) => x.day === d);
    expect(day("2026-03-01")).toEqual({ day: "2026-03-01", answered: 1, booked: 0, rescued: 0, missed: 0 });
    expect(day("2026-03-08")).toEqual({ day: "2026-03-08", answered: 0, booked: 1, rescued: 1, missed: 0 });
    expect(day("2026-03-31")?.missed).toBe(1);
    expect(r.funnel).toEqual([
      { stage: "calls", count: 5 },
      { stage: "leads", count: 4 },
      { stage: "booked", count: 2 },
      { stage: "showed", count: 1 },
      { stage: "won", count: 1 },
    ]);
    expect(Object.fromEntries(r.speedToLead.map((b) => [b.key, b.count]))).toEqual({ under_5m: 2, "5_15m": 0, "15_60m": 1, "1_4h": 0, "4_24h": 0, over_24h: 0, no_touch: 1 });
  });

  it("breaks every KPI down by lead source", () => {
    const r = computeReport({ business: { name: "B", timeZone: TZ }, period: MARCH, current: rows, previous: EMPTY, open: [], now: NOW, ownLeadsOnly: false });
    expect(r.bySource.map((s) => [s.source, s.leads, s.booked, s.appointmentRate, s.averageTemperature, s.speedToLeadP50Minutes])).toEqual([
      ["phone", 3, 2, 2 / 3, 53.3, 4],
      ["web_form", 1, 0, 0, 40, 0],
    ]);
  });

  it("ranks script improvements: QA failures (the reviewer's verdict wins), hang-ups and re-asks by step", () => {
    expect(scriptImprovements(rows)).toEqual([
      { kind: "hung_up", key: "name", label: "Callers hung up at the name question", count: 1 },
      { kind: "hung_up", key: "zip", label: "Callers hung up at the ZIP code question", count: 1 },
      { kind: "qa_failure", key: "missing_required_fields", label: "QA: required fields missing", count: 1 },
      { kind: "re_asked", key: "name", label: "Callers were asked again at the name question", count: 1 },
    ]);
  });

  it("counts open lead leaks once per lead, with the SOP's acceptance windows", () => {
    const min = (m: number) => new Date(NOW.getTime() - m * 60_000);
    const base = { nextAction: "Call back", dueAt: new Date(NOW.getTime() + 3_600_000), acceptedAt: min(1), status: "followup_needed", urgency: "normal", temperature: 40 };
    const leaks = leakFigures(
      [
        { ...base, ownerId: "u1", createdAt: min(60) }, // fine
        { ...base, ownerId: null, nextAction: null, createdAt: min(60) }, // unowned + no next action
        { ...base, ownerId: "u1", dueAt: min(5), createdAt: min(60) }, // overdue
        { ...base, ownerId: "u1", acceptedAt: null, createdAt: min(10) }, // standard: 10 < 15 min, fine
        { ...base, ownerId: "u1", acceptedAt: null, urgency: "emergency", createdAt: min(10) }, // urgent: 10 > 5 min
        { ...base, ownerId: "u1", acceptedAt: null, status: "answered_by_plumber", createdAt: min(60) }, // answered live: fine
      ],
      NOW,
    );
    expect(leaks).toEqual({ asOf: NOW.toISOString(), unowned: 1, overdue: 1, noNextAction: 1, unacceptedPastWindow: 1, total: 3 });
  });

  it("uses nearest-rank percentiles", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it("writes one CSV row per figure with the previous period beside it", () => {
    const r = computeReport({ business: { name: "B", timeZone: TZ }, period: MARCH, current: rows, previous: EMPTY, open: [], now: NOW, ownLeadsOnly: false });
    const csv = reportCsv(r).trim().split("\r\n");
    expect(csv[0]).toBe("period,first_day,last_day,section,figure,key,unit,value,previous_value");
    expect(csv).toContain("March 2026,2026-03-01,2026-03-31,missed_leads,Missed calls (the plumber did not answer),missedCalls,count,4,0");
    expect(csv).toContain("March 2026,2026-03-01,2026-03-31,kpis,Show rate,showRate,rate,0.5,");
    expect(csv.length).toBe(reportRows(r).length + 1);
  });
});
