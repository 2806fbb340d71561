// One-sentence answers to what callers ask mid-intake — price, "are you a robot", "can someone
// come today", hours, services — built only from the business's settings and its real booking
// slots, so the agent never invents a price, a time or a service.
import { TZDate } from "@date-fns/tz";
import type { CallerQuestion } from "@/server/intake/extraction";
import type { OfferedSlot } from "@/server/voice/booking-slots";
import { slotWindow } from "@/server/voice/scripts";

export type CallerAnswerSettings = {
  /** What the agent says when asked about price; never a number the owner did not write. */
  priceAnswer?: string | null;
  servicesOffered?: readonly string[];
  servicesNotOffered?: readonly string[];
  /** Licensed and insured? */
  licenseAnswer?: string | null;
  /** Trip fee, service call charge, free estimates? */
  estimateAnswer?: string | null;
  /** Cards, checks, financing? */
  paymentAnswer?: string | null;
  /** Guarantee on the work and the parts? */
  warrantyAnswer?: string | null;
  /** Which brands the business installs and services? */
  brandsAnswer?: string | null;
};

/**
 * Said when the settings have no answer to what the caller asked: the question is noted on the
 * lead for the plumber, never guessed at.
 */
export const QUESTION_NOTED = "Good question. I'll note it so the plumber can answer that when they call.";
/** One wording for every noted question, a service the settings do not list included. */
const SERVICE_NOTED = QUESTION_NOTED;

/**
 * Is the question noted on the lead for the plumber? Always when the settings hold no answer of
 * its own; a trip-fee question answered with the general price wording is noted too, so the
 * plumber confirms the fee.
 */
export function questionIsNoted(
  question: CallerQuestion,
  answer: string,
  settings: CallerAnswerSettings = {},
): boolean {
  return (
    answer === QUESTION_NOTED ||
    answer.endsWith(SPECIAL_TIME_NOTED) ||
    (question === "estimate" && !settings.estimateAnswer?.trim())
  );
}

/** Said after the settings' own answer when the caller asked about a holiday or after-hours time. */
const SPECIAL_TIME_NOTED = "I'll note your question so the office can answer it.";
const HOLIDAY =
  /\b(christmas|xmas|new year'?s|thanksgiving|easter|holidays?|fourth of july|july (4th|fourth)|memorial day|labor day)\b/;
const AFTER_HOURS =
  /\b(after[- ]hours?|evenings?|at night|nights|weekends?|overtime|emergency (rates?|fees?|prices?|charges?))\b/;

/**
 * A holiday ("are y'all open on Christmas Eve?") or after hours ("what do you charge for after
 * hours?"): times the weekly hours and the price wording do not speak to. Null otherwise.
 */
export function specialTimeAsked(said: string): "holiday" | "after hours" | null {
  const lower = said.toLowerCase();
  return HOLIDAY.test(lower) ? "holiday" : AFTER_HOURS.test(lower) ? "after hours" : null;
}

/** Said when the owner has not written a price answer: true of every business, and no number. */
export const DEFAULT_PRICE_ANSWER = "The plumber will give you the price on site, before any work starts.";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const FILLER = new Set(
  "a an the any your you do does guys y'all all kind kinds of sort work works job jobs stuff things thing service services and or with for on in to my our leaky leaking broken new old clogged".split(
    " ",
  ),
);

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${m ? `:${String(m).padStart(2, "0")}` : ""} ${h < 12 ? "AM" : "PM"}`;
}

/**
 * When a routine callback will come, as the agent promises it: "shortly" while the office is open
 * (or when its hours are not set), else when it next opens — "when the office opens at 8 AM" (later
 * today), "when the office opens tomorrow at 8 AM", "when the office opens on Monday at 8 AM". A
 * caller at 9 PM is never told "shortly" for a call that comes the next morning.
 */
export function callbackWhen(
  now: Date | string,
  timeZone: string,
  hours: readonly { weekday: number; openMinute: number; closeMinute: number }[],
): string {
  if (!hours.length) return "shortly";
  const local = new TZDate(new Date(now).getTime(), timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const today = hours.find((h) => h.weekday === local.getDay());
  if (today && minute >= today.openMinute && minute < today.closeMinute) return "shortly";
  if (today && minute < today.openMinute) return `when the office opens at ${clock(today.openMinute)}`;
  for (let ahead = 1; ahead <= 7; ahead++) {
    const weekday = (local.getDay() + ahead) % 7;
    const day = hours.find((h) => h.weekday === weekday);
    if (!day) continue;
    return `when the office opens ${ahead === 1 ? "tomorrow" : `on ${WEEKDAYS[weekday]}`} at ${clock(day.openMinute)}`;
  }
  return "shortly";
}

/** "Monday to Friday, 8 AM to 5 PM, and Saturday, 9 AM to 12 PM" from the weekly hours. */
export function describeHours(
  hours: readonly { weekday: number; openMinute: number; closeMinute: number }[],
): string | null {
  const days = [...hours].sort((a, b) => ((a.weekday + 6) % 7) - ((b.weekday + 6) % 7));
  const groups: { from: number; to: number; open: number; close: number }[] = [];
  for (const d of days) {
    const g = groups[groups.length - 1];
    if (g && g.open === d.openMinute && g.close === d.closeMinute && (g.to + 1) % 7 === d.weekday)
      g.to = d.weekday;
    else groups.push({ from: d.weekday, to: d.weekday, open: d.openMinute, close: d.closeMinute });
  }
  if (!groups.length) return null;
  const parts = groups.map(
    (g) =>
      `${g.from === g.to ? WEEKDAYS[g.from] : `${WEEKDAYS[g.from]} to ${WEEKDAYS[g.to]}`}, ${clock(g.open)} to ${clock(g.close)}`,
  );
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join("; ")}, and ${parts[parts.length - 1]}`;
}

