// Every figure of the missed-lead report and the KPIs, as pure functions over the rows the query
// layer returns (report-sql.ts counts in the database; query-report.ts and agency-report.ts load).
// No I/O, no clock: "now" and the period come in.
//
// Rules, in the office's words (what each count means lives in definitions.ts, counted in report-sql.ts):
// - A lead belongs to the period it came in (its createdAt, local time); what happens to it later
//   (booked, showed, won) counts there, so a lead that crosses months is counted once.
// - A missed call is one the plumber did not take (no key press on the ring-first whisper).
//   The AI rescued it when the AI answered a customer's missed call.
// - Response rate: leads that replied by text (not STOP/START/HELP) after an automatic text (text-back, confirmation,
//   reminder) ÷ leads that got one. Opt-out rate: those leads whose number opted out by the period's end.
// - Appointment rate: leads with a booked visit ÷ leads. Show rate: "customer was there" ÷ visits
//   with a recorded outcome. Close rate: won jobs ÷ booked visits.
// - Speed to lead: from the call to the first human touch (call back, voicemail, text, staff SMS);
//   0 when the plumber answered live. Handoff acceptance: from routing to the owner's acceptance.
// - Percentiles are nearest-rank (the database's percentile_disc); minutes are rounded to one decimal.
// - A total over several groups (all sources, all businesses) is pooled, never an average of rates.
import type { LeadSource } from "@/server/db/generated/enums";
import { daysOf, localDate, type DateRange, type ReportPeriod } from "./period";
import {
  CALL_OUTCOMES,
  FUNNEL_STAGES,
  SPEED_BUCKETS,
  type CallOutcomeBucket,
  type Leaks,
  type PeriodFigures,
  type Report,
  type ScriptImprovement,
  type SourceFigures,
} from "./report-schema";

/** The lead figures of a group of leads (a period, a source, a business), counted by the database. */
export type LeadTotals = {
  leads: number;
  booked: number;
  showed: number;
  noShow: number;
  won: number;
  lost: number;
  wonValueCents: number;
  /** Leads that got an automatic text (text-back, confirmation, reminder). */
  textedLeads: number;
  /** Of those, leads that replied after the first one. */
  repliedLeads: number;
  /** Of those, leads whose number opted out by the period's end. */
  optedOutLeads: number;
  textedBackLeads: number;
  repliesAfterTextBack: number;
  bookingsAfterTextBack: number;
  linkClicks: number;
  temperatureSum: number;
  speedP50Ms: number | null;
  speedP90Ms: number | null;
  acceptP50Ms: number | null;
  acceptP90Ms: number | null;
  /** Leads per SPEED_BUCKETS entry, in its order. */
  speedBuckets: number[];
};

/** Calls of one outcome (on one local day, when counted by day). */
export type CallCount = { day: string | null; outcome: CallOutcomeBucket; count: number };
/** Weekly handoff QA: answered questions and "no" answers. */
export type HandoffAnswerCount = { answered: number; no: number };
export type LeakCounts = Omit<Leaks, "asOf">;
export type ScriptStepCount = { kind: "hung_up" | "re_asked"; key: string; count: number };
export type QaReviewRow = { verdict: string; reviewerVerdict: string | null; criteria: unknown };

/** What one period's figures are computed from. */
export type PeriodCounts = { leads: LeadTotals; calls: readonly CallCount[]; handoff: HandoffAnswerCount };

export const NO_LEADS: LeadTotals = {
  leads: 0,
  booked: 0,
  showed: 0,
  noShow: 0,
  won: 0,
  lost: 0,
  wonValueCents: 0,
  textedLeads: 0,
  repliedLeads: 0,
  optedOutLeads: 0,
  textedBackLeads: 0,
  repliesAfterTextBack: 0,
  bookingsAfterTextBack: 0,
  linkClicks: 0,
  temperatureSum: 0,
  speedP50Ms: null,
  speedP90Ms: null,
  acceptP50Ms: null,
  acceptP90Ms: null,
  speedBuckets: SPEED_BUCKETS.map(() => 0),
};
export const NO_COUNTS: PeriodCounts = { leads: NO_LEADS, calls: [], handoff: { answered: 0, no: 0 } };

// ── small helpers ──

export function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

const round1 = (n: number | null) => (n == null ? null : Math.round(n * 10) / 10);
/** Milliseconds as minutes with one decimal, as the report shows them. */
export const minutesOf = (ms: number | null) => round1(ms == null ? null : ms / 60_000);

