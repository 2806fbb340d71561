// The weekly handoff QA, pure parts: the week to sample, which handoffs to pick, and the share of
// "no" answers to the five questions (handoff-questions.ts). Every question is asked so that "no"
// marks a problem (the owner waited too long → "Was the wait reasonable?" no).
import { TZDate } from "@date-fns/tz";
import { createHash } from "node:crypto";
import { HANDOFF_QUESTIONS, type HandoffAnswers } from "./handoff-questions";

export const HANDOFF_KINDS = ["accepted", "rejected", "escalated"] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

/** At least this many handoffs per business and week, when the week had that many. */
export const WEEKLY_SAMPLE_SIZE = 6;

/** The event types that make a lead a handoff of the week, and what kind. */
export const HANDOFF_EVENT_KIND: Record<string, HandoffKind> = {
  "handoff.accepted": "accepted",
  "handoff.rejected": "rejected",
  "lead.escalated": "escalated",
};

const ymd = (d: TZDate) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The previous local week (Monday–Sunday) for "now" in the business's zone: its Monday and bounds. */
export function previousWeek(now: Date, timeZone: string): { weekOf: string; start: Date; end: Date } {
  const local = new TZDate(now.getTime(), timeZone);
  const sinceMonday = (local.getDay() + 6) % 7;
  const monday = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - sinceMonday - 7,
    0,
    0,
    0,
    0,
    timeZone,
  );
  const next = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - sinceMonday,
    0,
    0,
    0,
    0,
    timeZone,
  );
  return { weekOf: ymd(monday), start: new Date(monday.getTime()), end: new Date(next.getTime()) };
}

/** Monday from 6:00 local time on: the weekly sample is due. */
export function isHandoffSamplingTime(now: Date, timeZone: string): boolean {
  const local = new TZDate(now.getTime(), timeZone);
  return local.getDay() === 1 && local.getHours() >= 6;
}

export type HandoffCandidate = { leadId: string; kind: HandoffKind };

/**
 * The sample: each kind first (up to two each), then the rest, up to the sample size. The order
 * is a hash of lead and week, so two workers sampling the same week pick the same leads.
 */
export function pickHandoffSample(
  candidates: readonly HandoffCandidate[],
  weekOf: string,
  size = WEEKLY_SAMPLE_SIZE,
): HandoffCandidate[] {
  const byLead = new Map<string, HandoffCandidate>();
  // A lead escalated and then accepted counts once, as its most telling kind.
  const rank: Record<HandoffKind, number> = { escalated: 0, rejected: 1, accepted: 2 };
  for (const c of candidates) {
    const had = byLead.get(c.leadId);
    if (!had || rank[c.kind] < rank[had.kind]) byLead.set(c.leadId, c);
  }
  const order = (c: HandoffCandidate) => createHash("sha256").update(`${weekOf}:${c.leadId}`).digest("hex");
  const shuffled = [...byLead.values()].sort((a, b) => order(a).localeCompare(order(b)));
  const picked: HandoffCandidate[] = [];
  for (const kind of HANDOFF_KINDS) picked.push(...shuffled.filter((c) => c.kind === kind).slice(0, 2));
  for (const c of shuffled) {
    if (picked.length >= size) break;
    if (!picked.includes(c)) picked.push(c);
  }
  return picked.slice(0, Math.max(size, 0));
}

/** Share of "no" among the answered questions; null when nothing is answered yet. */
export function noShare(reviews: readonly Partial<HandoffAnswers>[]): number | null {
  let answered = 0;
  let no = 0;
  for (const r of reviews) {
    for (const q of HANDOFF_QUESTIONS) {
      const a = r[q.key];
      if (a == null) continue;
      answered++;
      if (a === false) no++;
    }
  }
  return answered ? no / answered : null;
}
