// The deterministic rules that read one caller utterance: ZIP digits, emergency and urgency
// keywords, name / address patterns, booking intent and slot choice. Offline, exact, testable;
// the rules model serves them through the AI SDK and every real model falls back to them.
import { findZip } from "@/server/intake/spoken-numbers";
import { EMPTY_EXTRACTION, type EmergencyKind, type Extraction, type ExtractInput, type BookingIntent, type SlotView, type Urgency } from "@/server/intake/extraction";

const EMERGENCY_PATTERNS: Array<[EmergencyKind, RegExp]> = [
  ["gas_smell", /\b(smell(s|ing|ed)? (of |like )?(natural )?gas|gas (smell|odou?r|leak)|leaking gas|rotten eggs?)\b/],
  ["sewage_backup", /\b(sewage|sewer (line )?(is |has )?(back(ed|ing)? ?up|overflowing|coming up)|sewer backup)\b/],
  ["burst_pipe", /\b((burst|busted|broken|broke|split|cracked|ruptured|exploded) (water |main |supply )?(pipes?|lines?|mains?)|pipes? (has |have |just )?(burst|broke|busted|split|exploded|ruptured)|water main break)\b/],
  ["flooding", /\b(flood(s|ing|ed)?|water (is )?(everywhere|pouring|gushing|spraying|coming through the ceiling))\b/],
  ["other_safety_risk", /\b(carbon monoxide|(ceiling|floor) (is )?(collaps|caving|sagging)\w*|water (near|in|on|into) (the )?(electrical|outlets?|breakers?|panel|wires|wiring)|sparking|sparks)\b/],
];
const NO_WATER = /\b(no (running )?water|water (is |has been |got )?(off|out|shut off|cut off)|(don'?t|do not) have (any )?water|without (any )?water|lost (our |my |the )?water)\b/;
const VULNERABLE = /\b(bab(y|ies)|infants?|newborns?|toddlers?|elderly|seniors?|grand(ma|pa|mother|father|parents?)|disabled|disabilit\w+|medical|medications?|dialysis|oxygen|pregnant|hospice|wheelchair|bedridden|sick)\b/;
const NEGATED_BEFORE = /\b(no|not|isn'?t|aren'?t|wasn'?t|never|without|don'?t|doesn'?t|didn'?t)\s+(\w+\s+)?$/;

const WANTS_HUMAN = [
  /\b(talk|speak|speaking|talking|put me through|transfer me|connect me)( to| with)?\s+(a |an |the |some |your )?(real |live |actual )?(human|person|people|someone|somebody|plumber|owner|manager|representative|rep|operator|agent|technician|tech)\b/,
  /\b(real|live|actual) (person|human)\b/,
  /\b(a human|representative|operator)\b/,
];

const LOW_EXPLICIT = /\b(no rush|no hurry|not (urgent|an emergency|a big deal|in a hurry)|whenever (you|is|it'?s)|at your convenience)\b/;
const HIGH = /\b(leak(s|ing|y|ed)?|no (hot )?water|overflow(s|ing|ed)?|back(ed|ing)? ?up|won'?t (stop running|flush|drain)|frozen|(water heater|heater) (is )?(out|broken|leaking|not working|went out|died)|sewer (smell|gas))\b/;
const LOW = /\b(estimate|quote|bid|remodel\w*|renovat\w*|upgrade|planning|thinking about|sometime|next (week|month)|install(ing|ation)? (a |an )?new)\b/;

const PLUMBING = /\b(leak\w*|pipes?|drains?|clog\w*|toilets?|sinks?|faucets?|water|heater|sewer|sewage|shower|tub|bath\w*|disposal|sump|pump|valve|hose|spigot|gas|flood\w*|backed|backing|running|drip\w*|pressure|install\w*|replac\w*|repair\w*|estimate|quote|remodel\w*|kitchen|meter|softener|filter|frozen|burst|smell\w*|noise|septic|plumb\w*|fixture|garbage|dishwasher|washer|tank|flush\w*|overflow\w*)\b/;
const CONFUSED = /\b(repeat that|say that again|what did you say|didn'?t (catch|hear) (that|you)|pardon|come again|who is this|what is this)\b/;
const FILLER_START = /^(hi|hello|hey|yeah|yes|yep|um+|uh+|er+|so|well|okay|ok|oh|sure)\b[,.!]?\s*/i;

const DECLINED = /\b(rather not|prefer not|don'?t want to (say|give|tell|share)|not (going to|gonna) (say|give|tell|share)|no thanks|skip (it|that)|none of your business|not comfortable|don'?t feel comfortable)\b/;
const BARE_NO = /^(no|nope|nah|no thanks?|no thank you)[.!]?$/;

const NAME_STOP = new Set(
  ("and i my me calling from with here the a an not sure just so yes no yeah yep okay ok well about at in on for to is was that this it its it's " +
    "good fine great looking having trying going speaking thanks thank you please hi hello hey sorry what why who how um uh er actually really " +
    "very still home outside inside leaking leak water plumber problem calling wondering worried afraid busy there gonna going done ready " +
    "one two three four five six seven eight nine ten zero oh but because if when rather prefer don't dont skip none nobody anonymous")
    .split(" "),
);

const STREET_SUFFIX =
  "(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|way|place|pl|circle|cir|parkway|pkwy|trail|trl|terrace|ter|highway|hwy|loop|run|path|pike|square|sq|crossing|cove|cv|bend|ridge|row|alley|point|pt)";
const ADDRESS_WITH_SUFFIX = new RegExp(
  `\\b(\\d{1,6}[a-z]?)\\s+((?:[a-z0-9'.-]+\\s+){0,4}?${STREET_SUFFIX})\\b\\.?((?:\\s*,?\\s*(?:apartment|apt|unit|suite|ste)\\.?\\s*#?\\s*[a-z0-9-]+|\\s*,?\\s*#\\s*[a-z0-9-]+))?`,
  "i",
);
const ADDRESS_BARE = /\b(\d{1,6})\s+([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,3})/i;
const NOT_STREET_WORD = /^(am|pm|a\.m\.|p\.m\.|minutes?|hours?|years?|o'?clock|days?|weeks?|months?|times?|dollars?|bucks|percent|feet|foot|inches|gallons?|people|kids)$/i;
const ADDRESS_STOP_WORD = /^(and|but|so|please|thanks|thank|in|near|by|across|off|which|that|where|is|it's|its)$/i;

const CALLBACK = /\b(call (me )?back|callback|call me|give me a (call|ring)|have (someone|somebody|him|her|them|the plumber|a plumber) call|phone me)\b/;
const VISIT_STRONG = /\b(book|schedule|come (out|over|by)|send (someone|somebody|a plumber|a tech\w*|him|her|them)|visit|appointment)\b/;
const NO_INTENT = /\b(no(?! problem)|nope|nah|not (right )?now|not today|i'?m (good|fine|okay)|never ?mind|that'?s (all|it)|don'?t (need|want))\b/;
const VISIT_WEAK = /\b(yes|yeah|yep|yup|sure|ok(ay)?|please|go ahead|sounds good|let'?s do (it|that)|absolutely|definitely)\b/;

const SLOT_ORDINALS: Array<[RegExp, (count: number) => number]> = [
  [/\b(first|1st|number one|option one|earliest|earlier|sooner|soonest)\b/, () => 0],
  [/\b(second|2nd|number two|option two)\b/, () => 1],
  [/\b(third|3rd|number three|option three)\b/, () => 2],
  [/\b(last|latest|later)( one)?\b/, (count) => count - 1],
];
const SLOT_YES = /\b(yes|yeah|yep|sure|ok(ay)?|that works|works for me|sounds good|perfect|great)\b/;
const SLOT_NO = /\b(neither|none|no|nope|not (those|either|any)|don'?t work|doesn'?t work|can'?t (do|make)|something else|another (time|day)|different (time|day))\b/;
const DAY_WORDS: Array<[RegExp, string]> = [
  [/\btoday\b/, "today"],
  [/\btomorrow\b/, "tomorrow"],
  [/\bsun(day)?\b/, "sunday"],
  [/\bmon(day)?\b/, "monday"],
  [/\btue(s|sday)?\b/, "tuesday"],
  [/\bwed(nesday)?\b/, "wednesday"],
  [/\bthu(r|rs|rsday)?\b/, "thursday"],
  [/\bfri(day)?\b/, "friday"],
  [/\bsat(urday)?\b/, "saturday"],
];
const HOUR_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, noon: 12 };

/** Emergency or safety risk in the caller's words, unless they said it is not happening. */
export function detectEmergency(lower: string): EmergencyKind | null {
  for (const [kind, re] of EMERGENCY_PATTERNS) {
    for (const m of lower.matchAll(new RegExp(re.source, "g"))) {
      if (!NEGATED_BEFORE.test(lower.slice(Math.max(0, m.index - 25), m.index))) return kind;
    }
  }
  if (NO_WATER.test(lower) && VULNERABLE.test(lower)) return "no_water_vulnerable";
  return null;
}

export function detectWantsHuman(lower: string): boolean {
  return WANTS_HUMAN.some((re) => re.test(lower));
}

export function urgencyOf(lower: string): Urgency {
  if (detectEmergency(lower)) return "emergency";
  if (LOW_EXPLICIT.test(lower)) return "low";
  if (HIGH.test(lower)) return "high";
  if (LOW.test(lower)) return "low";
  return "normal";
}

function stripFillers(text: string): string {
  let s = text.trim().replace(/\s+/g, " ");
  for (let m = FILLER_START.exec(s); m && m[0].length > 0; m = FILLER_START.exec(s)) s = s.slice(m[0].length);
  return s;
}

/** The caller's own description of the problem, lightly trimmed; null when it is not one. */
export function summarizeIssue(text: string): string | null {
  let s = stripFillers(text).replace(/^(this is|my name is|my name's)\s+[a-z'-]+(\s+[a-z'-]+)?\s*(,|\.|and)\s*/i, "");
  s = s.replace(/[\s.,!?]+$/, "");
  if (!s) return null;
  const lower = s.toLowerCase();
  if (CONFUSED.test(lower)) return null;
  const words = s.split(" ").filter((w) => /[a-z]/i.test(w));
  if (!PLUMBING.test(lower) && words.length < 5) return null;
  if (s.length > 200) s = `${s.slice(0, 200).replace(/\s+\S*$/, "")}…`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|['-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function nameFrom(tokens: string[]): string | null {
  const picked: string[] = [];
  for (const t of tokens) {
    if (NAME_STOP.has(t.toLowerCase()) || !/^[a-z][a-z'-]*$/i.test(t)) break;
    picked.push(titleCase(t));
    if (picked.length === 3) break;
  }
  return picked.length ? picked.join(" ") : null;
}

const STRONG_NAME_CUE = /\b(?:my name is|my name's|name is|name's|this is|you can call me|call me)\s+(.*)$/i;
const WEAK_NAME_CUE = /\b(?:it's|it is|i'm|i am)\s+(.*)$/i;

/** A name the caller said. Outside the name question only an explicit "my name is" counts. */
export function nameOf(text: string, askedForName: boolean): string | null {
  const clean = text.replace(/\b(uh+|um+|er+|hmm+)\b,?\s*/gi, "").replace(/[.,!?;]/g, " ").replace(/\s+/g, " ").trim();
  const strong = STRONG_NAME_CUE.exec(clean);
  if (strong) return nameFrom(strong[1]!.split(" "));
  if (!askedForName) return null;
  const weak = WEAK_NAME_CUE.exec(clean);
  if (weak) return nameFrom(weak[1]!.split(" "));
  const bare = stripFillers(clean).replace(/\s+(here|speaking|thanks|thank you)$/i, "").split(" ").filter(Boolean);
  if (bare.length === 0 || bare.length > 3) return null;
  const name = nameFrom(bare);
  return name && name.split(" ").length === bare.length ? name : null;
}

/** A street address with a house number, as the caller said it. */
export function addressOf(text: string): string | null {
  const withSuffix = ADDRESS_WITH_SUFFIX.exec(text);
  if (withSuffix) return `${withSuffix[1]} ${withSuffix[2]}${withSuffix[3] ?? ""}`.replace(/\s+/g, " ").trim();
  const bare = ADDRESS_BARE.exec(text);
  if (!bare) return null;
  const words: string[] = [];
  for (const w of bare[2]!.split(/\s+/)) {
    const word = w.replace(/[.,]+$/, "");
    if (ADDRESS_STOP_WORD.test(word) || NOT_STREET_WORD.test(word)) break;
    words.push(word);
    if (w !== word) break;
  }
  if (words.length === 0) return null;
  return `${bare[1]} ${words.join(" ")}`;
}

export function bookingIntentOf(lower: string): BookingIntent | null {
  if (CALLBACK.test(lower)) return "callback";
  if (VISIT_STRONG.test(lower)) return "visit";
  if (NO_INTENT.test(lower)) return "no";
  if (VISIT_WEAK.test(lower)) return "visit";
  return null;
}

function hoursSaid(lower: string): Array<{ hour: number; minute: number | null; meridiem: "am" | "pm" | null }> {
  const found: Array<{ hour: number; minute: number | null; meridiem: "am" | "pm" | null }> = [];
  const meridiemOf = (s: string | undefined) => (s ? (s.startsWith("a") ? "am" : s.startsWith("p") ? "pm" : null) : null);
  for (const m of lower.matchAll(/\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'?clock)?(?!\d|st|nd|rd|th)/g)) {
    const hour = Number(m[1]);
    if (hour >= 1 && hour <= 12) found.push({ hour, minute: m[2] ? Number(m[2]) : null, meridiem: meridiemOf(m[3]) });
  }
  for (const m of lower.matchAll(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b(\s+thirty|\s+fifteen|\s+forty[- ]five)?(\s*(a\.?m\.?|p\.?m\.?|o'?clock))?/g)) {
    if (m[1] === "one" && !m[2] && !m[3]) continue; // "the first one", "that one"
    const minute = m[2] ? (m[2].includes("thirty") ? 30 : m[2].includes("fifteen") ? 15 : 45) : null;
    found.push({ hour: HOUR_WORDS[m[1]!]!, minute, meridiem: m[1] === "noon" ? "pm" : meridiemOf(m[4]) });
  }
  return found;
}

/** Which offered slot the caller picked, 0-based; null when unclear or ambiguous. */
export function slotChoiceOf(lower: string, slots: SlotView[]): number | null {
  if (slots.length === 0) return null;
  for (const [re, pick] of SLOT_ORDINALS) {
    if (re.test(lower)) {
      const i = pick(slots.length);
      return i >= 0 && i < slots.length ? i : null;
    }
  }
  let candidates = slots.map((_, i) => i);
  let filtered = false;
  const days = DAY_WORDS.filter(([re]) => re.test(lower)).map(([, d]) => d);
  if (days.length) {
    filtered = true;
    candidates = candidates.filter((i) => {
      const s = slots[i]!;
      return days.some((d) => d === s.relativeDay || d === s.day.toLowerCase());
    });
  }
  const times = hoursSaid(lower);
  if (times.length) {
    filtered = true;
    candidates = candidates.filter((i) => {
      const s = slots[i]!;
      const hour12 = s.hour % 12 === 0 ? 12 : s.hour % 12;
      const meridiem = s.hour < 12 ? "am" : "pm";
      return times.some((t) => t.hour === hour12 && (t.minute === null || t.minute === s.minute) && (t.meridiem === null || t.meridiem === meridiem));
    });
  }
  if (filtered) return candidates.length === 1 ? candidates[0]! : null;
  if (slots.length === 1 && SLOT_YES.test(lower) && !SLOT_NO.test(lower)) return 0;
  return null;
}

/** Reads one utterance for the question being asked. Pure and deterministic. */
export function extractByRules(input: Pick<ExtractInput, "stage" | "utterance" | "slotsOffered">): Extraction {
  const text = input.utterance.trim();
  const lower = text.toLowerCase();
  const out: Extraction = { ...EMPTY_EXTRACTION };
  if (!text) return out;

  out.wantsHuman = detectWantsHuman(lower);
  out.emergency = detectEmergency(lower);
  if (out.emergency) {
    out.issueSummary = summarizeIssue(text) ?? text;
    out.urgency = "emergency";
  }

  switch (input.stage) {
    case "zip":
      out.zip = findZip(text);
      break;
    case "issue":
      if (!out.emergency) {
        out.issueSummary = summarizeIssue(text);
        out.urgency = out.issueSummary ? urgencyOf(lower) : null;
      }
      out.callerName = nameOf(text, false);
      break;
    case "name":
      out.callerName = nameOf(text, true);
      out.declined = !out.callerName && (DECLINED.test(lower) || BARE_NO.test(lower));
      break;
    case "booking_offer":
      out.bookingIntent = bookingIntentOf(lower);
      break;
    case "address":
      out.address = addressOf(text);
      out.declined = !out.address && (DECLINED.test(lower) || BARE_NO.test(lower));
      break;
    case "slot": {
      const choice = slotChoiceOf(lower, input.slotsOffered);
      out.slotNumber = choice === null ? null : choice + 1;
      out.declined = choice === null && SLOT_NO.test(lower);
      break;
    }
  }
  return out;
}