type Kpis = Pick<
  PeriodFigures,
  | "booked"
  | "showed"
  | "noShow"
  | "won"
  | "lost"
  | "wonValueCents"
  | "textedLeads"
  | "optedOut"
  | "responseRate"
  | "appointmentRate"
  | "showRate"
  | "closeRate"
  | "averageTemperature"
  | "optOutRate"
  | "speedToLeadP50Minutes"
  | "speedToLeadP90Minutes"
  | "handoffAcceptanceP50Minutes"
  | "handoffAcceptanceP90Minutes"
>;

function kpisOf(t: LeadTotals): Kpis {
  return {
    booked: t.booked,
    showed: t.showed,
    noShow: t.noShow,
    won: t.won,
    lost: t.lost,
    wonValueCents: t.wonValueCents,
    textedLeads: t.textedLeads,
    optedOut: t.optedOutLeads,
    responseRate: ratio(t.repliedLeads, t.textedLeads),
    appointmentRate: ratio(t.booked, t.leads),
    showRate: ratio(t.showed, t.showed + t.noShow),
    closeRate: ratio(t.won, t.booked),
    averageTemperature: t.leads ? round1(t.temperatureSum / t.leads) : null,
    optOutRate: ratio(t.optedOutLeads, t.textedLeads),
    speedToLeadP50Minutes: minutesOf(t.speedP50Ms),
    speedToLeadP90Minutes: minutesOf(t.speedP90Ms),
    handoffAcceptanceP50Minutes: minutesOf(t.acceptP50Ms),
    handoffAcceptanceP90Minutes: minutesOf(t.acceptP90Ms),
  };
}

/** Calls per outcome, over every day. */
export function callsByOutcome(calls: readonly CallCount[]): Record<CallOutcomeBucket, number> {
  const out = Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcomeBucket, number>;
  for (const c of calls) out[c.outcome] += c.count;
  return out;
}

/** The figures of one period. */
export function periodFigures(counts: PeriodCounts): PeriodFigures {
  const calls = callsByOutcome(counts.calls);
  const t = counts.leads;
  return {
    calls: calls.answered + calls.booked + calls.rescued + calls.missed,
    answeredByPlumber: calls.answered,
    missedCalls: calls.booked + calls.rescued + calls.missed,
    aiRescuedCalls: calls.booked + calls.rescued,
    textBacksSent: t.textedBackLeads,
    replies: t.repliesAfterTextBack,
    bookingsAfterTextBack: t.bookingsAfterTextBack,
    linkClicks: t.linkClicks,
    leads: t.leads,
    ...kpisOf(t),
    handoffQaNoShare: ratio(counts.handoff.no, counts.handoff.answered),
  };
}

/** Every KPI per lead source, the source with most leads first. */
export function sourceFigures(rows: readonly (LeadTotals & { source: LeadSource })[]): SourceFigures[] {
  return rows
    .filter((r) => r.leads > 0)
    .map((t) => {
      const k = kpisOf(t);
      return {
        source: t.source,
        leads: t.leads,
        booked: k.booked,
        responseRate: k.responseRate,
        appointmentRate: k.appointmentRate,
        showRate: k.showRate,
        closeRate: k.closeRate,
        averageTemperature: k.averageTemperature,
        optOutRate: k.optOutRate,
        speedToLeadP50Minutes: k.speedToLeadP50Minutes,
        speedToLeadP90Minutes: k.speedToLeadP90Minutes,
        handoffAcceptanceP50Minutes: k.handoffAcceptanceP50Minutes,
      };
    })
    .sort((a, b) => b.leads - a.leads || a.source.localeCompare(b.source));
}

/** Calls per local day, by outcome; every day of the range appears (zeros included). */
export function dailyCalls(
  calls: readonly CallCount[],
  range: Pick<DateRange, "firstDay" | "lastDay">,
): Report["daily"] {
  const days = new Map(
    daysOf(range).map((day) => [day, { day, answered: 0, booked: 0, rescued: 0, missed: 0 }]),
  );
  for (const c of calls) {
    const day = c.day ? days.get(c.day) : undefined;
    if (day) day[c.outcome] += c.count;
  }
  return [...days.values()];
}

/** The days of a range that have begun: a chart of this week or month stops at today (local day). */
export function upToToday(
  range: Pick<DateRange, "firstDay" | "lastDay">,
  now: Date,
  timeZone: string,
): Pick<DateRange, "firstDay" | "lastDay"> {
  const today = localDate(now, timeZone);
  return { firstDay: range.firstDay, lastDay: range.lastDay < today ? range.lastDay : today };
}

