// The follow-up rules as pure functions (unit-tested in rules.test.ts): what the temperature band
// does to the cadence, when a sequence stops and why, and whether an AI-written draft invents a
// price, a time or a promise the business never made, or carries a link or a phone number that is
// not the business's own.
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
  /**
   * The only links a text may carry: the business's own (its booking page, its request form). A
   * bare host allows any page of that site; a host with a path, that path and below.
   */
  links: string[];
  /** The only phone numbers a text may give: the business's own (its contact and tracking numbers). */
  phones: string[];
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

export type DraftProblem = { kind: "price" | "time" | "promise" | "link" | "phone"; text: string };

// A link in any form a reader could follow: with a scheme, "www.", a bare domain (with a path or
// not), an email address's domain, or a domain spelled out ("secure-pay dot com").
const URLISH =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/[^\s<>"')\]]+|(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?::\d+)?(?:\/[^\s<>"')\]]*)?)/giu;
const SPELLED_DOMAIN = /\b[\p{L}\p{N}-]+\s*(?:\(dot\)|\[dot\]|\sdot\s)\s*[a-z]{2,}\b/giu;
// Seven digits or more in one run, with the spaces, dots, dashes and parentheses numbers are written with.
const PHONE_RUN = /\+?\(?\d(?:[\s().-]*\d){6,}/g;
const lastTen = (digits: string) => digits.replace(/\D/g, "").slice(-10);

type AllowedLink = { host: string; path: string };
const hostOf = (h: string) =>
  h
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");

function parseLink(raw: string): AllowedLink | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    return { host: hostOf(url.hostname), path: url.pathname.replace(/\/+$/, "") };
  } catch {
    return null;
  }
}

/** The first link in `draft` that is not one of the business's own, or null. */
export function foreignLink(draft: string, allowed: readonly string[]): string | null {
  const own = allowed.map(parseLink).filter((l): l is AllowedLink => l !== null);
  for (const m of draft.matchAll(URLISH)) {
    const text = m[0].replace(/[.,;:!?]+$/, "");
    const link = parseLink(text);
    if (!link) return text;
    const ok = own.some(
      (o) =>
        o.host === link.host && (o.path === "" || link.path === o.path || link.path.startsWith(`${o.path}/`)),
    );
    if (!ok) return text;
  }
  const spelled = draft.match(SPELLED_DOMAIN);
  return spelled ? spelled[0] : null;
}

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
  const link = foreignLink(draft, facts.links);
  if (link) return { kind: "link", text: link };
  const phones = new Set(facts.phones.map(lastTen));
  for (const m of draft.matchAll(PHONE_RUN))
    if (!phones.has(lastTen(m[0]))) return { kind: "phone", text: m[0].trim() };
  return null;
}

export function refusalSentence(p: DraftProblem): string {
  if (p.kind === "link")
    return `The AI's draft carried a link ("${p.text}") that is not your booking link or your request form, so the template was used instead.`;
  if (p.kind === "phone")
    return `The AI's draft gave a phone number ("${p.text}") that is not yours, so the template was used instead.`;
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
