// Every figure of the missed-lead report and the KPIs, as pure functions over queried rows
// (query-report.ts loads them). No I/O, no clock: "now" and the period come in.
//
// Rules, in the office's words:
// - A lead belongs to the period it came in (its createdAt, local time); what happens to it later
//   (booked, showed, won) counts there, so a lead that crosses months is counted once.
// - A missed call is one the plumber did not take (no key press on the ring-first whisper).
//   The AI rescued it when the AI took the call and got something from the caller (a field or an outcome).
// - Response rate: leads that replied by text (not STOP/START/HELP) after an automatic text (text-back, confirmation,
//   reminder) ÷ leads that got one. Opt-out rate: those leads whose number opted out by the period's end.
// - Appointment rate: leads with a booked visit ÷ leads. Show rate: "customer was there" ÷ visits
//   with a recorded outcome. Close rate: won jobs ÷ booked visits.
// - Speed to lead: from the call to the first human touch (call back, voicemail, text, staff SMS);
//   0 when the plumber answered live. Handoff acceptance: from routing to the owner's acceptance.
// - Percentiles are nearest-rank.
import type { LeadSource } from "@/server/db/generated/enums";
import { ESCALATION_MINUTES, isUrgent } from "@/server/leads/escalation-rules";
import { noShare, type HandoffAnswers } from "./handoff-qa";
import { localDate, daysOf, type DateRange, type ReportPeriod } from "./period";
import {
  SPEED_BUCKETS,
  type CallOutcomeBucket,
  type Leaks,
  type PeriodFigures,
  type Report,
  type ScriptImprovement,
  type SourceFigures,
} from "./report-schema";

export type CallRow = {
  startedAt: Date;
  plumberAcceptedAt: Date | null;
  /** The stored call state: stage, outcome, fields, transcript (voice/state-machine.ts). */
  state: unknown;
  endedAt: Date | null;
};

export type LeadRow = {
  id: string;
  createdAt: Date;
  source: LeadSource;
  status: string;
  ownerId: string | null;
  acceptedAt: Date | null;
  appointmentAt: Date | null;
  visitOutcome: string | null;
  jobOutcome: string | null;
  jobValueCents: number | null;
  temperature: number;
  callerPhone: string;
};

export type EventRow = { leadId: string; type: string; createdAt: Date };
/** keyword: an inbound STOP / START / HELP, which is not a reply to the business. */
export type MessageRow = { leadId: string | null; direction: "inbound" | "outbound"; purpose: string; status: string; sentAt: Date | null; createdAt: Date; authorId: string | null; keyword?: boolean };
export type ConsentRow = { phone: string; optedOut: boolean; at: Date };
export type QaReviewRow = { verdict: string; reviewerVerdict: string | null; criteria: unknown };
export type HandoffReviewRow = Partial<HandoffAnswers>;

export type PeriodRows = { calls: CallRow[]; leads: LeadRow[]; events: EventRow[]; messages: MessageRow[]; consents: ConsentRow[]; qaReviews: QaReviewRow[]; handoffReviews?: HandoffReviewRow[] };

export type OpenLeadRow = { ownerId: string | null; nextAction: string | null; dueAt: Date | null; acceptedAt: Date | null; createdAt: Date; status: string; urgency: string | null; temperature: number };

// ── small helpers ──

export function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

/** Nearest-rank percentile (p in 0–100) of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const minutesBetween = (a: Date, b: Date) => Math.max(0, (b.getTime() - a.getTime()) / 60_000);
const round1 = (n: number | null) => (n == null ? null : Math.round(n * 10) / 10);

// ── the stored call state, read defensively (old rows may lack fields) ──

type TranscriptTurn = { speaker: string; stage: string };
type StateView = { stage: string; outcome: string | null; hasFields: boolean; transcript: TranscriptTurn[] };

export function readCallState(state: unknown): StateView {
  const s = (state && typeof state === "object" ? state : {}) as Record<string, unknown>;
  const fields = s.fields && typeof s.fields === "object" ? Object.keys(s.fields) : [];
  const transcript = Array.isArray(s.transcript) ? (s.transcript as unknown[]).filter((t): t is TranscriptTurn => !!t && typeof t === "object" && typeof (t as TranscriptTurn).stage === "string") : [];
  return { stage: typeof s.stage === "string" ? s.stage : "new", outcome: typeof s.outcome === "string" ? s.outcome : null, hasFields: fields.length > 0, transcript };
}

/** How a call ended up: the plumber answered, the AI booked it, the AI rescued it otherwise, or missed. */
export function callOutcome(call: CallRow): CallOutcomeBucket {
  if (call.plumberAcceptedAt) return "answered";
  const s = readCallState(call.state);
  if (s.stage === "new") return "missed";
  if (s.outcome === "booked") return "booked";
  return s.outcome || s.hasFields ? "rescued" : "missed";
}

