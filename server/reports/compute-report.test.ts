// The pure half of the report: counts from the database → figures. The counting rules themselves
// (which call is missed, which reply counts, local days, percentiles, leaks) run in SQL and are
// proved on PGlite and PostgreSQL in report-sql.integration.test.ts.
import { describe, expect, it } from "vitest";
import {
  computeReport,
  dailyCalls,
  funnelOf,
  minutesOf,
  NO_COUNTS,
  NO_LEADS,
  periodFigures,
  scriptImprovements,
  sourceFigures,
  upToToday,
  type LeadTotals,
  type PeriodCounts,
} from "./compute-report";
import { reportCsv, reportRows } from "./figures";
import { resolvePeriod } from "./period";

const TZ = "America/Chicago";
const NOW = new Date("2026-04-02T15:00:00Z");
const MARCH = resolvePeriod({ kind: "month", month: "2026-03" }, TZ, NOW);
const NO_LEAKS = { unowned: 0, overdue: 0, noNextAction: 0, unacceptedPastWindow: 0, total: 0 };

const totals = (over: Partial<LeadTotals>): LeadTotals => ({ ...NO_LEADS, ...over });

// Four March leads (hand-counted): two booked (one showed and won $1,250, one no-show), both texted
// back, one replied and clicked, one opted out; speeds 0, 4 and 20 minutes, one never touched.
const MARCH_LEADS = totals({
  leads: 4,
  booked: 2,
  showed: 1,
  noShow: 1,
  won: 1,
  wonValueCents: 125_000,
  textedLeads: 2,
  repliedLeads: 1,
  optedOutLeads: 1,
  textedBackLeads: 2,
  repliesAfterTextBack: 1,
  bookingsAfterTextBack: 2,
  linkClicks: 1,
  temperatureSum: 200,
  speedP50Ms: 240_000,
  speedP90Ms: 1_200_000,
  acceptP50Ms: 600_000,
  acceptP90Ms: 1_800_000,
  speedBuckets: [2, 0, 1, 0, 0, 0, 1],
});
const MARCH_COUNTS: PeriodCounts = {
  leads: MARCH_LEADS,
  calls: [
    { day: "2026-03-01", outcome: "answered", count: 1 },
    { day: "2026-03-08", outcome: "booked", count: 1 },
    { day: "2026-03-08", outcome: "rescued", count: 1 },
    { day: "2026-03-20", outcome: "missed", count: 1 },
    { day: "2026-03-31", outcome: "missed", count: 1 },
  ],
  handoff: { answered: 10, no: 2 },
};

const report = (current: PeriodCounts, previous: PeriodCounts = NO_COUNTS) =>
  computeReport({
    business: { name: "B", timeZone: TZ },
    period: MARCH,
    current,
    previous,
    bySource: [
      { ...totals({ leads: 1, temperatureSum: 40, speedP50Ms: 0 }), source: "web_form" },
      { ...totals({ leads: 3, booked: 2, temperatureSum: 160, speedP50Ms: 240_000 }), source: "phone" },
    ],
    scriptSteps: [],
    qaReviews: [],
    leaks: NO_LEAKS,
    now: NOW,
    ownLeadsOnly: false,
  });

