// The follow-up rules as pure functions (unit-tested in rules.test.ts): what the temperature band
// does to the cadence, when a sequence stops and why, and whether an AI-written draft invents a
// price, a time or a promise the business never made.
import { temperatureBand } from "@/server/leads/temperature";

// ── temperature drives the cadence ──

export type BandPlan =
  /** 90–100: a person now; no automatic texts. */
  | "human_now"
  /** 70–89: a staff task to book within 24 hours. */
  | "book_task"
  /** 50–69: the sequence as written. */
  | "as_written"
  /** 30–49: the same steps, spaced out twice as far. */
  | "extended"
  /** below 30: no contact; the lead is watched for a reply. */
  | "monitor";

export function bandPlan(temperature: number): BandPlan {
  switch (temperatureBand(temperature).key) {
    case "extremely_hot":
      return "human_now";
    case "hot":
      return "book_task";
    case "warm":
      return "as_written";
    case "cool":
      return "extended";
    default:
      return "monitor";
  }
}

/** The extended cadence (30–49) spaces steps twice as far apart. */
export const EXTENDED_FACTOR = 2;

/** When a step is due: its delay after the sequence started, doubled for a cool lead. */
export function stepDueAt(startedAt: Date, delayMinutes: number, plan: BandPlan): Date {
  const factor = plan === "extended" ? EXTENDED_FACTOR : 1;
  return new Date(startedAt.getTime() + delayMinutes * factor * 60_000);
}

// ── stop rules ──

export type StopReason =
  "replied" | "booked" | "opted_out" | "closed" | "accepted" | "worked_by_staff" | "turned_hot";

export const STOP_SENTENCES: Record<StopReason, string> = {
  replied: "the caller replied",
  booked: "the caller is booked",
  opted_out: "the caller opted out of texts",
  closed: "the lead was closed",
  accepted: "a team member accepted the lead",
  worked_by_staff: "a team member is working the lead",
  turned_hot: "the lead turned hot: a person takes it from here",
};

export type StopInput = {
  status: string;
  appointmentAt: Date | null;
  acceptedAt: Date | null;
  touchpoints: number;
  lastReplyAt: Date | null;
  temperature: number;
};

/** What the lead looked like when its sequence started: later changes are what stop it. */
export type Baseline = { touchpoints?: number; appointmentAt?: string | null; acceptedAt?: string | null };

export function baselineOf(lead: Pick<StopInput, "touchpoints" | "appointmentAt" | "acceptedAt">): Baseline {
  return {
    touchpoints: lead.touchpoints,
    appointmentAt: lead.appointmentAt?.toISOString() ?? null,
    acceptedAt: lead.acceptedAt?.toISOString() ?? null,
  };
}

/**
 * Why the sequence must stop now, or null. Every rule looks at what changed since it started, so
 * the no-show and estimate sequences (started on leads people already work) run until something
 * new happens: a reply, a (new) booking, an opt-out, a close, an acceptance or a logged contact,
 * or the lead turning hot (70+).
 */
export function stopReasonOf(
  lead: StopInput,
  startedAt: Date,
  baseline: Baseline,
  optedOut: boolean,
): StopReason | null {
  if (lead.status === "closed") return "closed";
  if (optedOut) return "opted_out";
  if (lead.lastReplyAt && lead.lastReplyAt.getTime() >= startedAt.getTime()) return "replied";
  if (
    lead.status === "booked" &&
    lead.appointmentAt &&
    lead.appointmentAt.toISOString() !== (baseline.appointmentAt ?? null)
  )
    return "booked";
  if (lead.acceptedAt && lead.acceptedAt.toISOString() !== (baseline.acceptedAt ?? null)) return "accepted";
  if (lead.status === "answered_by_plumber" || lead.touchpoints > (baseline.touchpoints ?? 0))
    return "worked_by_staff";
  if (lead.temperature >= 70) return "turned_hot";
  return null;
}

// ── nothing invented ──

export type GroundingFacts = {
  /** Everything the business has written that a text may repeat: the price answer, services, the phone. */
  settingsText: string;
  /** The real upcoming booking slots, as labels ("tomorrow at 9 AM", "Thursday, March 5 at 1 PM"). */
  slotLabels: string[];
  /** The lead's own words (its problem, name). */
  leadText: string;
};

const PRICE = /\$\s?\d+(?:,\d{3})*(?:\.\d{1,2})?|\b\d+(?:,\d{3})*(?:\.\d{1,2})?\s?(?:dollars?|bucks|usd)\b/gi;
const CLOCK = /\b\d{1,2}(?::\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2}:\d{2}\b/gi;
const DAY_WORDS =
  /\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|within \d+ (?:minutes?|hours?|days?)|in \d+ (?:minutes?|hours?))\b/gi;
const PROMISES =
  /\b(?:guarantee[ds]?|free|discount(?:ed)?|percent off|no charge|waive[ds]?|warranty|same[- ]day|24\/7|lowest price|best price|price match|on time or)\b|\d+\s?%/gi;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\s?([ap])\.?m\.?/g, " $1m")
    .trim();

export type DraftProblem = { kind: "price" | "time" | "promise"; text: string };

/** The first price, time or promise in `draft` that the business's own facts do not contain, or null. */
export function inventedDetail(draft: string, facts: GroundingFacts): DraftProblem | null {
  const allowedForPrice = norm(facts.settingsText);
  const allowedForTime = norm([...facts.slotLabels, facts.settingsText].join(" | "));
  const allowedForPromise = norm([facts.settingsText, facts.leadText].join(" | "));
  for (const m of draft.matchAll(PRICE))
    if (!allowedForPrice.includes(norm(m[0]))) return { kind: "price", text: m[0].trim() };
  for (const m of draft.matchAll(CLOCK))
    if (!allowedForTime.includes(norm(m[0]))) return { kind: "time", text: m[0].trim() };
  for (const m of draft.matchAll(DAY_WORDS))
    if (!allowedForTime.includes(norm(m[0]))) return { kind: "time", text: m[0].trim() };
  for (const m of draft.matchAll(PROMISES))
    if (!allowedForPromise.includes(norm(m[0]))) return { kind: "promise", text: m[0].trim() };
  return null;
}

export function refusalSentence(p: DraftProblem): string {
  const what = p.kind === "price" ? "a price" : p.kind === "time" ? "a time" : "a promise";
  return `The AI's draft named ${what} ("${p.text}") that is not in your settings or your booking times, so the template was used instead.`;
}

// ── templates ──

export type TemplateVars = {
  name: string | null;
  business: string;
  problem: string | null;
  slot: string | null;
  phone: string | null;
};

/** Fills {name}, {business}, {problem}, {slot}, {phone}; a missing value gets a plain stand-in. */
export function fillTemplate(template: string, v: TemplateVars): string {
  const values: Record<string, string> = {
    name: v.name?.split(/\s+/)[0] || "there",
    business: v.business,
    problem: v.problem?.trim()
      ? v.problem
          .trim()
          .replace(/[.!?]+$/, "")
          .toLowerCase()
      : "your plumbing",
    slot: v.slot ?? "at a time that suits you",
    phone: v.phone ?? "this number",
  };
  // An email's paragraphs keep their line breaks; everything else is one line.
  return template
    .replace(/\{(name|business|problem|slot|phone)\}/g, (_, k: string) => values[k]!)
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Sources whose leads must have said yes to texts (a checkbox, a marketplace's terms) before an automatic text. */
export const OPT_IN_SOURCES = ["web_form", "marketplace"];