const stem = (w: string) =>
  w.endsWith("ies")
    ? `${w.slice(0, -3)}y`
    : w.length > 3 && w.endsWith("s") && !w.endsWith("ss")
      ? w.slice(0, -1)
      : w;
const tokens = (text: string) =>
  (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((w) => !FILLER.has(w))
    .map(stem)
    .filter((w) => w.length >= 3);

/** What callers call a service, in the words the settings use for it ("tankless" is a water heater). */
const SERVICE_SYNONYMS: ReadonlyArray<[RegExp, string]> = [
  [/\btankless\b|\bhot water (heater|tank)s?\b/, "water heaters"],
  [/\bcommodes?\b/, "toilets"],
];

/** The settings entry the caller asked about: the one sharing the most words with the question. */
/** First words that say what a thing carries, not what it is: "water softeners" are not Water heaters. */
const MATERIAL_WORDS = new Set(["water", "hot", "gas", "air"]);

export function matchService(asked: string, list: readonly string[]): string | null {
  const synonym = SERVICE_SYNONYMS.find(([re]) => re.test(asked.toLowerCase()))?.[1];
  const words = tokens(synonym ?? asked);
  if (!words.length) return null;
  // The entry the question names: all its words in the entry, or the entry's in the question
  // or the same first word ("septic tanks" is Septic systems; "gas lines" is Gas lines, not Sewer
  // lines; "pool heaters" is not Water heaters) unless that word only says what the thing carries
  // ("water softeners" is not Water heaters).
  const scored = list
    .map((item) => ({ item, t: tokens(item) }))
    .filter(
      ({ t }) =>
        words.every((w) => t.includes(w)) ||
        (t.length > 0 && t.every((w) => words.includes(w))) ||
        (words.length === 1 && t.includes(words[0]!)) ||
        (t[0] === words[0] && !MATERIAL_WORDS.has(t[0]!)),
    )
    .map(({ item, t }) => ({ item, score: t.filter((w) => words.includes(w)).length }))
    .sort((a, b) => b.score - a.score);
  return scored[0]?.item ?? null;
}

/** "How soon can somebody get out here?", "What times do you have?", "How long till somebody calls?" */
const WHEN_SOMEONE_COMES =
  /\b(how soon|how quick(ly)?|what times?|which times?|what (days?|openings?|availability)|how long (till|until|before|til|'?til)|when (can|could|will|would) (you|y'?all|someone|somebody|anyone|anybody|a plumber|the plumber|they|he|she|i get)|when('?s| is) (the )?(next|earliest|first)|(earliest|first|next) (available|opening|appointment|time)|(can|could|would|will) (you|y'?all|someone|somebody|anyone|anybody|a plumber|the plumber)( \w+){0,2} (come|get (here|out|over)|be (here|out|over)|make it|stop by|swing by)\b.*\b(tomorrow|this week|next week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|soon))\b/;

/** Does the caller ask when someone can come (or call)? Answered from the real slots, never guessed. */
export function asksWhenSomeoneComes(said: string): boolean {
  return WHEN_SOMEONE_COMES.test(said.toLowerCase().replace(/[’‘]/g, "'"));
}

/** "What days do you have?", "read me all the times", "what else is there?": every time wanted, not one. */
const ASKS_FOR_THE_TIMES =
  /\b(?:(?:what|which) (?:other )?(?:days?|times?|openings?|options?|slots?|windows?)\b|(?:read|tell|give|list|say) me (?:(?:all|what|the|your|of) )*(?:times?|openings?|options?|days?|slots?|windows?|availability|you(?:'ve)? (?:have|got))\b|what (?:are|r) (?:my|the|your) (?:options|choices)\b|what else (?:do you|do y'?all|have you|you|y'?all) (?:have|got)\b|what else is (?:there|open|available)\b|(?:any|some) other (?:days?|times?|openings?|options?)\b|all (?:the|your) (?:times?|openings?|options?|days?)\b|what do (?:you|y'?all) have\b)/;

/** Does the caller ask to hear the times there are (at the time question: all of them are read)? */
export function asksForTheTimes(said: string): boolean {
  return ASKS_FOR_THE_TIMES.test(said.toLowerCase().replace(/[’‘]/g, "'"));
}

/** The earliest real opening, in one sentence. */
export function answerWhenSomeoneComes(slots: readonly OfferedSlot[]): string {
  const first = slots[0];
  if (!first)
    return "I don't have an opening I can book right now, but someone from the office will call you back about timing.";
  return `The earliest opening I have is ${slotWindow(first)}.`;
}

const DAY_WORDS: ReadonlyArray<[RegExp, number[]]> = [
  [/\bsundays?\b/, [0]],
  [/\bmondays?\b/, [1]],
  [/\btuesdays?\b/, [2]],
  [/\bwednesdays?\b/, [3]],
  [/\bthursdays?\b/, [4]],
  [/\bfridays?\b/, [5]],
  [/\bsaturdays?\b/, [6]],
  [/\bweekends?\b/, [6, 0]],
];

/** The weekdays a caller asks about ("do you work Saturdays?", "open weekends?"), 0 = Sunday. */
export function weekdaysAsked(said: string): number[] {
  const lower = said.toLowerCase();
  return [...new Set(DAY_WORDS.flatMap(([re, days]) => (re.test(lower) ? days : [])))];
}

export type AnswerFacts = {
  businessName: string;
  serviceAsked: string | null;
  /** The real bookable times, earliest first. */
  slots: readonly OfferedSlot[];
  hours: readonly { weekday: number; openMinute: number; closeMinute: number }[];
  /** The weekdays the caller asked about, if any (0 = Sunday). */
  daysAsked?: readonly number[];
  /** A holiday or an after-hours time asked about (`specialTimeAsked`): answered, then noted. */
  specialTime?: "holiday" | "after hours" | null;
  settings?: CallerAnswerSettings;
};

export function answerQuestion(question: CallerQuestion, facts: AnswerFacts): string {
  const settings = facts.settings ?? {};
  switch (question) {
    case "price": {
      const price = settings.priceAnswer?.trim() || DEFAULT_PRICE_ANSWER;
      return facts.specialTime ? `${price} ${SPECIAL_TIME_NOTED}` : price;
    }
    case "robot":
      return `Yes, I'm ${facts.businessName}'s virtual assistant, not a person, but I can take your details and get a plumber booked for you.`;
    case "today": {
      const first = facts.slots[0];
      if (!first)
        return "I don't have an opening I can book right now, but someone from the office will call you back about timing.";
      if (first.relativeDay === "today") return `Yes, the earliest opening is ${slotWindow(first)}.`;
      return `I don't have an opening today. The earliest is ${slotWindow(first)}.`;
    }
    case "hours": {
      const hours = describeHours(facts.hours);
      if (!hours)
        return "I don't have the office hours in front of me, but I can take your details right now.";
      // "Are y'all open on Christmas Eve?": the weekly hours say nothing about a holiday.
      if (facts.specialTime === "holiday")
        return `I don't have the holiday hours in front of me. The office is normally open ${hours}. ${SPECIAL_TIME_NOTED}`;
      // "Do you work Saturdays?": those days first, from the same hours.
      const asked = facts.daysAsked ?? [];
      const open = facts.hours.filter((h) => asked.includes(h.weekday));
      if (asked.length && open.length === 0)
        return `We're closed on ${asked.map((d) => `${WEEKDAYS[d]}s`).join(" and ")}. The office is open ${hours}.`;
      if (asked.length && open.length === asked.length)
        return `Yes, the office is open ${describeHours(open)}.`;
      return `The office is open ${hours}.`;
    }
    case "services": {
      const asked = facts.serviceAsked ?? "";
      const no = matchService(asked, settings.servicesNotOffered ?? []);
      if (no) return `I'm sorry, we don't do ${no.toLowerCase()}.`;
      const yes = matchService(asked, settings.servicesOffered ?? []);
      if (yes) return `Yes, we do ${yes.toLowerCase()}.`;
      const list = settings.servicesOffered ?? [];
      if (!asked && list.length)
        return `We do ${list
          .slice(0, 5)
          .map((s) => s.toLowerCase())
          .join(", ")}.`;
      return SERVICE_NOTED;
    }
    case "licensed":
      return settings.licenseAnswer?.trim() || QUESTION_NOTED;
    case "estimate":
      return settings.estimateAnswer?.trim() || settings.priceAnswer?.trim() || QUESTION_NOTED;
    case "payment":
      return settings.paymentAnswer?.trim() || QUESTION_NOTED;
    case "warranty":
      return settings.warrantyAnswer?.trim() || QUESTION_NOTED;
    case "brands":
      return settings.brandsAnswer?.trim() || QUESTION_NOTED;
    case "other":
      return QUESTION_NOTED;
  }
}