export function speedDistribution(t: LeadTotals): Report["speedToLead"] {
  return SPEED_BUCKETS.map((b, i) => ({ key: b.key, label: b.label, count: t.speedBuckets[i] ?? 0 }));
}

export function leakFigures(counts: LeakCounts, now: Date): Leaks {
  return { asOf: now.toISOString(), ...counts };
}

const QA_CRITERION_LABEL: Record<string, string> = {
  wrong_qualification_path: "QA: wrong qualification path",
  missing_required_fields: "QA: required fields missing",
  incorrect_urgency: "QA: urgency labelled wrong",
  hallucinated_details: "QA: details the caller never said",
};
const STAGE_LABEL: Record<string, string> = {
  zip: "the ZIP code question",
  issue: "the problem question",
  name: "the name question",
  booking_offer: "the booking offer",
  address: "the address question",
  slot: "the time slot offer",
  transferring: "the transfer to a person",
};
const stageLabel = (s: string) => STAGE_LABEL[s] ?? `the ${s.replace(/_/g, " ")} step`;

/** The ranked "script improvements": QA failures (the reviewer's verdict wins), and the steps where callers hung up or were asked again. */
export function scriptImprovements(
  steps: readonly ScriptStepCount[],
  qaReviews: readonly QaReviewRow[],
): ScriptImprovement[] {
  const counts = new Map<string, ScriptImprovement>();
  const add = (kind: ScriptImprovement["kind"], key: string, label: string, n = 1) => {
    const id = `${kind}:${key}`;
    const it = counts.get(id) ?? { kind, key, label, count: 0 };
    it.count += n;
    counts.set(id, it);
  };
  for (const r of qaReviews) {
    if ((r.reviewerVerdict ?? r.verdict) !== "fail") continue;
    const criteria = Array.isArray(r.criteria) ? r.criteria : [];
    const seen = new Set<string>();
    for (const c of criteria) {
      const criterion =
        c && typeof c === "object" && typeof (c as { criterion?: unknown }).criterion === "string"
          ? (c as { criterion: string }).criterion
          : null;
      if (criterion && !seen.has(criterion)) {
        seen.add(criterion);
        add("qa_failure", criterion, QA_CRITERION_LABEL[criterion] ?? `QA: ${criterion}`);
      }
    }
  }
  for (const s of steps) {
    if (s.count <= 0) continue;
    add(
      s.kind,
      s.key,
      s.kind === "hung_up"
        ? `Callers hung up at ${stageLabel(s.key)}`
        : `Callers were asked again at ${stageLabel(s.key)}`,
      s.count,
    );
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key),
  );
}

/**
 * The funnel's stages, each within the one before: a visit outcome needs a booked visit and a won
 * job means the customer was there (record-outcome.ts), so by the writers' rules no stage is
 * larger than the one before it. A record that breaks them (an outcome on a visit since cancelled)
 * is held to the stage before, so the funnel never widens.
 */
export function funnelOf(f: Pick<PeriodFigures, "leads" | "booked" | "showed" | "won">): Report["funnel"] {
  let within = Infinity;
  return FUNNEL_STAGES.map((stage) => {
    within = Math.min(within, f[stage]);
    return { stage, count: within };
  });
}

export type ReportInput = {
  business: { name: string; timeZone: string };
  period: ReportPeriod;
  current: PeriodCounts;
  previous: PeriodCounts;
  bySource: readonly (LeadTotals & { source: LeadSource })[];
  scriptSteps: readonly ScriptStepCount[];
  qaReviews: readonly QaReviewRow[];
  leaks: LeakCounts;
  now: Date;
  ownLeadsOnly: boolean;
};

export function computeReport(input: ReportInput): Report {
  const { period } = input;
  const current = periodFigures(input.current);
  const iso = (r: DateRange) => ({
    start: r.start.toISOString(),
    end: r.end.toISOString(),
    firstDay: r.firstDay,
    lastDay: r.lastDay,
  });
  return {
    business: input.business,
    period: { ...iso(period), kind: period.kind, label: period.label, previous: iso(period.previous) },
    ownLeadsOnly: input.ownLeadsOnly,
    current,
    previous: periodFigures(input.previous),
    bySource: sourceFigures(input.bySource),
    daily: dailyCalls(input.current.calls, upToToday(period, input.now, input.business.timeZone)),
    funnel: funnelOf(current),
    speedToLead: speedDistribution(input.current.leads),
    leaks: leakFigures(input.leaks, input.now),
    scriptImprovements: scriptImprovements(input.scriptSteps, input.qaReviews),
  };
}