// ── per-lead facts ──

const HUMAN_TOUCH = new Set(["touchpoint.called_back", "touchpoint.left_voicemail", "touchpoint.texted", "sms.sent_by_staff"]);
const AUTOMATIC_TEXTS = new Set(["text_back", "confirmation", "reminder_24h", "reminder_2h"]);
const SENT = (m: MessageRow) => m.direction === "outbound" && m.sentAt != null && m.status !== "failed" && m.status !== "canceled" && m.status !== "undelivered";

type LeadFacts = {
  lead: LeadRow;
  speedMinutes: number | null;
  acceptMinutes: number | null;
  textedBack: boolean;
  texted: boolean;
  replied: boolean;
  clicked: boolean;
  optedOut: boolean;
};

function leadFacts(rows: PeriodRows, range: DateRange): LeadFacts[] {
  const eventsBy = groupBy(rows.events, (e) => e.leadId);
  const messagesBy = groupBy(rows.messages.filter((m) => m.leadId), (m) => m.leadId!);
  const optOuts = groupBy(rows.consents.filter((c) => c.optedOut && c.at < range.end), (c) => c.phone);
  return rows.leads.map((lead) => {
    const events = (eventsBy.get(lead.id) ?? []).slice().sort((a, b) => +a.createdAt - +b.createdAt);
    const touch = events.find((e) => HUMAN_TOUCH.has(e.type));
    const speedMinutes = lead.status === "answered_by_plumber" ? 0 : touch ? minutesBetween(lead.createdAt, touch.createdAt) : null;
    const routed = events.find((e) => e.type === "lead.routed");
    const acceptMinutes = lead.acceptedAt ? minutesBetween(routed?.createdAt ?? lead.createdAt, lead.acceptedAt) : null;
    const messages = messagesBy.get(lead.id) ?? [];
    const automatic = messages.filter((m) => SENT(m) && AUTOMATIC_TEXTS.has(m.purpose) && !m.authorId).sort((a, b) => +a.sentAt! - +b.sentAt!);
    const firstText = automatic[0]?.sentAt ?? null;
    const replied = firstText != null && messages.some((m) => m.direction === "inbound" && !m.keyword && m.createdAt >= firstText);
    const optedOut = firstText != null && (optOuts.get(lead.callerPhone) ?? []).some((c) => c.at >= lead.createdAt);
    return {
      lead,
      speedMinutes,
      acceptMinutes,
      textedBack: automatic.some((m) => m.purpose === "text_back"),
      texted: firstText != null,
      replied,
      clicked: events.some((e) => e.type === "sms.link_clicked"),
      optedOut,
    };
  });
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

type Kpis = Pick<PeriodFigures, "responseRate" | "appointmentRate" | "showRate" | "closeRate" | "averageTemperature" | "optOutRate" | "speedToLeadP50Minutes" | "speedToLeadP90Minutes" | "handoffAcceptanceP50Minutes" | "handoffAcceptanceP90Minutes">;

function kpisOf(facts: LeadFacts[]): Kpis & { booked: number; showed: number; noShow: number; won: number; lost: number; wonValueCents: number; textedLeads: number; optedOut: number } {
  const leads = facts.map((f) => f.lead);
  const booked = leads.filter((l) => l.appointmentAt).length;
  const showed = leads.filter((l) => l.visitOutcome === "showed").length;
  const noShow = leads.filter((l) => l.visitOutcome === "no_show").length;
  const won = leads.filter((l) => l.jobOutcome === "won").length;
  const lost = leads.filter((l) => l.jobOutcome === "lost").length;
  const texted = facts.filter((f) => f.texted);
  const speeds = facts.map((f) => f.speedMinutes).filter((m): m is number => m != null);
  const accepts = facts.map((f) => f.acceptMinutes).filter((m): m is number => m != null);
  const optedOut = texted.filter((f) => f.optedOut).length;
  return {
    booked,
    showed,
    noShow,
    won,
    lost,
    wonValueCents: leads.reduce((sum, l) => sum + (l.jobOutcome === "won" ? (l.jobValueCents ?? 0) : 0), 0),
    textedLeads: texted.length,
    optedOut,
    responseRate: ratio(texted.filter((f) => f.replied).length, texted.length),
    appointmentRate: ratio(booked, leads.length),
    showRate: ratio(showed, showed + noShow),
    closeRate: ratio(won, booked),
    averageTemperature: leads.length ? round1(leads.reduce((s, l) => s + l.temperature, 0) / leads.length) : null,
    optOutRate: ratio(optedOut, texted.length),
    speedToLeadP50Minutes: round1(percentile(speeds, 50)),
    speedToLeadP90Minutes: round1(percentile(speeds, 90)),
    handoffAcceptanceP50Minutes: round1(percentile(accepts, 50)),
    handoffAcceptanceP90Minutes: round1(percentile(accepts, 90)),
  };
}

/** The figures of one period. */
export function periodFigures(rows: PeriodRows, range: DateRange): PeriodFigures {
  const outcomes = rows.calls.map(callOutcome);
  const facts = leadFacts(rows, range);
  const textedBack = facts.filter((f) => f.textedBack);
  return {
    calls: rows.calls.length,
    answeredByPlumber: outcomes.filter((o) => o === "answered").length,
    missedCalls: outcomes.filter((o) => o !== "answered").length,
    aiRescuedCalls: outcomes.filter((o) => o === "booked" || o === "rescued").length,
    textBacksSent: rows.messages.filter((m) => SENT(m) && m.purpose === "text_back").length,
    replies: textedBack.filter((f) => f.replied).length,
    bookingsAfterTextBack: textedBack.filter((f) => f.lead.appointmentAt).length,
    linkClicks: facts.filter((f) => f.clicked).length,
    leads: rows.leads.length,
    ...kpisOf(facts),
    handoffQaNoShare: noShare(rows.handoffReviews ?? []),
  };
}

export function sourceFigures(rows: PeriodRows, range: DateRange): SourceFigures[] {
  const facts = leadFacts(rows, range);
  const bySource = groupBy(facts, (f) => f.lead.source);
  return [...bySource.entries()]
    .map(([source, list]) => {
      const k = kpisOf(list);
      return {
        source: source as LeadSource,
        leads: list.length,
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
export function dailyCalls(calls: CallRow[], range: DateRange, timeZone: string): Report["daily"] {
  const days = new Map(daysOf(range).map((day) => [day, { day, answered: 0, booked: 0, rescued: 0, missed: 0 }]));
  for (const call of calls) days.get(localDate(call.startedAt, timeZone))![callOutcome(call)]++;
  return [...days.values()];
}

export function speedDistribution(rows: PeriodRows, range: DateRange): Report["speedToLead"] {
  const facts = leadFacts(rows, range);
  return SPEED_BUCKETS.map((b, i) => {
    const lower = i === 0 ? -Infinity : (SPEED_BUCKETS[i - 1]!.maxMinutes ?? Infinity);
    const count = b.maxMinutes === null ? facts.filter((f) => f.speedMinutes == null).length : facts.filter((f) => f.speedMinutes != null && f.speedMinutes >= lower && f.speedMinutes < b.maxMinutes).length;
    return { key: b.key, label: b.label, count };
  });
}

/** Open leads leaking right now: no owner, overdue, no next action, or not accepted past the SOP window. */
export function leakFigures(open: OpenLeadRow[], now: Date): Leaks {
  let unowned = 0;
  let overdue = 0;
  let noNextAction = 0;
  let unaccepted = 0;
  let total = 0;
  for (const l of open) {
    const window = (isUrgent(l) ? ESCALATION_MINUTES.urgent_unaccepted : ESCALATION_MINUTES.standard_unaccepted) * 60_000;
    const flags = [
      !l.ownerId,
      !!l.dueAt && l.dueAt < now,
      !l.nextAction?.trim(),
      !!l.ownerId && !l.acceptedAt && l.status !== "answered_by_plumber" && now.getTime() - l.createdAt.getTime() > window,
    ];
    if (flags[0]) unowned++;
    if (flags[1]) overdue++;
    if (flags[2]) noNextAction++;
    if (flags[3]) unaccepted++;
    if (flags.some(Boolean)) total++;
  }
  return { asOf: now.toISOString(), unowned, overdue, noNextAction, unacceptedPastWindow: unaccepted, total };
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

/** The ranked "script improvements": QA failures, and the steps where callers hung up or were asked again. */
export function scriptImprovements(rows: Pick<PeriodRows, "calls" | "qaReviews">): ScriptImprovement[] {
  const counts = new Map<string, ScriptImprovement>();
  const add = (kind: ScriptImprovement["kind"], key: string, label: string) => {
    const id = `${kind}:${key}`;
    const it = counts.get(id) ?? { kind, key, label, count: 0 };
    it.count++;
    counts.set(id, it);
  };
  for (const r of rows.qaReviews) {
    if ((r.reviewerVerdict ?? r.verdict) !== "fail") continue;
    const criteria = Array.isArray(r.criteria) ? r.criteria : [];
    const seen = new Set<string>();
    for (const c of criteria) {
      const criterion = c && typeof c === "object" && typeof (c as { criterion?: unknown }).criterion === "string" ? (c as { criterion: string }).criterion : null;
      if (criterion && !seen.has(criterion)) {
        seen.add(criterion);
        add("qa_failure", criterion, QA_CRITERION_LABEL[criterion] ?? `QA: ${criterion}`);
      }
    }
  }
  for (const call of rows.calls) {
    if (call.plumberAcceptedAt) continue;
    const s = readCallState(call.state);
    if (s.stage === "new") continue;
    if (call.endedAt && !s.outcome && s.stage !== "ended") add("hung_up", s.stage, `Callers hung up at ${stageLabel(s.stage)}`);
    let prev: string | null = null;
    for (const t of s.transcript) {
      if (t.speaker !== "agent") continue;
      if (t.stage === prev && t.stage !== "ended" && t.stage !== "new") add("re_asked", t.stage, `Callers were asked again at ${stageLabel(t.stage)}`);
      prev = t.stage;
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
}

export type ReportInput = {
  business: { name: string; timeZone: string };
  period: ReportPeriod;
  current: PeriodRows;
  previous: PeriodRows;
  open: OpenLeadRow[];
  now: Date;
  ownLeadsOnly: boolean;
};

export function computeReport(input: ReportInput): Report {
  const { period } = input;
  const current = periodFigures(input.current, period);
  const iso = (r: DateRange) => ({ start: r.start.toISOString(), end: r.end.toISOString(), firstDay: r.firstDay, lastDay: r.lastDay });
  return {
    business: input.business,
    period: { ...iso(period), kind: period.kind, label: period.label, previous: iso(period.previous) },
    ownLeadsOnly: input.ownLeadsOnly,
    current,
    previous: periodFigures(input.previous, period.previous),
    bySource: sourceFigures(input.current, period),
    daily: dailyCalls(input.current.calls, period, period.timeZone),
    funnel: [
      { stage: "calls", count: current.calls },
      { stage: "leads", count: current.leads },
      { stage: "booked", count: current.booked },
      { stage: "showed", count: current.showed },
      { stage: "won", count: current.won },
    ],
    speedToLead: speedDistribution(input.current, period),
    leaks: leakFigures(input.open, input.now),
    scriptImprovements: scriptImprovements(input.current),
  };
}