describe("the report's figures from the database's counts", () => {
  it("turns a hand-counted March into every figure: rates, minutes, the pooled handoff QA share", () => {
    expect(periodFigures(MARCH_COUNTS)).toEqual({
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
      averageTemperature: 50,
      optOutRate: 0.5,
      speedToLeadP50Minutes: 4,
      speedToLeadP90Minutes: 20,
      handoffAcceptanceP50Minutes: 10,
      handoffAcceptanceP90Minutes: 30,
      handoffQaNoShare: 0.2,
    });
  });

  it("gives an empty period nulls for rates instead of zeros, and zero counts", () => {
    const f = periodFigures(NO_COUNTS);
    expect([f.leads, f.calls, f.missedCalls, f.wonValueCents]).toEqual([0, 0, 0, 0]);
    expect([
      f.responseRate,
      f.appointmentRate,
      f.showRate,
      f.closeRate,
      f.optOutRate,
      f.averageTemperature,
      f.speedToLeadP50Minutes,
      f.handoffAcceptanceP90Minutes,
      f.handoffQaNoShare,
    ]).toEqual([null, null, null, null, null, null, null, null, null]);
    const r = computeReport({
      business: { name: "B", timeZone: TZ },
      period: MARCH,
      current: NO_COUNTS,
      previous: NO_COUNTS,
      bySource: [],
      scriptSteps: [],
      qaReviews: [],
      leaks: NO_LEAKS,
      now: NOW,
      ownLeadsOnly: false,
    });
    expect(r.daily).toHaveLength(31);
    expect(r.daily.every((d) => d.answered + d.booked + d.rescued + d.missed === 0)).toBe(true);
    expect(r.bySource).toEqual([]);
    expect(r.scriptImprovements).toEqual([]);
    expect(r.speedToLead.find((b) => b.key === "no_touch")?.count).toBe(0);
  });

  it("rounds minutes to one decimal from milliseconds", () => {
    expect([minutesOf(null), minutesOf(0), minutesOf(90_000), minutesOf(100_000), minutesOf(59_999)]).toEqual(
      [null, 0, 1.5, 1.7, 1],
    );
  });

  it("lists every day of the period, zeros included, and drops a day outside it", () => {
    const daily = dailyCalls(
      [
        ...MARCH_COUNTS.calls,
        { day: "2026-04-01", outcome: "missed", count: 7 },
        { day: null, outcome: "missed", count: 3 },
      ],
      MARCH,
    );
    expect(daily).toHaveLength(31);
    expect(daily[0]).toEqual({ day: "2026-03-01", answered: 1, booked: 0, rescued: 0, missed: 0 });
    expect(daily.find((d) => d.day === "2026-03-08")).toEqual({
      day: "2026-03-08",
      answered: 0,
      booked: 1,
      rescued: 1,
      missed: 0,
    });
    expect(daily.at(-1)).toEqual({ day: "2026-03-31", answered: 0, booked: 0, rescued: 0, missed: 1 });
    expect(daily.reduce((s, d) => s + d.answered + d.booked + d.rescued + d.missed, 0)).toBe(5);
  });

  it("stops the chart and its table at today (the business's day) in the current period", () => {
    // 1:30 AM on March 10 in Chicago (06:30 UTC).
    const now = new Date("2026-03-10T06:30:00Z");
    const thisMonth = resolvePeriod({ kind: "this_month" }, TZ, now);
    const at = (n: Date) =>
      computeReport({
        business: { name: "B", timeZone: TZ },
        period: thisMonth,
        current: MARCH_COUNTS,
        previous: NO_COUNTS,
        bySource: [],
        scriptSteps: [],
        qaReviews: [],
        leaks: NO_LEAKS,
        now: n,
        ownLeadsOnly: false,
      }).daily.map((d) => d.day);
    expect(at(now)).toHaveLength(10);
    expect(at(now).at(-1)).toBe("2026-03-10");
    // 11:30 PM on March 9 in Chicago is March 10 in UTC: the chart still ends on March 9.
    expect(at(new Date("2026-03-10T04:30:00Z")).at(-1)).toBe("2026-03-09");
    // A past month keeps every day; the period's own last day is not moved.
    expect(report(MARCH_COUNTS).daily).toHaveLength(31);
    expect(upToToday(thisMonth, now, TZ)).toEqual({ firstDay: "2026-03-01", lastDay: "2026-03-10" });
  });

  it("draws the funnel and the speed-to-lead buckets from the same counts", () => {
    const r = report(MARCH_COUNTS);
    expect(r.funnel).toEqual([
      { stage: "leads", count: 4 },
      { stage: "booked", count: 2 },
      { stage: "showed", count: 1 },
      { stage: "won", count: 1 },
    ]);
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

  it("never widens the funnel: each stage is held within the one before it", () => {
    const counts = (r: ReturnType<typeof funnelOf>) => r.map((f) => f.count);
    expect(counts(funnelOf({ leads: 7, booked: 2, showed: 1, won: 1 }))).toEqual([7, 2, 1, 1]);
    // A job won on a visit that was since cancelled: the funnel does not grow at "showed" or "won".
    expect(counts(funnelOf({ leads: 3, booked: 1, showed: 2, won: 3 }))).toEqual([3, 1, 1, 1]);
    // Calls are not a stage: a sales call is a call but no lead, a web form a lead but no call.
    expect(funnelOf({ leads: 1, booked: 0, showed: 0, won: 0 }).map((f) => f.stage)).toEqual([
      "leads",
      "booked",
      "showed",
      "won",
    ]);
  });

  it("breaks every KPI down by lead source, the source with most leads first", () => {
    expect(
      report(MARCH_COUNTS).bySource.map((s) => [
        s.source,
        s.leads,
        s.booked,
        s.appointmentRate,
        s.averageTemperature,
        s.speedToLeadP50Minutes,
      ]),
    ).toEqual([
      ["phone", 3, 2, 2 / 3, 53.3, 4],
      ["web_form", 1, 0, 0, 40, 0],
    ]);
    expect(sourceFigures([{ ...NO_LEADS, source: "sms" }])).toEqual([]);
  });

  it("ranks script improvements: QA failures (the reviewer's verdict wins, a criterion once per call), hang-ups and re-asks by step", () => {
    const qaReviews = [
      {
        verdict: "fail",
        reviewerVerdict: null,
        criteria: [
          { criterion: "missing_required_fields", code: "a" },
          { criterion: "missing_required_fields", code: "b" },
        ],
      },
      { verdict: "fail", reviewerVerdict: "pass", criteria: [{ criterion: "incorrect_urgency" }] },
      { verdict: "pass", reviewerVerdict: null, criteria: [] },
    ];
    const steps = [
      { kind: "hung_up" as const, key: "zip", count: 1 },
      { kind: "re_asked" as const, key: "name", count: 1 },
      { kind: "hung_up" as const, key: "name", count: 1 },
      { kind: "re_asked" as const, key: "booking_offer", count: 3 },
    ];
    expect(scriptImprovements(steps, qaReviews)).toEqual([
      {
        kind: "re_asked",
        key: "booking_offer",
        label: "Callers were asked again at the booking offer",
        count: 3,
      },
      { kind: "hung_up", key: "name", label: "Callers hung up at the name question", count: 1 },
      { kind: "hung_up", key: "zip", label: "Callers hung up at the ZIP code question", count: 1 },
      { kind: "qa_failure", key: "missing_required_fields", label: "QA: required fields missing", count: 1 },
      { kind: "re_asked", key: "name", label: "Callers were asked again at the name question", count: 1 },
    ]);
  });

  it("writes one CSV row per figure with the previous period beside it", () => {
    const r = report(MARCH_COUNTS, {
      ...NO_COUNTS,
      calls: [{ day: "2026-02-10", outcome: "missed", count: 3 }],
    });
    const csv = reportCsv(r).trim().split("\r\n");
    expect(csv[0]).toBe("period,first_day,last_day,section,figure,key,unit,value,previous_value");
    expect(csv).toContain(
      "March 2026,2026-03-01,2026-03-31,missed_leads,Missed calls (the plumber did not answer),missedCalls,count,4,3",
    );
    expect(csv).toContain("March 2026,2026-03-01,2026-03-31,kpis,Show rate,showRate,rate,0.5,");
    expect(csv.length).toBe(reportRows(r).length + 1);
  });
});
