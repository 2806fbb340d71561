// The deterministic rules that read one caller utterance: ZIP digits, emergency and urgency,
// names and addresses, booking intent, questions and slot choice. Offline, exact, testable; the
// rules model serves them through the AI SDK and every real model falls back to them. How callers
// say things is data (phrasings*.ts, read through phrase-rules.ts); this file decides the order
// the rules are tried in and reads what needs positions or numbers (names, addresses, times).
import { GIVEN_NAMES } from "./given-names";
import { detectEmergency, ownProblemNow, settledInThePast } from "@/server/intake/emergency-rules";
import { heard, phraseMatches, withoutPhrase } from "@/server/intake/phrase-rules";
import {
  BARE_NO,
  CALLBACK,
  CONFUSED,
  CORRECTION,
  DECLINED_TO_SAY,
  FILLER,
  HARD_TO_HEAR,
  HOME_PLACE,
  LINE_CHECK,
  NAME_CORRECTION_CUE,
  NAME_CORRECTION_START,
  PROBLEM_CHANGED,
  NO_FIRST,
  NO_THANKS,
  VISIT,
  VISIT_INSTEAD,
  VISIT_TAKEN_BACK,
  WANTS_HUMAN,
  WHO_DID_I_REACH,
  WORK_PLACE,
  YES_FIRST,
  YES_PLEASE,
} from "@/server/intake/phrasings";
import {
  ANY_QUESTION,
  CALLER_QUESTIONS,
  COMMERCIAL,
  QUESTION_LISTS,
  RESIDENTIAL,
  ROBOCALL,
  SALES,
  STILL_A_CUSTOMER,
  WRONG_NUMBER,
} from "@/server/intake/phrasings-questions";
import {
  ACTIVE_LEAK,
  BACKING_UP,
  BACKS_UP_SOMETIMES,
  CALM,
  CEILING_OR_WALL,
  GAS_TOPIC,
  HEATER_UNSURE,
  HISS,
  LOW,
  MINOR,
  NOISE,
  WATER_FOUND,
  RISING_BY_ITSELF,
  WONT_SHUT_OFF,
  DRAIN_ANSWERS_ANOTHER,
  NO_RUSH,
  NO_SERVICE,
  EVERY_TAP_TRICKLES,
  CO_ALARM,
  NO_SERVICE_TOPIC,
  ONE_CLOG,
  OVER_TIME,
  PLUMBING,
  SERVICE_VISIT,
  SLOW,
  APPLIANCE,
  HOME_DRAIN,
  INSPECTION_FOUND,
  DRAIN_STOPPED,
  METER_BOX_SEEPING,
  SOMETHING_WRONG,
  SPREAD_WORDS,
  STANDING_WATER,
  WATER_TOPIC,
} from "@/server/intake/phrasings-safety";
import { digitRuns, findZip } from "@/server/intake/spoken-numbers";
import { withEnglishGlosses } from "@/server/intake/spanish-words";
import {
  EMPTY_EXTRACTION,
  type BookingIntent,
  type CallerQuestion,
  type Extraction,
  type ExtractInput,
  type NotCustomerKind,
  type SlotView,
  type Urgency,
} from "@/server/intake/extraction";

export { detectEmergency };

const NAME_STOP = new Set(
  (
    "and i my me calling from with here the a an not sure just so yes no yeah yep okay ok well about at in on for to is was that this it its it's " +
    "good fine great looking having trying going speaking thanks thank you please hi hello hey sorry what why who how um uh er actually really " +
    "very still home outside inside leaking leak water plumber problem calling wondering worried afraid busy there gonna going done ready " +
    "one two three four five six seven eight nine ten zero oh but because if when rather prefer don't dont skip none nobody anonymous never " +
    "i'm im i've ive i'll we we're our us you your they he she his her him them owner landlord tenant homeowner calling " +
    "urgent bad terrible awful crazy insane annoying ridiculous frustrating emergency quick regarding about concerning for " +
    "same time let she'll he'll they'll you'll y'all by " +
    "mr mrs ms miss dr sir maam ma'am the at located over from in zip code sorry back shoot oops gosh " +
    "call book send come need needs want wants have has get got can could would should will do does did schedule visit maybe probably put write " +
    "sounds nope nah yup sure fine perfect works work tomorrow today monday tuesday wednesday thursday friday saturday sunday morning afternoon " +
    "first second third last name names spelled spell letter letters with like kind sort guy guys somebody someone anyone are there hello under before after " +
    "house address street apartment unit everybody everyone people folks friends calls that'll thatll that'd thatd that's thats " +
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand " +
    "coming now too hang hold lord god gosh wow oh look listen all over up out down everywhere anywhere wait whoa huh nothing something everything anything right correct wrong hardly ever usually always " +
    // Spanish said in passing ("sí, es para mi mamá"); "de", "del" and "la" stay: they start surnames.
    "es para mi sí si que oiga pues bueno hola gracias por favor mamá mama papá papa señora señor soy llamo nombre"
  ).split(" "),
);

/** The kinds of street ("street", "ave", "cove" …), as a regular-expression group. */
export const STREET_SUFFIX =
  "(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|way|place|pl|circle|cir|parkway|pkwy|trail|trl|terrace|ter|highway|hwy|loop|run|path|pike|square|sq|crossing|cove|cv|bend|ridge|row|alley|point|pt)";
const ADDRESS_WITH_SUFFIX = new RegExp(
  `\\b(\\d{1,6}[a-z]?)\\s+((?:[a-z0-9'./-]+\\s+){0,4}${STREET_SUFFIX}(?:\\s+[a-z](?=\\s|$|[,.])|\\s+\\d{1,4}(?=\\s|$|[,.]))?)\\b\\.?((?:\\s*,?\\s*(?:apartment|apt|unit|suite|ste|number)\\.?\\s*#?\\s*[a-z0-9-]+|\\s*,?\\s*#\\s*[a-z0-9-]+))?`,
  "i",
);
// Street words may be ordinals ("2206 south 3rd", "1400 w 35th").
const ADDRESS_BARE =
  /\b(\d{1,6})\s+([a-z][a-z'.-]*(?:\s+(?:[a-z][a-z'.-]*|\d{1,3}(?:st|nd|rd|th)\b\.?)){0,3})/i;
const NOT_STREET_WORD =
  /^(am|pm|a\.m\.|p\.m\.|minutes?|hours?|years?|o'?clock|days?|weeks?|months?|times?|dollars?|bucks|percent|feet|foot|inches|gallons?|people|kids|things?|questions?|problems?|issues?|more|today|tonight|tomorrow|ish|thirty|fifteen|forty-five)$/i;
const ADDRESS_STOP_WORD =
  /^(and|but|so|please|thanks|thank|in|near|by|across|off|which|that|where|is|it's|its|like|whatever|the)$/i;

const HOUR_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  noon: 12,
};

export function detectWantsHuman(lower: string): boolean {
  return heard(WANTS_HUMAN, lower);
}

/** The urgency the office queue uses (docs/sop-rules.md "Urgency"); the words are in phrasings-safety.ts. */
export function urgencyOf(words: string): Urgency {
  // Someone else's problem long ago, or one the caller sets aside, says nothing about this one.
  const said = ownProblemNow(words);
  if (detectEmergency(said)) return "emergency";
  // A carbon monoxide detector brought up is never "no problem": at least a normal visit.
  const low = heard(CO_ALARM, said) ? "normal" : "low";
  if (heard(NO_RUSH, said)) return low;
  // "We had a leak up there last year that got fixed, it's bone dry": a visit to look, no hurry.
  if (settledInThePast(said)) return "normal";
  // The standing water of a slow drain ("slow, standing water after I brush") is the drain, not a flood.
  // A dishwasher or washing machine that won't drain is that appliance out of use, not the home.
  const applianceOnly = heard(APPLIANCE, said) && !heard(HOME_DRAIN, said);
  const drainOut = heard(DRAIN_STOPPED, said) || (heard(STANDING_WATER, said) && !heard(SLOW, said));
  // Every tap down to a trickle is no water, unless told as pressure worn down over weeks.
  const trickling = heard(EVERY_TAP_TRICKLES, said) && !heard(OVER_TIME, said);
  const noService = !applianceOnly && (heard(NO_SERVICE, said) || trickling || drainOut);
  // "Backs up a little whenever the dishwasher runs": a drain that recovers is a normal visit.
  if (noService || (heard(BACKING_UP, said) && !heard(BACKS_UP_SOMETIMES, said))) return "high";
  if (heard(CEILING_OR_WALL, said)) return "high";
  // What a home inspection found is a repair to plan, whatever words it uses ("a leaking valve").
  // (A quote or a planned job asked for with it is low; the inspection itself says nothing.)
  if (heard(INSPECTION_FOUND, said)) return heard(LOW, said.replace(/\binspect\w*/g, "")) ? "low" : "normal";
  // A leak the caller has contained ("it leaks into a bucket") is not doing damage now.
  if (
    heard(ACTIVE_LEAK, said) &&
    !heard(MINOR, said) &&
    !heard(METER_BOX_SEEPING, said) &&
    !heard(CALM, said)
  )
    return "high";
  if (heard(LOW, said)) return low;
  return "normal";
}

function stripFillers(text: string): string {
  let s = text.trim().replace(/\s+/g, " ");
  for (let m = phraseMatches(FILLER, s)[0]; m; m = phraseMatches(FILLER, s)[0])
    s = s.slice(m.end).replace(/^[,.!]?\s*/, "");
  return s;
}

/**
 * "Is this the plumber? I can barely hear you": the caller checking who they reached ("who") or
 * saying they can't hear ("hearing"), and nothing else that answers (no number, no plumbing); null
 * otherwise.
 */
export function checkingTheLine(text: string): "who" | "hearing" | null {
  const who = heard(WHO_DID_I_REACH, text);
  if (!who && !heard(HARD_TO_HEAR, text)) return null;
  const rest = withoutPhrase(HARD_TO_HEAR, withoutPhrase(WHO_DID_I_REACH, text));
  const words = rest.match(/[a-z']+/gi) ?? [];
  // A number said in words is an answer too ("sorry, bad signal. seven eight seven oh one").
  if (
    /\d/.test(rest) ||
    digitRuns(rest).some((run) => run.length >= 3) ||
    heard(PLUMBING, rest) ||
    words.length > 8
  )
    return null;
  return who ? "who" : "hearing";
}

/** The caller's own description of the problem, lightly trimmed; null when it is not one. */
export function summarizeIssue(text: string): string | null {
  // "Is this the plumber? I can barely hear you" describes no problem.
  if (checkingTheLine(text)) return null;
  let s = stripFillers(text).replace(
    /^(this is|my name is|my name's)\s+[a-z'-]+(\s+[a-z'-]+)?\s*(,|\.|and)\s*/i,
    "",
  );
  // ("78721, and it's my outside faucet…": the problem, not the "and" that joined it to the ZIP.)
  // ("…and this is the third plumber I've called, so please": how the caller got here, no problem.)
  s = s
    .replace(CALLED_AROUND, " ")
    .replace(/[\s.,!?]+$/, "")
    .replace(/^[\s,.;:-]+/, "")
    .replace(/^(?:and|so|but|plus)\b[\s,]*/i, "");
  if (!s) return null;
  const lower = s.toLowerCase();
  if (heard(CONFUSED, lower)) return null;
  const words = s.split(" ").filter((w) => /[a-z]/i.test(w));
  if (!heard(PLUMBING, lower) && words.length < 5) return null;
  // A long story ("My late husband always did all of this himself… the toilet in the hall rocks"):
  // the sentences about plumbing, not the first 200 characters.
  if (s.length > 200) {
    const about = (s.match(/[^.!?]+[.!?]*/g) ?? []).filter((part) => heard(PLUMBING, part.toLowerCase()));
    if (about.length)
      s = about
        .join(" ")
        .trim()
        .replace(/[\s.,!?]+$/, "");
  }
  if (s.length > 200) s = `${s.slice(0, 200).replace(/\s+\S*$/, "")}…`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "This is the third plumber I've called", "I've tried four companies already": calling around. */
const CALLED_AROUND =
  /\b(?:(?:this|you|you're|you are|that's|it's)\s+(?:is\s+)?)?(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|last)\s+(?:plumber|plumbing company|company|place|one|number)\s+(?:i'?ve|i have|we'?ve|we have|i|we)\s+(?:called|tried|rung|phoned)(?:\s+(?:today|this morning|so far|already))?|\b(?:i'?ve|i have|we'?ve|we have)\s+(?:already\s+)?(?:called|tried)\s+(?:like\s+)?(?:two|three|four|five|six|several|a bunch of|a few|\d+)\s+(?:other\s+)?(?:plumbers|companies|places|numbers)(?:\s+(?:already|today|so far))?/gi;

/** "o'brien" is O'Brien, "mcdonald" McDonald; "DeLuca" as said keeps its capitals; "there's" is not "There'S". */
function titleCase(word: string): string {
  // "DeLuca" and "Ho-jin" as written keep their capitals.
  if (/[a-z]/.test(word) && /^[A-Z][a-z]+(?:[A-Z]|-[a-z])/.test(word)) return word;
  return word
    .toLowerCase()
    .replace(/(^[a-z]'|^|-)([a-z])/g, (_, sep: string, c: string) => sep.toUpperCase() + c.toUpperCase())
    .replace(/^Mc([a-z])/, (_, c: string) => `Mc${c.toUpperCase()}`);
}

/** Words inside a surname ("de la Cruz", "van der Berg"): not counted among a name's three words. */
const SURNAME_PARTICLE = /^(de|del|la|las|los|da|das|do|dos|di|du|van|von|der|den|le|st)$/i;
/** Particles that are also whole surnames (Vietnamese Le and Do, Chinese Du). */
const SURNAME_ON_ITS_OWN = /^(le|do|du)$/i;

/** Plural words that are not a family's name ("put down the details", "the owners"). */
const NOT_A_FAMILY = new Set(
  "details numbers owners tenants renters landlords neighbors neighbours kids folks parents others managers guys people usuals basics".split(
    " ",
  ),
);

/** A generation said after a name, as it is written. */
export const GENERATION: Record<string, string> = {
  jr: "Jr.",
  junior: "Jr.",
  sr: "Sr.",
  senior: "Sr.",
  ii: "II",
  iii: "III",
  iv: "IV",
};
const GENERATION_ORDINAL: Record<string, string> = { second: "II", third: "III", fourth: "IV" };

function nameFrom(tokens: string[]): string | null {
  // "Just put down the Hendersons": a family's name, kept as said ("The Hendersons").
  const [article, family] = tokens;
  if (
    tokens.length === 2 &&
    /^the$/i.test(article!) &&
    /^\p{L}{2,}[^s]s$/u.test(family!) &&
    !NAME_STOP.has(family!.toLowerCase()) &&
    !NOT_A_FAMILY.has(family!.toLowerCase()) &&
    !heard(PLUMBING, family!)
  )
    return `The ${titleCase(family!)}`;
  const picked: string[] = [];
  let words = 0;
  for (const [i, t] of tokens.entries()) {
    // "Harold Greene Jr.", "Reginald Boone the Third": a generation after a full name ends it.
    const generation =
      picked.length >= 2
        ? (GENERATION[t.toLowerCase()] ??
          (/^the$/i.test(t) && i + 2 === tokens.length
            ? GENERATION_ORDINAL[tokens[i + 1]!.toLowerCase()]
            : undefined))
        : undefined;
    if (generation) {
      picked.push(generation);
      break;
    }
    if (NAME_STOP.has(t.toLowerCase()) || !/^\p{L}[\p{L}'-]*$/u.test(t)) break;
    const particle = picked.length > 0 && SURNAME_PARTICLE.test(t);
    picked.push(titleCase(t));
    if (!particle && ++words === 3) break;
  }
  // "Maria de la…" said and cut off: a name does not end on "de" or "la" — but "Tuan Le", "Minh Do"
  // and "Wei Du" do: right after the given name, these are whole surnames.
  while (
    picked.length > 1 &&
    SURNAME_PARTICLE.test(picked.at(-1)!) &&
    !(picked.length === 2 && SURNAME_ON_ITS_OWN.test(picked[1]!))
  )
    picked.pop();
  return picked.length ? picked.join(" ") : null;
}

/**
 * Words that say a name follows ("the tenant's name is Destiny", "her name is…" name someone
 * else), also the name the caller goes by ("just put Skeeter", "put me
 * down as Red", "everybody knows me as Skeeter", "most folks call me Bubba", "I go by Dee").
 */
const STRONG_NAME_CUE =
  /(?:\b(?:my name is|my name's|my name(?=\s+[a-z])(?!\s+(?:is|was|and|on|under|for|isn't|again|right|wrong|spelled|you|you've|you're|your|i|i'm|it|it's|that|this|the|a|but|or|so|if|please|to|with|because|cause|since|in|at|when|id|i'd|i'll|ill|i've|ive|im|rather|don't|dont|not|no|off|out|down)\b)|(?<!\b(?:[a-z]+'s|her|his|their|tenants|owners|landlords|moms|dads|husbands|wifes)\s)(?:name is|name's)|this is|you can call me|put me down as|put me down|(?:everybody|everyone|folks|people|they|friends)(?: around here| here)? (?:knows?|calls?) me(?: as)?|i (?:usually |just )?go by|it's|its|i'm|im|i am|me llamo|mi nombre es)|(?:^|[.,]\s*)(?:soy|just put))\s+(.*)$/i;
const FIRST_NAME = /\bfirst name(?: is|'s)?(?:\s+(?:spelled|spelt))?\s+(?!spelled\b|spelt\b)([a-z][a-z'-]+)/i;
const LAST_NAME =
  /\b(?:last name|surname)(?: is|'s)?(?:\s+(?:spelled|spelt))?\s+(?!spelled\b|spelt\b)([a-z][a-z'-]+)/i;
/** Titles before a name ("Dr. Patel", "Mrs. Whitfield") are not part of the name stored. */
const TITLE =
  /\b(?:dr|doctor|mrs|mr|ms|miss|mister|missus|mx|rev|reverend|pastor|deacon|bishop|sgt|officer|professor|prof)\b\.?\s+(?=[a-z])/gi;
const LOOKS_LIKE_A_DESCRIPTION =
  /^(?:[a-z]+(?:ing|ed|ly|ful|ous|ible|able|ive|ever)|so|too|very|pretty|kinda|literally|getting|gonna)$/i;
const WEAK_NAME_CUE = /\b(?:it's|it is|i'm|i am)\s+(.*)$/i;

/** Titles as they are written before a surname. */
export const TITLE_WRITTEN: Record<string, string> = {
  mr: "Mr.",
  mister: "Mr.",
  mrs: "Mrs.",
  missus: "Mrs.",
  ms: "Ms.",
  miss: "Miss",
  dr: "Dr.",
  doctor: "Dr.",
};

/**
 * A name the caller said. Outside the name question only an explicit "my name is" / "this is"
 * counts. A title is dropped before a full name ("Dr. Anita Raman") and kept before a surname said
 * alone ("Mrs. Delgado"), which is how the office will address the caller.
 */
export function nameOf(text: string, askedForName: boolean): string | null {
  const name = nameWithoutTitle(text, askedForName);
  if (!name || name.includes(" ")) return name;
  const title = new RegExp(`\\b(${Object.keys(TITLE_WRITTEN).join("|")})\\.?\\s+${name}\\b`, "i").exec(text);
  return title ? `${TITLE_WRITTEN[title[1]!.toLowerCase()]} ${name}` : name;
}

function nameWithoutTitle(text: string, askedForName: boolean): string | null {
  // "I'm Sanjay, but put her name, Lakshmi Iyer, she's the one who'll be home": the lead goes
  // under the name the caller asks for (who called goes to the notes: callerUnderAnotherName).
  const under = UNDER_ANOTHER_NAME.exec(text);
  const named = under
    ? text
        .slice(under.index + under[0].length)
        .split(/[.,!?;]/)[0]!
        .trim()
    : "";
  const asked = named ? nameFrom(named.split(/\s+/)) : null;
  if (asked && !heard(PLUMBING, asked)) return asked;
  // ("Hector Villanueva. The tenant's Precious Jenkins, she'll let y'all in.": the tenant is not the caller.)
  const other = namedRelationOf(text);
  const own = other ? `${text.slice(0, other.at)}.${text.slice(other.at + other.length)}` : text;
  const spoken = own
    .replace(/\b(uh+|um+|er+|hmm+)\b,?\s*/gi, "")
    .replace(TITLE, "")
    // "It's Mrs. Kowalski. Kowalski.": a surname said again on a bad line is said once.
    .replace(/\b([\p{L}'-]{2,})[.,!]\s+\1\b[.!]?/giu, "$1.")
    // "Niamh Fitzgerald, it's pronounced Neeve": how the name sounds, not another name.
    .replace(
      /\b(?:(?:and\s+)?(?:it's|it is|that's|that is|its)\s+)?(?:pronounced|said)\s+(?:like\s+)?[\p{L}'-]+/giu,
      " ",
    );
  const clean = (s: string) =>
    s
      .replace(/[.,!?;]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  // "it's pete, and the last name is szabo" / "nguyen, first name thao"
  const last = LAST_NAME.exec(spoken)?.[1];
  const first = FIRST_NAME.exec(spoken)?.[1];
  if (askedForName && (first || last)) {
    const rest = clean(
      spoken
        .replace(FIRST_NAME, "")
        .replace(LAST_NAME, "")
        .replace(/\b(and|the|my)\b/gi, " "),
    );
    const other = nameFrom(
      stripFillers(rest)
        .replace(/^(it's|it is|i'm|i am|this is|name is|name's)\s+/i, "")
        .split(" "),
    );
    const given = first ?? other?.split(" ")[0];
    const family = last ?? other?.split(" ").at(-1);
    const parts = [given, family].filter((p): p is string => !!p && !NAME_STOP.has(p.toLowerCase()));
    if (parts.length) return [...new Set(parts.map(titleCase))].join(" ");
  }
  // "Edna Fairbanks. Mrs. Edna Fairbanks.", "Dorothy Kowalski. … Dorothy.": a full name said
  // first, then said again in part or in whole, is the first one.
  if (askedForName) {
    const parts = spoken
      .split(/[,;.!?]/)
      .map(clean)
      .filter((p) => p && !/^(that's|that is|it's|yes|yeah)$/i.test(p));
    const first = parts.length > 1 ? nameFrom(parts[0]!.split(" ")) : null;
    const words = new Set(first?.toLowerCase().split(" "));
    if (
      first?.includes(" ") &&
      first.split(" ").length === parts[0]!.split(" ").length &&
      parts.slice(1).every((p) =>
        p
          .toLowerCase()
          .split(" ")
          .every((w) => words.has(w)),
      )
    )
      return first;
  }
  // A name restated in full after a short form ("tom, thomas reyes"): the full one counts.
  const dedupe = (name: string) => {
    const w = name.split(" ");
    if (w.length >= 3 && w[0]!.toLowerCase() === w[w.length - 1]!.toLowerCase()) return w.slice(1).join(" ");
    return w.length >= 3 && w[0]![0] === w[1]![0] ? w.slice(1).join(" ") : name;
  };
  // "leak. 78704. dan.": a terse caller's fragments, one of them a common given name on its own.
  // (Not where someone else is spoken of: "78701, it's for my mom, linda" names the mother.)
  if (!askedForName && !THIRD_PARTY.test(spoken)) {
    // ("Hello? Dolores? Is that you, mija?": a name asked after is who the caller is looking for.)
    const pieces = spoken.split(/(?<=[.,;!?])/);
    const fragments = pieces.map(clean).filter(Boolean);
    const lone =
      fragments.length >= 2
        ? pieces.find((f) => !f.trim().endsWith("?") && GIVEN_NAMES.has(clean(f).toLowerCase()))
        : undefined;
    if (lone) return titleCase(clean(lone));
  }
  const whole = nameIn(clean(spoken), askedForName);
  // "It's Harold Jenkins. Most folks call me Hal": a full name does not run on into the next sentence.
  const inSentence = spoken
    .split(/[.!?]/)
    .map((s) => nameIn(clean(s), askedForName))
    .find((n) => n?.includes(" "));
  if (inSentence && whole?.startsWith(`${inSentence} `)) return dedupe(inSentence);
  if (whole?.includes(" ")) return dedupe(whole);
  // "This is Dr. Patel. Anjali Patel.", "Fine. Amy Sorensen.": each sentence on its own, the fullest name wins.
  const chunks = spoken
    .split(/[,;.!?]/)
    .map(clean)
    .filter(Boolean);
  for (const chunk of [...chunks].reverse()) {
    const name = nameIn(chunk, askedForName);
    if (name?.includes(" ")) return dedupe(name);
  }
  // "Just Dwayne is fine": one name, and that it will do.
  if (!whole && askedForName)
    for (const chunk of chunks) {
      const m =
        /^(just\s+)?(\p{L}[\p{L}'-]+)\s+(?:is|'s|will do|works)(?:\s+(?:fine|good|okay|ok|enough))?$/iu.exec(
          chunk,
        );
      const name = m ? nameFrom([m[2]!]) : null;
      if (name && (m![1] || GIVEN_NAMES.has(name.toLowerCase())) && !heard(PLUMBING, name)) return name;
    }
  // "Lakshmi. Just Lakshmi is fine.": asked, a sentence that is one name and nothing else — a
  // name said again in the answer, or a given name ("Almost — it's 4120", "Eh, you don't need my
  // name" hold none).
  if (!whole && askedForName)
    for (const [i, chunk] of chunks.entries()) {
      const name = nameIn(chunk, true);
      const again = (w: string) =>
        chunks.some((other, j) => j !== i && other.toLowerCase().split(" ").includes(w.toLowerCase()));
      if (
        name &&
        name.split(" ").length === chunk.split(" ").length &&
        name.split(" ").every((w) => GIVEN_NAMES.has(w.toLowerCase()) || again(w))
      )
        return name;
    }
  return whole;
}

/** Surnames and first names that end in "-ing" like a verb ("it's Irving", "I'm Sterling"). */
const ING_NAMES = new Set(
  "irving sterling stirling king ming ling manning fleming harding browning channing golding redding keating cushing darling hastings jennings whiting spalding deming ewing lansing downing fielding henning kipling pickering schilling bunting hemming".split(
    " ",
  ),
);
/** "It's spraying", "I'm babysitting": a verb after the cue, not a name. */
const isDoing = (word: string) => /^[a-z]{2,}ing$/i.test(word) && !ING_NAMES.has(word.toLowerCase());

/**
 * The name after a cue ("my name is", "it's", "I'm"), trying each place the cue is said: in "it's
 * under my husband's name, it's Wojciech Nowak" the first "it's" holds no name, the second does.
 */
function cuedName(
  clean: string,
  cue: RegExp,
  accept: (name: string, said: string) => boolean,
): string | null {
  for (let from = 0; from < clean.length;) {
    const m = cue.exec(clean.slice(from));
    if (!m) return null;
    const name = nameFrom(m[1]!.replace(RELATION_BEFORE_NAME, "").split(" "));
    if (name && accept(name, m[0].trim())) return name;
    from += m.index + Math.max(1, m[0].length - m[1]!.length);
  }
  return null;
}

/** Words that end a name said first and start something else ("carl brandt oh no it's spraying"). */
const AFTER_A_NAME = /^(oh|hold|wait|hang|sorry|i'm|im|we're|it's|its|there's|theres)$/i;

function nameIn(clean: string, askedForName: boolean): string | null {
  const first = (name: string) => name.split(" ")[0]!;
  // Unasked, "this is disgusting, whenever…" or "this is getting worse" describes the problem:
  // a word shaped like an adjective, an adverb or a verb form is not taken as a name there (the
  // agent asks for the name later anyway; a wrong one would be kept and the question skipped).
  // Asked, only a verb in "-ing" is set aside ("it's spraying", "I'm babysitting").
  // Unasked, only a plain "my name is" / "this is" counts, not "it's" or "I'm".
  // "Yeah hi, it's Priyanka Raghunathan, I'm in 78703…": a full name right after a greeting counts
  // unasked too (not "hi, it's really bad", "hey, I'm calling about…").
  const greeted =
    /^\W*(?:(?:yeah|yes|um|uh|oh|okay|ok)\W+)*(?:hi|hello|hey|good morning|good afternoon)\W+(?:it's|its|this is|i'm|im)\s+([a-z'-]+\s+[a-z'-]+)/i.exec(
      clean,
    );
  const greetedName = greeted ? nameFrom(greeted[1]!.split(" ")) : null;
  if (
    greetedName?.includes(" ") &&
    !heard(PLUMBING, greetedName) &&
    !greetedName.split(" ").some((w) => LOOKS_LIKE_A_DESCRIPTION.test(w) || isDoing(w))
  )
    return greetedName;
  const strong = cuedName(clean, STRONG_NAME_CUE, (name, said) =>
    askedForName
      ? !isDoing(first(name))
      : !/^(it's|its|i'm|i am)\b/i.test(said) && !LOOKS_LIKE_A_DESCRIPTION.test(first(name)),
  );
  if (strong) return strong;
  // "…and I'm Omar Haddad by the way": a full name said in passing, unasked.
  const byTheWay = /\b(?:i'm|i am|im)\s+([a-z'-]+\s+[a-z'-]+)\s+by the way\b/i.exec(clean);
  const passing = byTheWay ? nameFrom(byTheWay[1]!.split(" ")) : null;
  if (passing?.includes(" ") && !heard(PLUMBING, passing)) return passing;
  // "ZIP is 78703, I'm Beth Caldwell, we're at 2411 Enfield Road…": unasked, "I'm" before a given
  // name and a surname, both written as names, is the caller's name ("I'm Worried Sick" is not).
  const introduced = /\b(?:[Ii]'m|[Ii] am|[Ii]m)\s+(\p{Lu}[\p{L}'-]+)\s+(\p{Lu}[\p{L}'-]+)/u.exec(clean);
  if (
    !askedForName &&
    introduced &&
    GIVEN_NAMES.has(introduced[1]!.toLowerCase()) &&
    !NAME_STOP.has(introduced[2]!.toLowerCase()) &&
    !isDoing(introduced[2]!) &&
    !heard(PLUMBING, introduced[2]!)
  )
    return `${introduced[1]} ${introduced[2]}`;
  if (!askedForName) return null;
  const weak = cuedName(clean, WEAK_NAME_CUE, (name) => !isDoing(first(name)));
  if (weak) return weak;
  const bare = stripFillers(clean)
    .replace(/\s+(here|speaking|thanks|thank you)$/i, "")
    .split(" ")
    .filter(Boolean);
  if (bare.length === 0) return null;
  // "Just send someone. Kitchen sink.": words about plumbing are never a name.
  const said = nameFrom(bare);
  const name = said && !heard(PLUMBING, said) ? said : null;
  const next = bare[said?.split(" ").length ?? 0] ?? "";
  // "Sandra Whitlock with Eastside Property Management": a name, then who the caller is with.
  if (name && /^(with|from)$/i.test(next)) return name;
  // "dale whitcomb i'm the neighbor next door", "carl brandt oh no hold on": a full name said
  // first, then something else.
  if (name && name.includes(" ") && AFTER_A_NAME.test(next) && !heard(PLUMBING, name)) return name;
  // A name with a few more words after it ("marco the gus", a mis-heard surname) keeps its clean part.
  if (
    name &&
    (name.split(" ").length === bare.length ||
      (bare.length - name.split(" ").length <= 2 && bare.length <= 4))
  )
    return name;
  // "it's the sink like I said, henry nakamura": the problem said again, then the full name last.
  const tail = bare.slice(-2);
  const before = bare.at(-3) ?? "";
  if (
    bare.length >= 4 &&
    heard(PLUMBING, before) &&
    !isDoing(before) &&
    tail.every(
      (w) =>
        /^\p{L}{2,}$/u.test(w) &&
        !NAME_STOP.has(w.toLowerCase()) &&
        !heard(PLUMBING, w) &&
        !isDoing(w) &&
        !LOOKS_LIKE_A_DESCRIPTION.test(w),
    )
  )
    return nameFrom(tail);
  return null;
}

// ── addresses as people say them ───────────────────────────────────────────────────────────
// "three twelve Birch Lane" is 312 Birch Lane, "twenty-two forty" 2240, "eleven hundred" 1100,
// "four oh six" 406; "West thirty-fifth Street" is West 35th Street; "2204, sorry, 2240" is 2240.

const NUMBER_WORD =
  "zero|oh|o|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand";
const NUMBER_RUN = new RegExp(`\\b(?:${NUMBER_WORD})(?:[\\s-]+(?:${NUMBER_WORD}))*\\b`, "gi");
const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
};
const TENS_WORDS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINAL_RUN = new RegExp(
  `\\b(?:(twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)[\\s-]+)?(${Object.keys(ORDINAL_WORDS).join("|")})\\b`,
  "gi",
);
const suffix = (n: number) =>
  n % 100 >= 11 && n % 100 <= 13
    ? "th"
    : n % 10 === 1
      ? "st"
      : n % 10 === 2
        ? "nd"
        : n % 10 === 3
          ? "rd"
          : "th";

/** Number words said as digits ("twenty-two forty" → "2240", "eleven hundred" → "1100"). */
function numberWordsToDigits(run: string): string | null {
  const tokens = run
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  // "oh" or "one" on its own is a word, not a number ("oh, and…", "that one").
  if (tokens.length === 1 && ["oh", "o", "one"].includes(tokens[0]!)) return null;
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t === "hundred" || t === "thousand") {
      if (!out) return null;
      out += t === "hundred" ? "00" : "000";
      continue;
    }
    if (t === "oh" || t === "o" || t === "zero") out += "0";
    else if (t in TENS_WORDS) {
      const unit = next
        ? (
            { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 } as Record<
              string,
              number
            >
          )[next]
        : undefined;
      if (unit) {
        out += String(TENS_WORDS[t]! + unit);
        i++;
      } else out += String(TENS_WORDS[t]!);
    } else {
      const n = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
      ].indexOf(t);
      if (n < 0) return null;
      out += String(n);
    }
  }
  return out || null;
}

/** The words of an answer to "what's the address?" with spoken numbers as digits and a house number corrected in the same breath. */
export function spokenAddress(text: string): string {
  let s = text.replace(ORDINAL_RUN, (whole, tens: string | undefined, ord: string) => {
    const n = (tens ? TENS_WORDS[tens.toLowerCase()]! : 0) + ORDINAL_WORDS[ord.toLowerCase()]!;
    return `${n}${suffix(n)}`;
  });
  s = s.replace(NUMBER_RUN, (run) => numberWordsToDigits(run) ?? run);
  // "East 38th and a Half Street" → "East 38th 1/2 Street".
  s = s.replace(/\b(\d{1,3}(?:st|nd|rd|th))\s+and\s+a\s+half\b/gi, "$1 1/2");
  // "apartment two B" → "apartment 2B".
  s = s.replace(
    /\b(apartment|apt|unit|suite|ste|number|#)\.?\s*(\d{1,5})\s+([a-z])\b(?![a-z'])/gi,
    "$1 $2$3",
  );
  // "2416, not 2614": the first one is right.
  s = s.replace(/\b(\d{1,6})\s*,?\s*(?:and )?not\s+(\d{1,6})\b/gi, "$1");
  // "2204, sorry, 2240 Oak Street", "fifteen-oh-seven, no, seventeen-oh-five": the last number said wins.
  s = s.replace(
    /\b(\d{1,6})\s*[,.]?\s*(?:(?:no|nope|sorry|wait|i mean|actually|oops|my bad|scratch that)\b[\s,.!-]*)+(?:it'?s\s+|make that\s+)?(\d{1,6})\b/gi,
    "$2",
  );
  return s;
}

/** An address said with its street type ("4410 Duval Street"), which can be trusted outside the address question. */
export function streetAddressOf(text: string): string | null {
  const withSuffix = [
    ...text.replace(/\b\d{5}(-\d{4})?\b/g, " ").matchAll(new RegExp(ADDRESS_WITH_SUFFIX.source, "gi")),
  ].find((m) => !notAStreet(m[2]!));
  if (!withSuffix) return null;
  // A house number is rarely five digits next to a ZIP-like run; the caller's ZIP is not a street.
  return asWritten(
    `${withSuffix[1]} ${withSuffix[2]}${withSuffix[3] ?? ""}`
      .replace(/\s+/g, " ")
      .replace(/,\s*$/, "")
      .trim(),
  );
}

/**
 * What follows a number that makes it no house number: a count ("it's been there 2 days. Is there
 * any way…" — "way" in the next sentence is no street), or a sentence that ends before the street
 * word ("S." and "St." are abbreviations, not sentence ends).
 */
function notAStreet(afterNumber: string): boolean {
  return (
    /^\s*(?:days?|weeks?|months?|years?|hours?|minutes?|mins?|times?|bucks|dollars|percent|degrees)\b/i.test(
      afterNumber,
    ) ||
    /\b(?!(?:st|ave|dr|rd|blvd|ln|ct|pl|mt|ft|jr|sr|hwy|pkwy)\.)[a-z]{2,}[.?!](?:\s|$)/i.test(
      afterNumber.trim().replace(/[.?!]$/, ""),
    )
  );
}

/** Speech recognition often writes an address all in lower case: "5200 tannehill lane" is 5200 Tannehill Lane. */
function asWritten(address: string): string {
  return /[A-Z]/.test(address) ? address : address.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** A street address with a house number, as the caller said it. */
export function addressOf(said: string): string | null {
  // "the house number one two zero four and the street is maple avenue": the number, then the street.
  const text = said
    .replace(/\b(?:the\s+)?house number(?:\s+is)?\s+/i, "")
    .replace(/\s+(?:and\s+)?(?:the\s+)?street(?:\s+name)?\s+is\s+/i, " ");
  const withSuffix = streetAddressOf(text);
  if (withSuffix) return withSuffix;
  // "1808 south 3rd, like south 3rd street": the number, then the street said in full a bit later.
  const number = /\b(\d{1,6})\b/.exec(text);
  if (number) {
    const street = new RegExp(`\\b((?:[a-z0-9'.-]+\\s+){1,3}${STREET_SUFFIX})\\b`, "i").exec(
      text.slice(number.index + number[0].length),
    );
    const between = street
      ? text.slice(number.index + number[0].length, number.index + number[0].length + street.index)
      : "";
    if (street && !/^\d+\s/.test(street[1]!) && !notAStreet(`${between} ${street[1]}`))
      return asWritten(`${number[1]} ${street[1]!.replace(/^(like|um|uh|it's|the)\s+/i, "")}`);
  }
  const bare = ADDRESS_BARE.exec(text);
  if (!bare) return null;
  const words: string[] = [];
  for (const w of bare[2]!.split(/\s+/)) {
    const word = w.replace(/[.,?!]+$/, "");
    if (ADDRESS_STOP_WORD.test(word) || NOT_STREET_WORD.test(word)) break;
    words.push(word);
    if (w !== word) break;
  }
  if (words.length === 0) return null;
  return asWritten(`${bare[1]} ${words.join(" ")}`);
}

/** A call back asked for ("just have somebody call me"), where "you can call me Bob" is the caller's name. */
/** Words that carry on a "call me…" that asks for a call ("call me back", "call me at…", "call me first"). */
const CALL_ME_GOES_ON =
  "back|later|tomorrow|today|tonight|at|on|when|whenever|if|after|before|first|instead|please|asap|in|around|sometime|right|about|with|and|or|then|so|to|the|once|now|again|this|next|maybe|up|anytime|any|directly|from|here|there|real|really|quick|soon";
/** "Most folks call me Hal", "call me Ellie": a name the caller goes by, not a callback. */
const GOES_BY = new RegExp(`\\b(calls?|call) me (?!(?:${CALL_ME_GOES_ON})\\b)[a-z][a-z'-]+`, "g");

export function callbackAsked(text: string, callerName: string | null): boolean {
  const lower = text.toLowerCase().replace(GOES_BY, " ");
  const first = callerName?.split(" ")[0]?.toLowerCase();
  return heard(CALLBACK, lower) && !(first && lower.includes(`call me ${first}`));
}

/** The answer to the visit offer. In this order: a callback asked for wins over a yes in the same
 *  breath ("yes, just call me"); a plain "come out" or an address wins over a no ("no problem, come
 *  out"); a bare yes counts only when nothing says no. */
/**
 * "Yeah, send someone. Or actually, could I just get a call back? … No, no, let's just book it":
 * the caller's last decision counts. A later "no" alone ("no, not tomorrow though") takes nothing back.
 */
/** "I'm at work till then", said after the day the caller asks for. */
const UNTIL_THEN =
  /\b(?:i'm|i am|im|we're|we are|i'll be|we'll be|i work|we work)\s+(?:(?:at work|working|busy|away|out of town|gone|out|tied up|on a job)\s+)?(?:till|until|til|'til)\s+then\b[.!]?/gi;

/** What turns the visit down even after an "okay" ("oh, okay. no worries"); a later bare "no" does not. */
const TURNED_DOWN =
  /\b(no worries|no thanks?|no thank you|never ?mind|i'm (good|fine|okay)|not (right )?now|don't need (it|one|anyone|anybody)|that's (ok|okay|alright|all right|fine))\b/;

export function lastBookingIntentOf(lower: string): BookingIntent | null {
  let last: BookingIntent | null = null;
  // ("Oh, okay. No worries.": a bare okay, then the visit turned down, is no visit.)
  let bareYes = false;
  for (const clause of lower.split(/(?<=[.?!;])\s+|\s+(?=(?:or|actually|no,? no)\b)/)) {
    const intent = bookingIntentOf(clause);
    if (intent === "visit" || intent === "callback") {
      last = intent;
      bareYes = intent === "visit" && !heard(VISIT, clause) && !streetAddressOf(clause);
    } else if (intent === "no" && bareYes && TURNED_DOWN.test(clause)) return "no";
  }
  return last ?? bookingIntentOf(lower);
}

/** "Can somebody call me with a ballpark?", "could you just have someone call me?": a call asked for as a question. */
const CALL_ASKED_AS_QUESTION =
  /\b(?:can|could)\s+(?:somebody|someone|you|y'all|you guys|the office|a person)\s+(?:just\s+)?(?:have someone\s+)?(?:call|ring|phone)\s+me\b(?!\s+(?:before|when)\b)/;

export function bookingIntentOf(lower: string): BookingIntent | null {
  if (heard(CALLBACK, lower)) return "callback";
  // Giving the address is wanting the visit.
  if (streetAddressOf(lower)) return "visit";
  if (heard(VISIT, lower)) return "visit";
  if (heard(NO_THANKS, lower)) return "no";
  if (heard(YES_PLEASE, lower)) return "visit";
  return null;
}

function hoursSaid(
  lower: string,
): Array<{ hour: number; minute: number | null; meridiem: "am" | "pm" | null }> {
  const found: Array<{ hour: number; minute: number | null; meridiem: "am" | "pm" | null }> = [];
  const meridiemOf = (s: string | undefined) =>
    s ? (s.startsWith("a") ? "am" : s.startsWith("p") ? "pm" : null) : null;
  for (const m of lower.matchAll(
    /\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'?clock)?(?!\d|st|nd|rd|th)/g,
  )) {
    const hour = Number(m[1]);
    if (hour >= 1 && hour <= 12)
      found.push({ hour, minute: m[2] ? Number(m[2]) : null, meridiem: meridiemOf(m[3]) });
  }
  for (const m of lower.matchAll(
    /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b(\s+thirty|\s+fifteen|\s+forty[- ]five)?(\s*(a\.?m\.?|p\.?m\.?|o'?clock))?/g,
  )) {
    // "the first one", "that one" — but "one to three" is a time.
    if (
      m[1] === "one" &&
      !m[2] &&
      !m[3] &&
      !/^\s*(to|-|and|through|till|until|or)\s/.test(lower.slice(m.index + m[0].length)) &&
      !/\b(from|between|at|around)\s+$/.test(lower.slice(0, m.index))
    )
      continue;
    const minute = m[2] ? (m[2].includes("thirty") ? 30 : m[2].includes("fifteen") ? 15 : 45) : null;
    found.push({ hour: HOUR_WORDS[m[1]!]!, minute, meridiem: m[1] === "noon" ? "pm" : meridiemOf(m[4]) });
  }
  return found;
}

// ── slot choice ─────────────────────────────────────────────────────────────────────────────
// The agent reads the times out one (or two) at a time, earliest first. The caller may accept
// the one just offered ("yeah that works", "any of those"), pick by position among the ones just
// read out ("the second one"), or name a day, a date, a part of the day or an hour — any of the
// bookable times counts, said out loud yet or not ("Thursday's better").
// Slot choice stays code, not phrasings data: what it reads is where a day, a date or an hour sits
// in the answer and which words stand right before or after it ("not Tuesday", "Tuesday's bad",
// "how about Tuesday"), then matches those against the times on offer.

export type SlotChoice =
  | { kind: "pick"; index: number }
  /** A preference that fits one or more times: offer them (earliest first) rather than book. */
  | { kind: "offer"; indices: number[] }
  | { kind: "declined" }
  /** The caller asked for a day or time no bookable slot has. */
  | { kind: "unavailable"; asked: string }
  | null;

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(first|1st|number one|option one|former)\b/, 0],
  [/\b(second|2nd|number two|option two)\b/, 1],
  [/\b(third|3rd|number three|option three)\b/, 2],
];
const LAST_ONE = /\b(last|latter|later) (one|option|time|slot)\b|\bthe (last|latter|later)\b$/;
const SOONEST =
  /\b(earliest|soonest|sooner the better|as soon as (possible|you can)|asap|first available|next available|whatever'?s (first|soonest|earliest|next)|the earliest|sooner)\b/;
const ANY =
  /\b(any( of (those|them|'?em))?|either( one| of (those|them|'?em))?|whichever|whatever works|doesn'?t matter|don'?t care|all (of those|of them|work|good)|both (work|are fine|good)|anytime|any time|any day|flexible)\b/;
const SLOT_YES =
  /\b(yes|yeah|yea|yep|yup|sure|ok(ay)?|that works|works for me|that'?s fine|fine|sounds good|perfect|great|let'?s do (it|that)|book (it|that)|that one|i'?ll take it|do that|good)\b/;
const SLOT_NO =
  /\b(neither|none|no(?! (trouble|problem|problems|worries|bother|rush|hurry)\b)|nope|nah|not (those|either|any|that)|don'?t work|doesn'?t work|won'?t work|can'?t (do|make)|cannot|something else|another (time|day)|different (time|day)|other (times?|days?|options?)|anything else|what else|busy|at work|not good)\b/;
const DAY_WORDS: Array<[RegExp, string]> = [
  [/\btoday\b|\bthis (morning|afternoon|evening)\b|\btonight\b/, "today"],
  [/\btomorrow\b/, "tomorrow"],
  [/\bsun(day)?s?\b/, "sunday"],
  [/\bmon(day)?s?\b/, "monday"],
  [/\btue(s|sday)?s?\b/, "tuesday"],
  [/\bwed(nesday)?s?\b|\bwednes\b/, "wednesday"],
  [/\bthu(r|rs|rsday)?s?\b/, "thursday"],
  [/\bfri(day)?s?\b/, "friday"],
  [/\bsat(urday)?s?\b/, "saturday"],
  [/\b(weekend)\b/, "weekend"],
];
const PARTS_OF_DAY: Array<[RegExp, string, (hour: number) => boolean]> = [
  // "am" only after a number or dotted ("9 am", "a.m."): "I am working" is not a morning.
  // "Early" is a morning, but not when the caller leaves work early to be there ("I can leave work
  // early", "I'll get off early"): that is how they make a time work, not the time they want.
  [
    /\b(morning|mornings|first thing)\b|\b(?<!\b(leave|leaving|get off|getting off|knock off|come home|head out|go home|off)\s+(work\s+|from work\s+)?)early\b|(?<=\d\s?)am\b|\ba\.m\./,
    "in the morning",
    (h) => h < 12,
  ],
  [
    /\b(afternoon|afternoons|after lunch|lunch ?time|midday|noon)\b|(?<=\d\s?)pm\b|\bp\.m\./,
    "in the afternoon",
    (h) => h >= 12 && h < 17,
  ],
  [/\b(evening|evenings|tonight|after (work|five|5)|night)\b/, "in the evening", (h) => h >= 17],
];
/**
 * Words that say when a visit suits, said before any time was offered ("mornings are better for
 * me", "any day but Thursday", "Wednesday afternoon if you have it"): kept for the time offer.
 */
export function saysWhenItSuits(said: string): boolean {
  const lower = said.toLowerCase();
  const when =
    DAY_WORDS.some(([re, day]) => day !== "today" && re.test(lower)) ||
    PARTS_OF_DAY.some(([re]) => re.test(lower));
  return (
    when &&
    (/\b(better|best|works?|good|prefer|rather|only|can do|free|home|available|if you (have|got)|but|except|not|no good|any ?day)\b/.test(
      lower,
    ) ||
      // A day said on its own, out of turn ("thursday.", "wednesday afternoon"): the day the caller wants.
      /^\W*(?:(?:on|maybe|um+|uh+)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening))?\W*$/.test(
        lower,
      ))
  );
}

const DAY_OF_MONTH_WORDS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
  "thirteenth",
  "fourteenth",
  "fifteenth",
  "sixteenth",
  "seventeenth",
  "eighteenth",
  "nineteenth",
  "twentieth",
];
const MONTHS =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const NEGATED_DAY =
  /\b(not|no|can'?t do|can'?t make|cannot do|can'?t|cannot|won'?t|couldn'?t|busy|except|but not|(?:any ?day|anything|any ?time|whenever|all week) but)\s+(on\s+|do\s+|make\s+)?$/;
/** "no good", "doesn't work": a yes-word turned into a no. */
const NEGATED_YES =
  /\b(no|not|isn'?t|doesn'?t|don'?t|won'?t|ain'?t|never)\s+(\w+\s+)?(good|great|fine|works?|better|perfect|ok(ay)?|possible)\b/g;

/** Days of the month the caller named: "the 5th", "March fifth", "on the twelfth". With `listed`
 *  times just read out, a bare "the second" is a position in that list, not the 2nd of the month. */
function datesSaid(lower: string, listed = 0): number[] {
  const found: number[] = [];
  for (const m of lower.matchAll(
    new RegExp(`\\b(?:(?:${MONTHS})\\s+(?:the\\s+)?|the\\s+)(\\d{1,2})(?:st|nd|rd|th)?\\b`, "g"),
  ))
    found.push(Number(m[1]));
  for (const m of lower.matchAll(/\b(\d{1,2})(st|nd|rd|th)\b/g)) found.push(Number(m[1]));
  for (const m of lower.matchAll(
    new RegExp(
      `\\b(?:(?:${MONTHS})\\s+(?:the\\s+)?|the\\s+)?(twenty[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first|${DAY_OF_MONTH_WORDS.join("|")})\\b`,
      "g",
    ),
  )) {
    const word = m[1]!.replace(/[- ]/g, "");
    const tens = word.startsWith("twenty") ? 20 : word.startsWith("thirty") ? 30 : 0;
    const unit = word.replace(/^(twenty|thirty)/, "");
    const n =
      word === "thirtieth" ? 30 : word === "twentieth" ? 20 : tens + DAY_OF_MONTH_WORDS.indexOf(unit) + 1;
    // Bare ordinals ("the second one") are positions, not dates: only with "the"/a month and no "one"
    // after, nor what the caller is offered ("the first you've got", "the first available").
    const lead = lower.slice(0, m.index) + m[0].slice(0, m[0].length - m[1]!.length);
    if (!/\b(the|on)\s*$/.test(lead) && !new RegExp(`(${MONTHS})\\s+(the\\s+)?$`).test(lead)) continue;
    if (
      /^\s+(one|option|time|slot|choice|spot|opening|available|thing|(you|y'all)(\s+(have|got)|'ve\s+got|\s+can))\b/.test(
        lower.slice(m.index + m[0].length),
      )
    )
      continue;
    const withMonth =
      new RegExp(`(${MONTHS})\\s+(the\\s+)?$`).test(lead) ||
      new RegExp(`^\\s+of\\s+(${MONTHS}|the month|this month|next month)\\b`).test(
        lower.slice(m.index + m[0].length),
      );
    if (!withMonth && listed >= 2 && n <= listed) continue;
    found.push(n);
  }
  return [...new Set(found.filter((n) => n >= 1 && n <= 31))];
}

const DAY_REFUSED_AFTER =
  /^[^\w.?!]*((in the )?(morning|afternoon|evening)s?\s+)?('s|s|is|are|would be|will be)?\s*(no good|(got |is |was )?(messed|screwed|mixed) up|fell through|not good|not great|bad|out|booked|full|busy|my |a no|no\b|won't|doesn't|does not|not going|tough|rough|difficult|a problem|no go|not possible|not ideal|terrible|awful|hard|impossible|can't|isn't|not gonna|(i'?m|i am|we'?re|we are|i'?ll be|we'?ll be) (working|at work|busy|away|gone|out|traveling|travelling|on a job|on the job|at a job|on site|at the office|at the hospital|in court)|(i'?m|i am|we'?re|we are|i'?ll be|we'?ll be) (?!going to be (home|here|there|around|free|available))[a-z]+ing\b|(i|we)(?: have| got|'ve got| have got) (a |an |my |our |the )?(appointment|meeting|class|doctor|dentist|shift|plans|company|guests|church|school|thing|jury duty|surgery|court|work|a funeral|a wedding)|(i|we|he|she) (work|works|have work|has work)\b|(i|we) (can'?t|cannot|couldn'?t)\b(?! wait)|(i|we)(?: have| got|'ve got| have got) (my|our) [a-z]+)/;
/** "the dentist at 2", "a meeting at 10:30": the hour of something the caller has on. */
const BUSY_AT =
  /\b(?:dentist|doctor|appointment|meeting|class|shift|practice|church|school|pickup|pick up|interview|flight|lunch with)\s+(?:at|around)\s+(?:\d{1,2}(?::\d{2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b(?:\s*(?:a\.?m\.?|p\.?m\.?|o'?clock))?/g;
/** "I have the dentist", "we've got guests", "my sister is coming": something the caller has on the day named next. */
const BUSY_WITH_BEFORE =
  /(?:\b(?:i'?m|i am|we'?re|we are)\s+(?!going\b|gonna\b|free\b|available\b|home\b|around\b|looking\b|hoping\b)[a-z]+ing(?:\s+(?:it|the house|the place|them|my|our|a|an|the|him|her))?(?:\s+[a-z]+)?|\b(?:i|we)(?: have|'ve got| got| have got|'ve) (?:a |an |my |our |the )?(?:appointment|meeting|class|doctor|dentist|shift|plans|company|guests|church|school|surgery|funeral|wedding|flight)|\b(?:is|are|'s|'re) (?:coming|visiting|arriving|staying|in town|coming over|coming in))\s+(?:on\s+|this\s+|next\s+)?$/;
/**
 * "I have water aerobics in the", "I work in the", "I work": what the caller is busy with, right
 * before a part of the day ("i work mornings"; "I have mornings free" is not busy).
 */
const BUSY_BEFORE =
  /\b(?:i|we)(?: both| all| usually| normally| mostly)?(?:(?: have|'ve got| got| work| am working|'m working|'m at| am at|'m busy| am busy|'re busy| are busy)\b[^.?!,]*\b(?:in|during) (?:the )?|(?: work| am working|'m working|'m at work| am at work|'m busy| am busy|'re busy| are busy| have class| have school) (?:most |every |on )?)$/;
/** "…i work tuesday mornings": said right after a part of the day, the work is on the day it names. */
const WORK_ON_A_DAY_NEXT =
  /^\W*(?:i|we|he|she) (?:work|works)\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b/;
const DAY_WANTED_BEFORE =
  /\b(how about|what about|can we do|could we do|can you do|could you do|let'?s do|maybe|prefer|rather|instead|try|book|take|give me|make it|make that|change it to|switch it to|move it to)\s+(the\s+)?$/;
/** "…is fine", "Wednesday after lunch works", "Wednesday afternoon would be possible": the day is wanted. */
const DAY_WANTED_AFTER =
  /^\W*((in the |after |around )?(morning|afternoon|evening|lunch|noon)s?\s+)?('s|s|is|are|would be|will be)?\s*(fine|good|great|better|works|suits|ok|okay|perfect|instead|would work|could work|is best|is better|please|possible|available|open|free)/;

function daysSaid(lower: string): { wanted: string[]; refused: string[] } {
  const wanted: string[] = [];
  const refused: string[] = [];
  const saysNo = SLOT_NO.test(lower);
  for (const [re, day] of DAY_WORDS) {
    for (const m of lower.matchAll(new RegExp(re.source, "g"))) {
      const before = lower.slice(Math.max(0, m.index - 24), m.index);
      // "Tuesday and Thursday morning I am working": what is said after a list of days is said of each.
      const after = lower
        .slice(m.index + m[0].length, m.index + m[0].length + 60)
        .replace(/^\s*(?:(?:,|and|or|&)\s*(?:mon|tues|wednes|thurs|fri|satur|sun)days?\s*)+/, " ")
        .slice(0, 30);
      const no =
        NEGATED_DAY.test(before) ||
        // "I work Tuesdays and Thursdays", "I got class Tuesday and Thursday mornings": every day of the list is out.
        /\b(work|working|i'?m at work|busy|gone|away|out of town|class|classes|school)\s+(on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?,?\s+(?:and\s+|or\s+|&\s+)?)*$/.test(
          lower.slice(Math.max(0, m.index - 60), m.index),
        ) ||
        // "I have the dentist Tuesday": what keeps the caller busy, said before the day.
        BUSY_WITH_BEFORE.test(lower.slice(Math.max(0, m.index - 40), m.index)) ||
        DAY_REFUSED_AFTER.test(after);
      const yes = DAY_WANTED_BEFORE.test(before) || DAY_WANTED_AFTER.test(after);
      // "tuesday i can't wednesday afternoon is better" (speech without its full stop): the "can't"
      // is said of the day before it, not of the day that is "better".
      const negated =
        NEGATED_DAY.test(before) &&
        !(yes && /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|tomorrow|today)\b[^.?!,]*$/.test(before));
      if (negated || ((no || saysNo) && !yes)) refused.push(day);
      else wanted.push(day);
    }
  }
  return { wanted: [...new Set(wanted)], refused: [...new Set(refused.filter((d) => !wanted.includes(d)))] };
}

const matchesDay = (s: SlotView, day: string) =>
  day === s.relativeDay ||
  day === s.day.toLowerCase() ||
  (day === "weekend" && ["saturday", "sunday"].includes(s.day.toLowerCase()));

function spokenDay(day: string): string {
  if (day === "today" || day === "tomorrow") return day;
  if (day === "weekend") return "on the weekend";
  return `on ${day.charAt(0).toUpperCase()}${day.slice(1)}`;
}

/**
 * The earliest hour the caller can be there, on the 24-hour clock, when they say one: "after 4",
 * "anything past 2:30?", "I work until 3:30". An hour from 1 to 7 said without AM or PM is in the
 * afternoon. Null when none is said.
 */
function earliestHourSaid(lower: string): number | null {
  const m =
    /\b(?:(?:only |not )?(?:free|home|available|around|back|off)\s+)?(?:after|past|later than)\s+(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?!\d|\s*(?:days?|weeks?|minutes?|hours?|years?))/.exec(
      lower,
    ) ??
    /\b(?:work|working|busy|at work|in class|at school|on shift)\s+(?:until|till|'til|til)\s+(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?/.exec(
      lower,
    );
  if (!m) return null;
  const hour = Number(m[1]);
  if (hour < 1 || hour > 12) return null;
  const pm = m[3] ? m[3].startsWith("p") : hour <= 7;
  const h24 = hour === 12 ? 12 : pm ? hour + 12 : hour;
  return h24 + (m[2] ? Number(m[2]) / 60 : 0);
}

/** 16.5 → "4:30 PM". */
function clockHour(h24: number): string {
  const hour = Math.floor(h24);
  const minutes = Math.round((h24 - hour) * 60);
  return `${hour % 12 || 12}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""} ${hour < 12 ? "AM" : "PM"}`;
}

/** How the caller answered the time(s) just offered. `mentioned`: 0-based positions just read out. */
export function slotChoiceOf(
  said: string,
  slots: SlotView[],
  mentioned: number[] = slots.length ? [0] : [],
  declined: number[] = [],
): SlotChoice {
  if (slots.length === 0) return null;
  // (" no. ": a "no good" says no to what came before it, never to the day said after it.)
  const lower = said.replace(NEGATED_YES, " no. ");
  const spoken = mentioned.filter((i) => i >= 0 && i < slots.length);
  const current = spoken.length ? spoken : [0];

  // Filters: days (minus refused ones), dates, parts of the day, clock hours.
  const { wanted, refused } = daysSaid(lower);
  const dates = datesSaid(lower, spoken.length);
  // ("I'm busy mornings, is there an afternoon?": a part of the day asked for is no plain no.)
  const saysNo =
    SLOT_NO.test(lower) &&
    !/\b(works|fine|good|better|great|perfect|prefer|rather|how about|what about|can we do|could we do|let'?s do|make it|instead|switch it|move it|change it)\b/.test(
      lower,
    ) &&
    !/\b(is there|anything|got any|have any|do you have)\b[^.?!]*\b(morning|afternoon|evening)s?\b/.test(
      lower,
    );
  // "I have class all morning": a part of the day said with a no is a part of the day that is out,
  // and so is one the caller is busy in ("I have water aerobics in the mornings").
  const partNegated = (re: RegExp) => {
    const m = new RegExp(re.source).exec(lower);
    return (
      !!m &&
      (NEGATED_DAY.test(lower.slice(Math.max(0, m.index - 24), m.index).replace(/\b(in|the)\s+/g, "")) ||
        BUSY_BEFORE.test(lower.slice(Math.max(0, m.index - 60), m.index)) ||
        (DAY_REFUSED_AFTER.test(lower.slice(m.index + m[0].length, m.index + m[0].length + 30)) &&
          // "wednesday afternoon i work tuesday mornings": the work is on the day named next.
          !WORK_ON_A_DAY_NEXT.test(lower.slice(m.index + m[0].length))))
    );
  };
  // "I'm at the airport all morning": the part of the day the caller is busy, not one they want.
  const allOf = (re: RegExp) => {
    const m = new RegExp(re.source).exec(lower);
    return (
      !!m && /\b(all|the whole|the entire)\s+(the\s+)?$/.test(lower.slice(Math.max(0, m.index - 16), m.index))
    );
  };
  // "…i work tuesday mornings": the part of a day turned down is no part of the day wanted.
  const ofARefusedDay = (re: RegExp) => {
    const m = new RegExp(re.source).exec(lower);
    const day =
      m &&
      /\b(mon|tues|wednes|thurs|fri|satur|sun)days?\s+$/.exec(
        lower.slice(Math.max(0, m.index - 12), m.index),
      );
    return !!day && refused.includes(`${day[1]}day`);
  };
  const parts = PARTS_OF_DAY.filter(
    ([re]) => re.test(lower) && !saysNo && !partNegated(re) && !allOf(re) && !ofARefusedDay(re),
  );
  // "Tuesday mornings we have book club": that day is out (daysSaid), not every morning.
  const ofADay = (re: RegExp) => {
    const m = new RegExp(re.source).exec(lower);
    return (
      !!m &&
      /\b(mon|tues|wednes|thurs|fri|satur|sun)days?\s+$/.test(lower.slice(Math.max(0, m.index - 12), m.index))
    );
  };
  const refusedParts = PARTS_OF_DAY.filter(
    ([re]) => re.test(lower) && (saysNo || (partNegated(re) && !ofADay(re))),
  );
  // ("I've got the dentist at 2": the hour of something else, not a time asked for.)
  const times = hoursSaid(
    lower
      .replace(/\b(\d{1,2})(st|nd|rd|th)\b/g, "")
      .replace(BUSY_AT, " ")
      // ("after 4", "until 3:30": a bound, read by earliestHourSaid, not a time asked for.)
      .replace(
        /\b(?:after|past|later than|until|till|'til|til)\s+\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?/g,
        " ",
      ),
  );
  let candidates = slots
    .map((_, i) => i)
    .filter((i) => !declined.includes(i))
    .filter((i) => !refused.some((d) => matchesDay(slots[i]!, d)))
    .filter((i) => !refusedParts.some(([, , fits]) => fits(slots[i]!.hour)));
  const asked: string[] = [];
  if (wanted.length) {
    candidates = candidates.filter((i) => wanted.some((d) => matchesDay(slots[i]!, d)));
    asked.push(spokenDay(wanted[0]!));
  }
  if (dates.length) {
    candidates = candidates.filter(
      (i) => slots[i]!.dayOfMonth !== undefined && dates.includes(slots[i]!.dayOfMonth!),
    );
    if (!wanted.length)
      asked.push(
        `on the ${dates[0]}${dates[0] === 1 || dates[0] === 21 || dates[0] === 31 ? "st" : dates[0] === 2 || dates[0] === 22 ? "nd" : dates[0] === 3 || dates[0] === 23 ? "rd" : "th"}`,
      );
  }
  if (parts.length === 1) {
    const [, label, fits] = parts[0]!;
    candidates = candidates.filter((i) => fits(slots[i]!.hour));
    asked.push(label);
  }
  if (times.length) {
    const before = candidates;
    candidates = candidates.filter((i) => {
      const s = slots[i]!;
      const hour12 = s.hour % 12 === 0 ? 12 : s.hour % 12;
      const meridiem = s.hour < 12 ? "am" : "pm";
      return times.some(
        (t) =>
          t.hour === hour12 &&
          (t.minute === null || t.minute === s.minute) &&
          (t.meridiem === null || t.meridiem === meridiem),
      );
    });
    // "between 1 and 3": a window's end hour is no reason to reject the window.
    if (candidates.length === 0 && before.length && times.length > 1)
      candidates = before.filter((i) => times.some((t) => t.hour === (slots[i]!.hour % 12 || 12)));
    if (!asked.length)
      asked.push(`at ${times[0]!.hour}${times[0]!.meridiem ? ` ${times[0]!.meridiem.toUpperCase()}` : ""}`);
  }
  // "I'm only free after 4", "I work until 3:30": no window that starts before then.
  const after = earliestHourSaid(lower);
  if (after !== null) {
    candidates = candidates.filter((i) => slots[i]!.hour + (slots[i]!.minute ?? 0) / 60 >= after);
    asked.push(`after ${clockHour(after)}`);
  }
  const filtered =
    wanted.length > 0 || dates.length > 0 || parts.length === 1 || times.length > 0 || after !== null;

  if (filtered) {
    if (candidates.length === 0) return { kind: "unavailable", asked: asked.join(" ") };
    const alreadySaid = candidates.filter((i) => current.includes(i));
    if (candidates.length === 1) return { kind: "pick", index: candidates[0]! };
    if (alreadySaid.length === 1) return { kind: "pick", index: alreadySaid[0]! };
    if (SOONEST.test(lower)) return { kind: "pick", index: candidates[0]! };
    return { kind: "offer", indices: candidates.slice(0, 2) };
  }
  if (refused.length || refusedParts.length) {
    // "Tuesday's bad", "not in the morning": the times just offered are out; if one that is left
    // fits better than the rest, offer it, else the next ones in order.
    // "Wednesday's no good" (or "not afternoons") of Wednesday and Thursday just read out: Thursday is still on the table.
    const kept = candidates.filter((i) => current.includes(i));
    if (current.length > 1 && kept.length) return { kind: "offer", indices: kept };
    const left = candidates.filter((i) => !current.includes(i));
    if (refusedParts.length && left.length) return { kind: "offer", indices: left.slice(0, 2) };
    return { kind: "declined" };
  }
  if (SOONEST.test(lower)) return { kind: "pick", index: 0 };
  for (const [re, position] of ORDINALS) {
    if (re.test(lower)) {
      const index =
        current.length > position ? current[position] : position < slots.length ? position : undefined;
      return index === undefined ? null : { kind: "pick", index };
    }
  }
  if (LAST_ONE.test(lower)) return { kind: "pick", index: current[current.length - 1]! };
  if (saysNo) return { kind: "declined" };
  if (ANY.test(lower) && !/\b(any|anything) (other|else)\b/.test(lower))
    return { kind: "pick", index: current[0]! };
  if (SLOT_YES.test(lower)) return { kind: "pick", index: current[0]! };
  return null;
}

// ── caller questions, third parties, units ─────────────────────────────────────────────────

/** The words after "do you install…": the service asked about. */
const SERVICE_VERBS = QUESTION_LISTS["service verb"].join("|");
const SERVICE_AFTER = new RegExp(
  `(?:\\b(?:do|can|will|does|could) (?:you|y'?all|ya|your (?:company|guys|team|people))|^(?:(?:oh|and|also|hey|plus|so)\\W+)*(?:you|y'?all))(?: guys| all)? (?:${SERVICE_VERBS})\\s+(.*)$`,
);
/** Words that open a question when speech recognition wrote no punctuation ("…it just hums how much do y'all charge"). */
const QUESTION_WORDS =
  "what's (?:your|the)|where's (?:the|your)|how (?:much|long|soon|many|late|early)|do (?:you|y'all|ya)|does (?:it|that|the plumber)|can (?:you|y'all|somebody|someone|anybody|anyone)|could (?:you|y'all|somebody|someone)|will (?:you|y'all|somebody|someone|the plumber)|what (?:time|do|does|would|will)|are (?:you|y'all)|is (?:there|it|this|the plumber)|when (?:can|do|will|are|does)";
const QUESTION_OPENER = new RegExp(`\\s+(?=(?:${QUESTION_WORDS})\\b)`, "gi");
const OPENS_A_QUESTION = new RegExp(`^(?:${QUESTION_WORDS})\\b`, "i");
/** A caller's statement starting after a question ("…email address i want to send pictures"). */
const STATEMENT_OPENER =
  /\s+(?=(?:i|we) (?:want|wanna|wanted|need|needed|have|had|got|was|were|just|would like|think)\b|(?:i'm|we're|there's|there is|there are)\s)/gi;
const LEAD_IN = /^(?:(?:yeah|yes|hi|hello|hey|ok|okay|so|and|oh|um+|uh+|well)\b[,\s]*)+/i;

/**
 * The sentences of an answer. An answer with no punctuation at all (speech recognition often
 * writes none) is cut before each word that opens a question after two words or more, so
 * "garbage disposal is jammed it just hums how much do yall charge for that" is a problem and a
 * question, and "walt kowalski uh do yall install softeners" a name and a question.
 */
export function sentencesOf(text: string): string[] {
  const sentences = text.match(/[^.?!]+[.?!]*/g) ?? [text];
  // "Mike put it in two years ago, can you send Mike?": the question after the comma is its own.
  if (sentences.length > 1 || /[.?!,]/.test(text)) return sentences.flatMap(questionAfterComma);
  const parts: string[] = [];
  let start = 0;
  let inQuestion = OPENS_A_QUESTION.test(text.trim().replace(LEAD_IN, ""));
  const cuts = [
    ...[...text.matchAll(QUESTION_OPENER)].map((m) => ({
      at: m.index,
      end: m.index + m[0].length,
      opens: true,
    })),
    ...[...text.matchAll(STATEMENT_OPENER)].map((m) => ({
      at: m.index,
      end: m.index + m[0].length,
      opens: false,
    })),
  ].sort((a, b) => a.at - b.at);
  for (const cut of cuts) {
    const before = text.slice(start, cut.at).trim();
    const words = before.split(/\s+/);
    if (cut.opens) {
      // A question goes on for a few words ("how much do y'all charge" is one question).
      if (words.length < (inQuestion ? 5 : 2)) continue;
    } else if (
      !inQuestion ||
      words.length < 4 ||
      /^(if|when|because|so|that|and|or|but)$/i.test(words.at(-1)!)
    ) {
      continue;
    }
    // "whats your email address i want to send yall pictures": a statement after the question ends it.
    parts.push(`${before}.`);
    start = cut.end;
    inQuestion = cut.opens;
  }
  parts.push(text.slice(start));
  // Without punctuation nothing says a question was asked: a part cut off where a question opens
  // is one. (An answer that is all one part stays as it is: its problem and its question can't
  // be told apart.)
  const kept = parts.filter((p) => p.trim());
  if (kept.length < 2) return kept;
  return kept.map((p) =>
    OPENS_A_QUESTION.test(p.trim().replace(LEAD_IN, "")) ? `${p.trim().replace(/\.$/, "")}?` : p,
  );
}

const COMMA_THEN_QUESTION = new RegExp(`,\\s+(?=(?:${QUESTION_WORDS})\\b)`, "i");
function questionAfterComma(sentence: string): string[] {
  if (!sentence.trim().endsWith("?")) return [sentence];
  const m = COMMA_THEN_QUESTION.exec(sentence);
  return m ? [`${sentence.slice(0, m.index)}.`, sentence.slice(m.index + m[0].length)] : [sentence];
}

/** The question the caller asks the business, if any, and the service they ask about. */
export function questionOf(said: string): { question: CallerQuestion | null; serviceAsked: string | null } {
  // "Y'all do gas lines, right?": a tag question asks what comes before it.
  const lower = said.replace(/,\s*(right|yeah|correct|yes|no|huh)\s*\?/g, "?");
  const found = questionIn(lower);
  // ("The tub's slow. Oh, and y'all work on well pumps?": the service is the one its own sentence asks about.)
  if (found.question === "services" && found.serviceAsked !== "commercial") {
    const own = sentencesOf(lower)
      .map((sentence) => questionIn(sentence.trim()))
      .find((q) => q.question === "services" && q.serviceAsked !== "commercial");
    if (own) return own;
  }
  if (found.question) return found;
  // A question that starts its own sentence after the problem ("…it just hums. y'all do disposals?").
  for (const sentence of sentencesOf(lower)) {
    // (Commercial work is judged on the whole answer: "…with Westside Property Management. We've
    // got a vacant unit" is a rented home.)
    const inSentence = questionIn(sentence.trim());
    if (
      inSentence.question &&
      inSentence.serviceAsked !== "commercial" &&
      (inSentence.question !== "other" || sentence.includes("?"))
    )
      return inSentence;
  }
  return found;
}

function questionIn(lower: string): { question: CallerQuestion | null; serviceAsked: string | null } {
  for (const [question, rule] of CALLER_QUESTIONS) {
    if (!heard(rule, lower)) continue;
    if (question !== "services") return { question, serviceAsked: null };
    const rest = (SERVICE_AFTER.exec(lower)?.[1] ?? lower).split(/[?.!,]/)[0]!;
    const service = rest
      .replace(
        /\b(too|also|as well|at all|or not|and stuff|or anything|and things like that|by any chance)\b/g,
        "",
      )
      .replace(/[?.!,]+/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    // "Do you guys do restaurants?", or any work asked about by a business ("I manage a dental
    // office… do y'all work on offices?"): commercial work. Not from a property manager or a
    // landlord, whose properties are mostly homes: the question is answered as asked.
    const byBusiness =
      heard(COMMERCIAL, lower) && !/\b(propert(y|ies)|landlord|rentals?|tenants?)\b/.test(lower);
    if ((heard(COMMERCIAL, service) || byBusiness) && !heard(RESIDENTIAL, lower))
      return { question, serviceAsked: "commercial" };
    return { question, serviceAsked: service.slice(0, 60) || null };
  }
  // A business run from a home, or rented homes and units, is residential work.
  if (heard(COMMERCIAL, lower) && !heard(RESIDENTIAL, lower))
    return { question: "services", serviceAsked: "commercial" };
  if (heard(ANY_QUESTION, lower)) return { question: "other", serviceAsked: null };
  return { question: null, serviceAsked: null };
}

/** Where one question ends and the next begins: a sentence's end, or "and"/"also" before a question word. */
const NEXT_QUESTION =
  /(?<=[.?!])\s+|,?\s+(?:and|also|plus|oh and)\s+(?=(?:are|is|do|does|did|can|could|will|would|how|what|when|where|who|y'?all|you|any)\b)/i;

/**
 * Every question asked in one breath, in the order said, one per kind (and per service asked):
 * "how much do you charge, and are you licensed and insured?" asks the price and the license; "am I
 * talking to a robot? And do y'all do water heaters?" asks both. A question of no known kind counts
 * only with its question mark. The words of each are kept for the lead's notes.
 */
export function questionsOf(
  said: string,
): { question: CallerQuestion; serviceAsked: string | null; asked: string }[] {
  const found: { question: CallerQuestion; serviceAsked: string | null; asked: string }[] = [];
  for (const part of said.split(NEXT_QUESTION)) {
    const asked = part.trim().replace(/^\W*(?:(?:and|but|so|oh|also|plus|um+|uh+|okay|ok|well)[,\s]+)*/i, "");
    const q = questionOf(asked.toLowerCase());
    if (!q.question || (q.question === "other" && !asked.includes("?"))) continue;
    if (found.some((f) => f.question === q.question && f.serviceAsked === q.serviceAsked)) continue;
    found.push({ question: q.question, serviceAsked: q.serviceAsked, asked });
  }
  return found;
}

/** The caller's question in their own words (the sentence that asks it), for the lead's notes. */
export function questionSentenceOf(text: string): string | null {
  const sentences = sentencesOf(text);
  const asked = sentences.filter((part) => questionOf(part.toLowerCase()).question !== null);
  const questions = asked.filter((part) => part.includes("?"));
  const pick = (questions.length ? questions : asked).slice(0, 2).join(" ");
  if (!pick) return null;
  const clean = pick
    .replace(
      /^\W*(?:(?:and|but|so|oh|also|um+|uh+|okay|ok|well|hey|hi|yeah|quick question|one question)[,\s]+)*/i,
      "",
    )
    .replace(/^before i (?:give you|go)[^,]*,\s*/i, "")
    .trim();
  if (!clean) return null;
  const sentence = clean.charAt(0).toLowerCase() + clean.slice(1);
  return (sentence.length > 160 ? `${sentence.slice(0, 160).replace(/\s+\S*$/, "")}…` : sentence)
    .replace(/[.!]+$/, "")
    .replace(/([^?])$/, "$1?");
}

/** The caller's words without the sentences that are questions to the business. `byClause`: also
 *  the clauses of a sentence ("the tub drain is slow, what do you charge to come out" keeps the
 *  drain) — for the problem, where what is kept must still be about plumbing. */
/** How a caller asks a price ("I just wanted to know how much it is to…", "what do you charge for…"). */
const PRICE_LEAD =
  /^.*?\b(?:how much|what)\b[^.?!]*?\b(?:is it|it is|it's|it'd be|it would be|does it cost|would it cost|will it cost|it costs?|it'll cost|it would cost|do you charge|do y'all charge|do you guys charge|would you charge|you charge|you guys charge|y'all charge|it runs?|does it run|you get)\s+(?:to|for)\s+/i;

/** The job a price question names, with what was said after it, or null when it names no plumbing job. */
function jobPriced(text: string): string | null {
  const m = PRICE_LEAD.exec(text);
  if (!m) return null;
  const job = text
    .slice(m[0].length)
    .replace(/^(?:a|an|the|my|our)\s+/i, "")
    .trim();
  return job && heard(PLUMBING, job) ? job.replace(/\?/g, ".") : null;
}

function withoutQuestions(text: string, byClause = false): string {
  const isQuestion = (part: string) => {
    const q = questionOf(part.toLowerCase()).question;
    // "Can someone just call me back?" asks for a callback: an answer, not a question.
    if (q === "other" && heard(CALLBACK, part)) return false;
    return !!q && !(q === "services" && heard(COMMERCIAL, part) && !/\?/.test(part));
  };
  return sentencesOf(text)
    .flatMap((sentence) => {
      if (!isQuestion(sentence)) return [sentence];
      if (!byClause) return [];
      const clauses = sentence
        .split(/,|;|\s+-\s+|\b(?:and|but|so|also)\b/i)
        .map((c) => c.trim())
        .filter(Boolean);
      // ("Oh, and y'all work on well pumps?": the "oh" left of it is no part of the problem.)
      const filler = (c: string) => /^(?:oh|ah|so|um+|uh+|well|okay|ok|hey|plus)$/i.test(c);
      return clauses.length > 1 ? clauses.filter((c) => !isQuestion(c) && !filler(c)) : [];
    })
    .join(" ")
    .trim();
}

const RELATION =
  "(?:elderly |older |sick |disabled |old )?(?:tenants?|renters?|mother|mom|father|dad|parents?|grandmother|grandma|grandfather|grandpa|neighbou?rs?|aunt|uncle|sister|brother|daughter|son|mother[- ]in[- ]law|father[- ]in[- ]law|in-laws|friends?|clients?|customers?|landlord|boss|employer)";
/** "I'm her son, Raymond Ortega", "this is the neighbor, Dale Kim": who the caller is to someone, before the name. */
const RELATION_BEFORE_NAME = new RegExp(
  `^(?:her|his|their|the|your)\\s+${RELATION}\\s+(?!(?:next|across|down|up|over|from|of|at|who|that|in|on)\\b)`,
  "i",
);
// "my neighbors the Hendersons", "my in-laws, the Garcias": a family named after the relation.
// A tenant is someone else's with "the" too ("the tenant in unit B says…", from a manager).
const THIRD_PARTY = new RegExp(
  `\\b(?:my|our|the(?=\\s+(?:tenants?|renters?)\\b))\\s+(${RELATION})\\b((?:,?\\s+the(?=\\s+[a-z][a-z'-]+s\\b))?(?:,?\\s+(?:mrs?|ms|miss|dr)\\.?)?(?:,?\\s+[a-z][a-z'-]+){0,2})`,
  "i",
);
const NOT_A_NAME =
  /^(is|has|had|was|says|said|asked|lives|rents|called|told|wants|needs|in|at|who|over|next|down|up|across|unit|apartment|apt|and|but|with|from|just|really|doesn't|does|can't|can|will|would|the|a|his|her|their)$/i;
const UNIT =
  /\b(?:unit|apartment|apt|suite|ste|suit|number|#)\.?\s*#?\s*([0-9]{1,5}[a-z]?|bee|see|sea|dee|[a-z](?![a-z])|[a-z]-?[0-9]{1,4})\b/i;
const UNIT_WORDS: Record<string, string> = {
  a: "A",
  b: "B",
  c: "C",
  d: "D",
  bee: "B",
  be: "B",
  see: "C",
  sea: "C",
  dee: "D",
};

/**
 * "The tenant's Precious Jenkins", "my mom's name is Linda Park", "her son is Dale": someone else
 * named, with who they are to the caller. The name is taken when it is written as a name (capital
 * letters) or is a common given name, or after "name is".
 */
const NAMED_RELATION = new RegExp(
  `\\b(?:my|our|the|her|his)\\s+(${RELATION})(?:'s|’s|\\s+is)(\\s+name(?:'s|’s|\\s+is))?\\s+([\\p{L}][\\p{L}'-]+(?:\\s+[\\p{L}][\\p{L}'-]+)?)`,
  "iu",
);

function namedRelationOf(
  text: string,
): { relation: string; name: string; at: number; length: number } | null {
  const m = NAMED_RELATION.exec(text);
  if (!m) return null;
  const words = m[3]!.split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    if (NOT_A_NAME.test(word) || NAME_STOP.has(word.toLowerCase()) || heard(PLUMBING, word)) break;
    if (!m[2] && !/^\p{Lu}/u.test(word) && !(kept.length === 0 && GIVEN_NAMES.has(word.toLowerCase()))) break;
    kept.push(titleCase(word));
  }
  if (!kept.length) return null;
  const length = m[0].length - (m[3]!.length - m[3]!.split(/\s+/).slice(0, kept.length).join(" ").length);
  return { relation: m[1]!.toLowerCase(), name: kept.join(" "), at: m.index, length };
}

/** Who the caller is calling for, when it is someone else ("my tenant Mrs. Alvarez"). */
export function thirdPartyOf(text: string): string | null {
  const named = namedRelationOf(text);
  if (named) return `my ${named.relation} ${named.name}`;
  const m = THIRD_PARTY.exec(text);
  if (!m) return null;
  const kept: string[] = [];
  const words = (m[2] ?? "").replace(/,/g, " ").trim().split(/\s+/).filter(Boolean);
  // "the Hendersons": the family keeps its article.
  const family =
    words[0]?.toLowerCase() === "the" &&
    words.length > 1 &&
    !NOT_A_NAME.test(words[1]!) &&
    !NAME_STOP.has(words[1]!.toLowerCase()) &&
    !heard(PLUMBING, words[1]!);
  if (family) {
    kept.push("the", titleCase(words[1]!));
    words.length = 0;
  }
  for (const word of words) {
    const bare = word.replace(/\.$/, "");
    if (NOT_A_NAME.test(bare) || (NAME_STOP.has(bare.toLowerCase()) && !/^(mrs?|ms|miss|dr)$/i.test(bare)))
      break;
    // "my son usually fixes", "my son flushed a toy": a word in lower case ending in -ly or -ed is not a name.
    if (/^[a-z]+(ly|ed)$/.test(bare)) break;
    kept.push(/^(mrs?|ms|miss|dr)$/i.test(bare) ? `${titleCase(bare)}.` : titleCase(bare));
  }
  // A title with no name after it says nothing.
  if (kept.length && /\.$/.test(kept[kept.length - 1]!)) kept.pop();
  return `my ${m[1]!.toLowerCase()}${kept.length ? ` ${kept.join(" ")}` : ""}`;
}

/** The apartment, unit or suite mentioned ("unit B", "apartment 3B", "#12"). */
export function unitOf(text: string): string | null {
  const m = UNIT.exec(text);
  if (!m) return null;
  const raw = m[1]!;
  if (/^number$/i.test(text.slice(m.index, m.index + 6)) && !/\b(unit|apartment|apt)\b/i.test(text))
    return null;
  return (UNIT_WORDS[raw.toLowerCase()] ?? raw).toUpperCase();
}

// ── yes or no, line checks, callers who are not customers ──────────────────────────────────

/** A yes or a no to a yes/no question; null when the answer is neither (a question, a name, silence). */
export function yesNoOf(text: string): "yes" | "no" | null {
  const said = text.trim();
  if (!said) return null;
  if (heard(NO_FIRST, said)) return "no";
  if (heard(YES_FIRST, said)) return "yes";
  return null;
}

/**
 * The yes or no that follows an aside or a question of the caller's own: "Oh, I'm Margaret, by the
 * way. No, no, it's just damp", "Is that bad? I mean, yes, it's dripping now". The first part that
 * is no question and starts with a yes or a no answers.
 */
function yesNoAfterAside(text: string): "yes" | "no" | null {
  for (const part of text.split(/(?<=[.?!;])\s+|\bi mean\b|\s+[-—–]+\s+/i)) {
    const answer = part.replace(/^[\s,.;:!-]+/, "");
    if (!answer || /\?\s*$/.test(answer)) continue;
    const yesNo = yesNoOf(answer);
    if (yesNo) return yesNo;
  }
  return null;
}

/** "Hello? Are you still there?": the caller checking the line, never an answer. */
export function isLineCheck(text: string): boolean {
  return heard(LINE_CHECK, text.trim());
}

/** A caller who is not a customer: selling to the business, a recorded message, or a wrong number. */
export function notCustomerOf(text: string): NotCustomerKind | null {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  if (heard(ROBOCALL, lower)) return "robocall";
  if (heard(SALES, lower)) return "sales";
  if (heard(WRONG_NUMBER, lower) && !heard(STILL_A_CUSTOMER, lower)) return "wrong_number";
  return null;
}

// ── the safety question: when to ask it, and about what ────────────────────────────────────

/** What the one safety question should ask about, from the caller's description; null when nothing in it could be dangerous. */
export function safetyTopicOf(description: string): "gas" | "no_service" | "water" | null {
  const lower = description.toLowerCase();
  if (heard(GAS_TOPIC, lower)) return "gas";
  if (heard(NO_SERVICE_TOPIC, lower)) return "no_service";
  if (heard(WATER_TOPIC, lower) && !(heard(SERVICE_VISIT, lower) && !heard(SOMETHING_WRONG, lower)))
    return "water";
  // A hiss with no water in sight could be a gas line.
  if (heard(HISS, lower)) return "gas";
  // "Our tankless unit is acting up": a water heater, whatever it is called.
  if (heard(HEATER_UNSURE, lower)) return "water";
  return null;
}

/**
 * Plainly routine: a quote, an install, "no rush", a small problem (a drip, a slow drain, low
 * pressure, an outdoor spigot, a running toilet, a noise) or one that has gone on for weeks.
 * These never get the safety question; an active leak, no water or something backing up do, and
 * so does a water heater the caller is unsure about or that leaks, even a little.
 */
export function isPlainlyRoutine(description: string): boolean {
  const lower = description.toLowerCase().replace(/[’‘]/g, "'");
  const urgency = urgencyOf(lower);
  // A carbon monoxide detector brought up at all ("it just chirps, I think it's the battery"): the
  // caller is asked whether it is going off, even when the visit itself is routine.
  if (heard(CO_ALARM, lower)) return false;
  if (urgency === "low") return true;
  if (urgency === "emergency") return false;
  // Rotten eggs, sulfur, a skunk: the smell added to gas, even when the caller puts it in the water.
  if (/\b(rotten eggs?|sul(f|ph)ur\w*|skunk\w*)\b/.test(lower)) return false;
  // Water in the bowl going up and down by itself (a toilet's bowl is no bowl catching a drip): the
  // line may be backing up, so it is asked about. So is a drain that gurgles when another fixture is
  // used ("the tub gurgles when somebody flushes"), or a toilet gurgling by itself off and on — a
  // warning that comes and goes is still one.
  if (heard(RISING_BY_ITSELF, lower) || heard(DRAIN_ANSWERS_ANOTHER, lower)) return false;
  // Over and settled ("it overflowed last night, we cleaned it up, it's fine right now") or back
  // now and then and fine today; a smell, a hiss or an alarm is still asked about.
  if (settledInThePast(lower) && safetyTopicOf(lower) !== "gas") return true;
  if (heard(CEILING_OR_WALL, lower)) return false;
  // Said to have gone on for weeks: not happening now.
  if (heard(OVER_TIME, lower)) return true;
  // A water heater the caller is unsure about, or one that leaks even a little: not plainly routine.
  if (heard(HEATER_UNSURE, lower)) return false;
  // A faucet, tub or shower that will not turn off: where the water goes is asked.
  if (heard(WONT_SHUT_OFF, lower)) return false;
  // The caller already said it is contained ("a bowl's catching it", "I turned the valve off", "we're fine").
  if (heard(CALM, lower)) return true;
  if (urgency !== "normal") return false;
  // A clog in one fixture with nothing backing up or coming up elsewhere.
  if (heard(ONE_CLOG, lower) && !heard(SPREAD_WORDS, lower)) return true;
  // A hiss could be a gas line or a pipe letting go; a sound with water found is not just a sound.
  // A sound with a smell ("a faint whistling back there, and it smells like a struck match") could
  // be gas escaping: the smell is asked about.
  if (heard(HISS, lower) || (heard(NOISE, lower) && (heard(WATER_FOUND, lower) || heard(GAS_TOPIC, lower))))
    return false;
  return heard(MINOR, lower) || heard(METER_BOX_SEEPING, lower);
}

// ── corrections and spelled words ──────────────────────────────────────────────────────────

/** The part of an answer after the caller's last self-correction (the whole answer without one). */
export function afterCorrection(text: string, has: (part: string) => boolean): string {
  const cuts = phraseMatches(CORRECTION, text).map((m) => m.end);
  for (let i = cuts.length - 1; i >= 0; i--) {
    const tail = text.slice(cuts[i]);
    if (has(tail)) return tail;
  }
  return text;
}

/**
 * The caller taking back the problem they described, at a later question: "oh, actually, I just
 * checked, the sink's draining now, it's the dishwasher that's full of water, that's the problem".
 * A correction word, then words that put a new problem in the old one's place; returns the new
 * problem as said after the correction, or null.
 */
export function problemChangeOf(text: string): string | null {
  const cuts = phraseMatches(CORRECTION, text).map((m) => m.end);
  for (let i = cuts.length - 1; i >= 0; i--) {
    const tail = text.slice(cuts[i]);
    if (heard(PROBLEM_CHANGED, tail) && heard(PLUMBING, tail)) return summarizeIssue(tail);
  }
  return null;
}

/**
 * The problem as the plumber should read it after something the caller said at the read-back: a
 * word of it put right ("it's the upstairs toilet, not the downstairs one") or a second problem
 * for the same visit ("my garbage disposal is jammed too"). Null when the words change neither.
 */
export function problemAtReadBack(issue: string, said: string): string | null {
  const swapped = (right: string, wrong: string, thing: string | null) => {
    const inIssue = new RegExp(`\\b${wrong}\\b`, "i");
    if (
      right.toLowerCase() === wrong.toLowerCase() ||
      !inIssue.test(issue) ||
      (thing !== null && !new RegExp(`\\b${thing}`, "i").test(issue))
    )
      return null;
    return issue.replace(inIssue, (w) =>
      w[0] === w[0]!.toUpperCase() ? titleCase(right) : right.toLowerCase(),
    );
  };
  // "the upstairs toilet, not the downstairs one"
  const swap =
    /\b([a-z]+)\s+([a-z]+),?\s+not\s+(?:the\s+|my\s+|our\s+|a\s+)?([a-z]+)(?:\s+(?:one|\2))?\b/i.exec(said);
  const fixed = swap && swapped(swap[1]!, swap[3]!, swap[2]!);
  if (fixed) return fixed;
  // "did I say kitchen? I meant the bathroom faucet", "I said front but I meant the back one"
  const meant =
    /\b(?:did i say|i said|i say)\s+(?:the\s+|my\s+|our\s+)?([a-z]+)\b[^.!]*?[.?!,]?\s*(?:but\s+)?i (?:meant|mean)(?: to say)?\s+(?:the\s+|my\s+|our\s+)?([a-z]+)/i.exec(
      said,
    );
  const meantFixed =
    meant && !/^(it|that|this|to|one)$/i.test(meant[2]!) && swapped(meant[2]!, meant[1]!, null);
  if (meantFixed) return meantFixed;
  const added = said
    .split(/(?<=[.!?])\s+|\s+[—–-]\s+/)
    // ("…the toilet upstairs also rocks, can he look at both?": the request after it is no question about the toilet.)
    .map((part) =>
      part.replace(
        /,\s*(?:can|could|will|would)\s+(?:he|she|they|you|someone|somebody)\b[^.!?]*\?\s*$/i,
        ".",
      ),
    )
    .find((part) => ALSO.test(part) && heard(PLUMBING, part) && !part.trim().endsWith("?"));
  const summary =
    added &&
    summarizeIssue(
      added
        .replace(/^\W*(?:(?:oh|and|also|yeah|yes|yep)\W+)+/i, "")
        .replace(new RegExp(`^${ALSO.source}[,\\s]*(?:here|there)?[,\\s]*`, "i"), ""),
    );
  return summary
    ? `${issue.replace(/[.\s]+$/, "")}. Also: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`
    : null;
}
/** Words that add one more thing to what was said. */
const ALSO =
  /\b(too|also|as well|another|one more thing|while (?:he's|he is|she's|she is|you're|they're|y'all are|someone's|somebody's) (?:out|over|here|there))\b/i;

/** Letters to change to turn one word into the other (Levenshtein distance). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** "The last name's O'Malley, O apostrophe M A L L E Y": the last name said as such, or null. */
export function lastNameSaid(text: string): string | null {
  const word = LAST_NAME.exec(joinSpelling(text))?.[1]?.replace(/[-']+$/, "");
  if (!word || NAME_STOP.has(word.toLowerCase()) || !nameOf(word, true)) return null;
  // ("The last name starts with a Q", "the last name is right": said of the name, not the name.)
  return /^(right|correct|fine|good|wrong|ok|okay|spelled|spelt|starts|begins|ends|has|sounds|should|needs|isn't|is|was)$/i.test(
    word,
  )
    ? null
    : titleCase(word);
}

/**
 * A caller correcting the name they already gave, at a later question: "no sorry, it's Simms with
 * two m's", "actually it's Kathryn with a K". The correction must restate the name (the same first
 * name, or a word a letter or two off the one stored); a name said on its own replaces its half.
 * Returns the corrected full name, or null when the words are not such a correction.
 */
export function nameCorrectionOf(text: string, stored: string | undefined): string | null {
  if (!stored) return null;
  const start = phraseMatches(NAME_CORRECTION_START, text.trim())[0];
  const rest = start
    ? text
        .trim()
        .slice(start.end)
        .replace(/^[\s,.!-]+/, "")
    : null;
  if (rest === null || !heard(NAME_CORRECTION_CUE, rest)) return null;
  const said = nameOf(joinSpelling(rest).replace(/\b(that'?s|that is)\b/gi, "it's"), true);
  if (!said) return null;
  const words = said.split(" ");
  if (words.length === 1) {
    const fixed = withHalfFixed(stored, said);
    return fixed === stored ? null : fixed;
  }
  if (!words.some((w) => stored.split(" ").some((o) => closeNames(o, w)))) return null;
  return said === stored ? null : said;
}

const closeNames = (a: string, b: string) =>
  a.toLowerCase() === b.toLowerCase() ||
  (Math.min(a.length, b.length) >= 3 && editDistance(a.toLowerCase(), b.toLowerCase()) <= 2);

/** "Mendes… no, Mendez": one half of a name said again, put in place of the half it is close to; null when it is close to none. */
function withHalfFixed(name: string, half: string): string | null {
  const old = name.split(" ");
  // "Mary Sol… no, Marisol, one word": two words heard for what is one.
  const joined = old.findIndex(
    (w, i) => i + 1 < old.length && closeNames(w + old[i + 1]!, half) && !closeNames(w, half),
  );
  if (joined >= 0) return [...old.slice(0, joined), half, ...old.slice(joined + 2)].join(" ");
  const at = old.findIndex((w) => closeNames(w, half));
  return at < 0 ? null : old.map((w, i) => (i === at ? half : w)).join(" ");
}

// Letters said one by one, apart by spaces, dots, hyphens or commas ("K, E, I, R, A"); the word
// before (two letters or more: a single letter is part of the spelling) is kept apart.
const SPELLING =
  /(?:\b([a-z][a-z'-]+)[\s,]+(?:(?:that'?s|spelled|spelt|it'?s)\s+)?)?\b((?:[a-z](?:[\s.,-]+|$)){2,}[a-z]?)\b/gi;
/** Spelled letters, "dash" or "hyphen", spelled letters: a hyphenated name spelled out. */
const SPELLED_WITH_DASH =
  /\b((?:[a-z][\s.,]+)*[a-z])[\s.,]+(?:dash|hyphen|-)[\s.,]+((?:[a-z][\s.,]+)+[a-z])\b/gi;
/** Words that only lead in to a spelling ("That's S-I-O-B-H-A-N"): dropped with it. */
const SPELLING_LEAD = /^(that'?s|it'?s|its|spelled|spelt|is)$/i;

/**
 * The words of one run of spelled letters. Letters joined by hyphens are one word each, apart
 * where a space alone comes between ("K-E-I-R-A D-O-U-G-H-T-Y" is two); letters apart by commas
 * are one word up to a full stop ("K, E, I, R, A. D, O, U…" is two). Letters apart by spaces or
 * dots are one word: nothing in them tells where a word ends.
 */
function spelledWords(spelled: string): string[] {
  const breakAt = spelled.includes("-") ? /^[^-]+$/ : spelled.includes(",") ? /[.;]/ : null;
  const words: string[] = [];
  let word = "";
  for (const [, letter, gap] of spelled.matchAll(/([a-z])([^a-z]*)/gi)) {
    word += letter;
    if (breakAt && gap && breakAt.test(gap) && /\S|\s/.test(gap)) {
      words.push(word);
      word = "";
    }
  }
  if (word) words.push(word);
  return words;
}

/**
 * Joins letter-by-letter spelling ("J O N", "K-O-W-A-L-S-K-I") into the word. A name said and
 * then spelled keeps its place with the spelled letters' spelling: "Jon, J O N" and "Siobhan
 * Kelly. That's S-I-O-B-H-A-N." (the spelled word replaces the word a few words before that starts
 * with the same letter), unless the spelling is introduced as a first or last name of its own.
 */
export function joinSpelling(said: string): string {
  // "Stephen with a P H": the article is not a letter of the spelling.
  // "Marta without an h": a letter the name does not have is no part of it.
  // "katherine with a k k a t h e r i n e": the letter named, then the whole name spelled from it.
  // "d apostrophe a l e s s a n d r o": the apostrophe said as a word is put back after the letter
  // before it ("D'Alessandro", "O'Brien").
  const apostrophes = [...said.matchAll(/\b([a-z])\s+apostrophe\s+([a-z])\b/gi)].map((m) => m[1]! + m[2]!);
  const text = said
    // "grace oh malley" is Grace O'Malley (O_SURNAME).
    .replace(O_SURNAME, (_, stem: string) => `O'${titleCase(stem)}`)
    // "A L, dash, A M I N": two spelled parts with a dash said between them are one hyphenated word.
    .replace(SPELLED_WITH_DASH, (_, a: string, b: string) =>
      [a, b].map((part) => titleCase(part.replace(/[^a-z]/gi, "").toLowerCase())).join("-"),
    )
    .replace(/\b([a-z])\s+apostrophe\s+(?=[a-z]\b)/gi, "$1 ")
    .replace(/\bwith ?out an? [a-z]\b,?\s*/gi, "")
    // "starts with a q not a k q u i n t a n i l l a": the letter it is not is no part of the spelling.
    .replace(/,?\s*\bnot an? [a-z]\b[\s,]*(?=[a-z](?:[\s.,-]+[a-z]\b){2,})/gi, " ")
    .replace(/\bwith an? ([a-z])[\s,.-]+(?=\1(?:[\s.,-]+[a-z]\b){3,})/gi, "")
    .replace(/\bwith an? (?=[a-z][\s.,-]+[a-z]\b)/gi, "with ");
  let out = "";
  let at = 0;
  for (const m of text.matchAll(SPELLING)) {
    const [whole, before, spelled] = [m[0], m[1], m[2]!];
    out += text.slice(at, m.index);
    at = m.index + whole.length;
    const letters = spelled.replace(/[^a-z]/gi, "");
    if (letters.length < 2 || !/[\s.,-]/.test(spelled.trim())) {
      out += whole;
      continue;
    }
    // The full stop or comma after the last letter still ends its sentence or clause
    // ("…E L L I S O N. Ruth.", "stephen with a p h, stephen cole").
    const ending = /[a-z]\s*([.,;])[\s.,;-]*$/i.exec(spelled)?.[1] ?? "";
    const word =
      spelledWords(spelled.trim())
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
        .join(" ") + ending;
    // "Philip, with a P H": a few letters to say how part of a name is written, not a word.
    if (before?.toLowerCase() === "with" && letters.length <= 3) {
      out += `${before}${ending} `;
      continue;
    }
    const sameName = (w: string) =>
      w.length >= 2 && w[0]!.toLowerCase() === letters[0]!.toLowerCase() && !NAME_STOP.has(w.toLowerCase());
    // The word before is the same name said out loud ("Jon, J O N"): keep one.
    if (before && sameName(before)) {
      out += `${word} `;
      continue;
    }
    // "Siobhan Kelly. That's S-I-O-B-H-A-N": the name said a few words before, now spelled.
    const earlier = [...out.matchAll(/[a-z][a-z'-]*/gi)]
      .slice(-6)
      .reverse()
      .find((w) => sameName(w[0]));
    const ownHalf = earlier && /\b(name|surname)\b/i.test(`${out.slice(earlier.index)} ${before ?? ""}`);
    if (earlier && !ownHalf) {
      out = `${out.slice(0, earlier.index)}${word}${out.slice(earlier.index + earlier[0].length)}`;
      if (before && !SPELLING_LEAD.test(before)) out += `${before} `;
      continue;
    }
    out += `${before ? `${before} ` : ""}${word} `;
  }
  out += text.slice(at);
  for (const [a, b] of apostrophes)
    out = out.replace(
      new RegExp(`\\b${a}${b}([a-z]{2,})`, "i"),
      (_, rest: string) => `${a!.toUpperCase()}'${b!.toUpperCase()}${rest.toLowerCase()}`,
    );
  return out;
}

// ── two ZIP codes in one answer ────────────────────────────────────────────────────────────

/** With two ZIP codes in one answer, the one where the work is ("I live in 10001 but the rental is in 78701"); null when it can't be told. */
export function workZipOf(text: string): string | null {
  const clauses = text.split(
    /[.;!?]|,\s*(?=but|and|though|the|it|my|her|his)|\bbut\b|\bwhile\b|\bwhereas\b/i,
  );
  const work: string[] = [];
  const home: string[] = [];
  const all: string[] = [];
  // "…but the house is out in Cedar Park. 78613.": a ZIP said on its own belongs to the place
  // named just before it.
  let placeBefore = "";
  for (const clause of clauses) {
    const zip = findZip(clause);
    const own = clause.toLowerCase();
    const lower = heard(HOME_PLACE, own) || heard(WORK_PLACE, own) ? own : `${placeBefore} ${own}`;
    if (!zip) {
      placeBefore = own;
      continue;
    }
    placeBefore = "";
    all.push(zip);
    if (heard(HOME_PLACE, lower) && !heard(WORK_PLACE, withoutPhrase(HOME_PLACE, lower))) home.push(zip);
    else if (heard(WORK_PLACE, lower)) work.push(zip);
  }
  const distinct = [...new Set(all)];
  if (distinct.length < 2) return null;
  const workOnly = [...new Set(work.filter((z) => !home.includes(z)))];
  if (workOnly.length === 1) return workOnly[0]!;
  const notHome = distinct.filter((z) => !home.includes(z));
  return notHome.length === 1 ? notHome[0]! : null;
}

// ── one utterance ───────────────────────────────────────────────────────────────────────────

// ── what speech recognition hands over ───────────────────────────────────────────────────

/** Contractions speech recognition often writes without their apostrophe ("its still coming", "theres water"). */
const BARE_CONTRACTIONS: Record<string, string> = {
  im: "I'm",
  ive: "I've",
  theres: "there's",
  heres: "here's",
  thats: "that's",
  whats: "what's",
  wheres: "where's",
  whos: "who's",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  wont: "won't",
  isnt: "isn't",
  arent: "aren't",
  wasnt: "wasn't",
  werent: "weren't",
  havent: "haven't",
  hasnt: "hasn't",
  couldnt: "couldn't",
  wouldnt: "wouldn't",
  shouldnt: "shouldn't",
  youre: "you're",
  theyre: "they're",
  yall: "y'all",
};
/** Plumbing words speech recognition writes as other words or in two ("clocked up", "over flowing"). */
const MISHEARD_AS: Record<string, string> = {
  clocked: "clogged",
  "clocked up": "clogged up",
  "over flowing": "overflowing",
  "over flowed": "overflowed",
  "over flow": "overflow",
  "over flows": "overflows",
  "hose bid": "hose bibb",
  "hose bids": "hose bibbs",
  "every where": "everywhere",
  "any where": "anywhere",
  "some where": "somewhere",
  "no where": "nowhere",
  "every thing": "everything",
  "out door": "outdoor",
  "with out": "without",
  leek: "leak",
  leeks: "leaks",
  leeking: "leaking",
  leeked: "leaked",
};
const MISHEARD =
  /\b(?:clocked(?: up)?|over flow(?:ing|ed|s)?|hose bids?|(?:every|any|some|no) where|every thing|out door|with out|leek(?:s|ing|ed)?)\b/gi;

/**
 * Sound-alikes speech recognition picks where the words around them say which one was meant:
 * water "threw the ceiling", "the sealing is dripping", "all over the flour", "the pressure's real
 * week", "not sure were it's coming from".
 */
const SOUND_ALIKES: readonly [RegExp, string][] = [
  [/\bthrew (?=the (?:ceiling|sealing|wall|floor|flour|roof|light|vent|drywall)\b)/gi, "through "],
  [/\b(through|from|in|on) the sealing\b/gi, "$1 the ceiling"],
  [/\bthe sealing (?=is|was|has|fan|light|above|below|downstairs|upstairs|in)\b/gi, "the ceiling "],
  [/\b(on|across|onto|off|over|all over|under|covering|covers|cover) the flour\b/gi, "$1 the floor"],
  [/\bthe flour (?=is|was|got|gets|getting|'s)\b/gi, "the floor "],
  [
    /\b(pressure(?:'s| is| was)?|pressures|water's|flow is|flow's)((?: (?:real|really|so|very|pretty|kinda|super|too))?) week\b/gi,
    "$1$2 weak",
  ],
  [
    /\bpressures (?=(?:real|really|so|very|pretty|kinda|super|too|low|weak|week|bad|terrible|awful|down|gone|nothing)\b)/gi,
    "pressure's ",
  ],
  [/\b(sure|know|see|tell|find) were\b(?= (?:it|it's|its|that|the|this|water)\b)/gi, "$1 where"],
];

/** A dash between words ("Denise Walker — I'm her daughter", "my husband - Raj"): a pause, as a comma. */
const SPOKEN_DASH = /\s+[-–—]+\s+|\s*—+\s*/g;

/** "Its" that is "it is": not after a preposition or before "own" ("on its own", "under its lid"). */
const BARE_ITS =
  /(?<!\b(?:on|of|in|with|from|to|by|at|for|and|under|around|behind|off|into|onto|near|all|over)\s)\bits\b(?!\s+own\b)/g;
/** Nouns in "-ing" that "its" can own ("off its fitting", "out of its housing"). */
const ING_NOUNS =
  "housing|fitting|fittings|ceiling|casing|coupling|bushing|tubing|piping|railing|siding|flooring|plumbing|wiring|lining|setting|settings|ring|spring|thing|things|opening|mounting|bearing|bearings|seating|building|ceiling";
/** "Came off its spraying", "under the sink its leaking": "its" before a verb in "-ing" is "it is", after any word. */
const ITS_DOING = new RegExp(
  `\\bits(?=\\s+(?:(?:still|just|really|all|now|already|kinda|not)\\s+)?(?!(?:${ING_NOUNS})\\b)[a-z]{2,}ing\\b)`,
  "gi",
);
const BARE_CONTRACTION = new RegExp(`\\b(${Object.keys(BARE_CONTRACTIONS).join("|")})\\b`, "gi");

/**
 * The caller's words as the rules read them: contractions that speech recognition wrote without
 * their apostrophe get it back ("its darnell" → "it's darnell", "theres water" → "there's water",
 * "i cant find the shutoff" → "i can't find the shutoff"); "its" only where it can be "it is" (not
 * "on its own", "under its lid"); a few plumbing words it mishears are put right ("the sink is
 * clocked up" → "clogged up", "over flowing" → "overflowing"); a dash between words is a pause, read
 * as a comma ("Raj Mehta — he's the one home"; "S-I-O-B-H-A-N" and "78-702" keep theirs); Spanish
 * words a caller mixes in get their English beside them ("el calentador (water heater)",
 * spanish-words.ts). Applied once, where a turn's speech comes in.
 */
/** "It's runnin' across the floor and it ain't quittin'": a dropped g is the -ing word. */
const DROPPED_G = /\b([a-z]{2,}?)in'(?=[\s.,!?;:]|$)/gi;

export function heardAsWritten(text: string): string {
  return SOUND_ALIKES.reduce(
    (said, [wrong, right]) => said.replace(wrong, right),
    withEnglishGlosses(throughRelay(text)),
  )
    .replace(DROPPED_G, "$1ing")
    .replace(SPOKEN_DASH, ", ")
    .replace(MISHEARD, (word) => MISHEARD_AS[word.toLowerCase().replace(/\s+/g, " ")] ?? word)
    .replace(ITS_DOING, "it's")
    .replace(BARE_ITS, "it's")
    .replace(BARE_CONTRACTION, (word) => {
      const written = BARE_CONTRACTIONS[word.toLowerCase()]!;
      return word[0] === word[0]!.toUpperCase() && word[0] !== word[0]!.toLowerCase()
        ? written[0]!.toUpperCase() + written.slice(1)
        : written;
    });
}

/**
 * A relay service's call for a deaf or hard-of-hearing caller: the operator introduces the call
 * ("This is relay operator 4417 with a call from a deaf person typing. Please talk to the caller
 * directly…"), reads the caller's words after "Caller says:" and ends each turn with "go ahead"
 * ("GA"). The caller's words alone are the answer: the operator is no person asked for, their
 * number no ZIP, "Relay Operator" no name.
 */
export function throughRelay(text: string): string {
  const says = [...text.matchAll(/\bcaller says\s*:?\s*/gi)].at(-1);
  const relayed = says
    ? text.slice(says.index + says[0].length)
    : RELAY_INTRO.test(text)
      ? text.replace(RELAY_INTRO, " ")
      : null;
  if (relayed === null) return text;
  return relayed.replace(/[\s,.]*\b(?:go ahead|ga)\b[\s.!]*$/i, "").trim();
}
/** The operator's own sentences: who they are and how the call works. */
const RELAY_INTRO =
  /[^.!?]*\b(?:relay (?:operator|service|call)|(?:deaf|hard[- ]of[- ]hearing) (?:person|caller)|i'?ll (?:read|voice|type) (?:their|what they))\b[^.!?]*[.!?]?/gi;

/** Words around a name that are not part of it ("one word", "like I said"). */
const NAME_ASIDES = /\b(?:(?:it'?s |that'?s )?(?:all )?one word|like i said|as i said|like i told you)\b,?/gi;

/**
 * "grace oh malley": an Irish surname in O' as speech recognition hears it, the O as "oh" or "o"
 * and the rest as a word of its own. Only these surnames, so "oh" stays a word everywhere else.
 */
const O_SURNAME =
  /\b(?:oh|o)\s+(malley|brien|brian|connor|conner|connell|neil|neill|neal|reilly|hara|donnell|sullivan|shea|keefe|keeffe|rourke|leary|toole|dwyer|mara|meara|grady|halloran|callaghan|flaherty|gorman|hanlon|boyle|driscoll|farrell|loughlin|mahony|mahoney|regan|shaughnessy|dell|day|doherty|dowd|hare|kane)\b/gi;

/** A double surname as speech recognition hands it over: "fernandez dash whitaker" is Fernandez-Whitaker. */
const NAME_DASH = /\b(\p{L}{2,})\s+(?:dash|hyphen)\s+(\p{L}{2,})\b/giu;
/**
 * "I'm Ingrid, but please put it under his name, Walter Kowalczyk": the caller who gave her own
 * name and asked for the lead to go under someone else's. Her name, or null.
 */
export function callerUnderAnotherName(text: string): string | null {
  const under =
    /\b(?:put|write|use)\s+(?:(?:it|this|that|the (?:visit|appointment|job))\s+(?:down\s+)?under\s+)?(?:(?:his|her|their|my\s+[a-z-]+'s)\s+name\b|(?<=under\s+)my\s+(?:mom|mother|dad|father|grandma|grandmother|grandpa|grandfather|husband|wife|aunt|uncle|son|daughter|tenant)\b)/i.exec(
      text,
    );
  if (!under) return null;
  // Her own name said before the request or after it ("Put it under my mom's name, Latoya Grant. I'm Marcus, her son.").
  const own = /\b(?:i'm|i am|im|this is|my name is|my name's)\s+([\p{L}'-]+(?:\s+[\p{L}'-]+)?)/iu.exec(
    `${text.slice(0, under.index)} . ${text.slice(under.index + under[0].length).replace(/^[^.!?]*[.!?]/, "")}`,
  );
  return own ? nameOf(own[0], true) : null;
}

/** "Put it under her name, Ida Lindqvist", "put her name, Lakshmi Iyer": the name follows. */
const UNDER_ANOTHER_NAME =
  /\b(?:put|write|use)\s+(?:(?:it|this|that|the (?:visit|appointment|job))\s+(?:down\s+)?under\s+)?(?:(?:his|her|their|my\s+[a-z-]+'s)\s+name|(?<=under\s+)my\s+(?:mom|mother|dad|father|grandma|grandmother|grandpa|grandfather|husband|wife|aunt|uncle|son|daughter|tenant))\s*[,:]?\s*(?:is\s+|it's\s+)?(?=\p{Lu})/u;

/** "Put me down as Kim", "just put down the Hendersons", "put it under the name Ruiz": the name follows. */
const PUT_DOWN_AS =
  /\b(?:put|write|mark)\s+(?:(?:(?:me|us|it|that)\s+)?down\s+(?:as\s+|under\s+)?|(?:me|us|it|that)\s+under\s+)(?:the\s+name\s+(?:of\s+)?)?(?!(?:his|her|their|my\s+[a-z-]+'s|my\s+(?:mom|mother|dad|father|grandma|grandmother|grandpa|grandfather|husband|wife|aunt|uncle|son|daughter|tenant))\b)/gi;

/**
 * The part of an answer that holds the name: after the caller's last self-correction ("no wait",
 * "sorry") and, at the name question, after a bare "no" between two names ("mary sol no marisol,
 * marisol vega"), without asides ("one word", "like I said").
 */
/** Words said again in a name answer that are not the name ("it's", "uh", "my name is"). */
const NOT_A_REPEATED_NAME = new Set(
  "it's its it is my name i'm im me the a an uh um er so oh yeah yes like this that and".split(" "),
);

/**
 * "It's Tanya, it's Tanya Greer": a name said again in full is read from where it is said again
 * (a word of the name said once more with another word after it) — when that reads as the same
 * name, longer ("Tanya" → "Tanya Greer"), never as something else ("I know, I know"); a word said
 * twice at the end ("it's Dan, Dan") is said once.
 */
function saidAgainInFull(words: string, askedForName: boolean): string {
  const tokens = [...words.matchAll(/[\p{L}'-]+/gu)];
  // "It's Dan, Dan.": the same word twice at the end is said once.
  const [before, lastWord] = tokens.slice(-2);
  if (before && lastWord && before[0].toLowerCase() === lastWord[0].toLowerCase() && before[0].length > 2)
    return words.slice(0, lastWord.index);
  for (let j = tokens.length - 2; j > 0; j--) {
    const word = tokens[j]![0].toLowerCase();
    if (word.length < 2 || NOT_A_REPEATED_NAME.has(word)) continue;
    if (!tokens.slice(0, j).some((t) => t[0].toLowerCase() === word)) continue;
    const once = nameOf(words, askedForName);
    const again = nameOf(words.slice(tokens[j]!.index), askedForName);
    const longer =
      once && again && again.split(" ").length > once.split(" ").length && again.startsWith(`${once} `);
    return longer ? words.slice(tokens[j]!.index) : words;
  }
  return words;
}

function nameAnswer(words: string, askedForName: boolean): string {
  const plain = saidAgainInFull(
    words
      .replace(NAME_ASIDES, " ")
      .replace(NAME_DASH, "$1-$2")
      .replace(PUT_DOWN_AS, "my name is ")
      // "this is ahmed ahmed siddiqui": a word said twice in a row (a stammer, an echo on the line) is said once.
      .replace(/\b(\p{L}{2,})\s+\1\b(?=\s+\p{L})/giu, "$1")
      .replace(/\s+/g, " ")
      .trim(),
    askedForName,
  );
  const corrected = afterCorrection(plain, (t) => nameOf(t, askedForName) !== null);
  // "rosa mendes no sorry mendez with a z": one half taken back in the same breath is that half.
  if (corrected !== plain) {
    const half = nameOf(corrected, askedForName);
    const earlier = nameOf(plain.slice(0, plain.lastIndexOf(corrected)), askedForName);
    const fixed = half && earlier?.includes(" ") && !half.includes(" ") ? withHalfFixed(earlier, half) : null;
    if (fixed) return fixed;
  }
  const afterNo = askedForName ? /\bno\b,?\s+(.+)$/i.exec(corrected)?.[1] : undefined;
  return afterNo && nameOf(afterNo, true) ? afterNo : corrected;
}

/**
 * "Tuesday's no good, I work. Can y'all do Thursday morning?": the last sentence says what they
 * want, when it names a time ("…Would Wednesday afternoon be possible? Only if it's no trouble, of
 * course." is not a yes to the time first offered). The days turned down anywhere before it stay
 * out: "Tuesday won't work, I'm at the office. Anything later in the week, in the morning?" never
 * books Tuesday morning. Null when the answer is one sentence or its last names no time.
 */
function lastSentenceChoice(text: string, slotsOffered: SlotView[], declined: number[]): SlotChoice | null {
  const lastSentence =
    text
      .match(/[^.?!]+[.?!]*/g)
      ?.at(-1)
      ?.trim() ?? text;
  const lastLower = lastSentence.toLowerCase();
  const namesATime =
    DAY_WORDS.some(([re]) => re.test(lastLower)) ||
    PARTS_OF_DAY.some(([re]) => re.test(lastLower)) ||
    hoursSaid(lastLower).length > 0;
  if (lastSentence === text || !namesATime) return null;
  const before = text.slice(0, text.lastIndexOf(lastSentence)).toLowerCase();
  const refusedDays = daysSaid(before.replace(NEGATED_YES, " no. ")).refused;
  // ("I'm only free after 4… Do you have anything late afternoon?": the hour said before still holds.)
  const after = earliestHourSaid(before);
  const refusedSlots = slotsOffered
    .map((_, i) => i)
    .filter(
      (i) =>
        refusedDays.some((d) => matchesDay(slotsOffered[i]!, d)) ||
        (after !== null && slotsOffered[i]!.hour + (slotsOffered[i]!.minute ?? 0) / 60 < after),
    );
  return slotChoiceOf(lastLower, slotsOffered, [], [...declined, ...refusedSlots]);
}

/** Reads one utterance for the question being asked, plus what the caller volunteered. Pure and deterministic. */
export function extractByRules(
  input: Pick<ExtractInput, "stage" | "utterance" | "slotsOffered" | "slotsMentioned" | "slotsDeclined">,
): Extraction {
  let text = input.utterance.trim();
  let lower = text.toLowerCase();
  const out: Extraction = { ...EMPTY_EXTRACTION };
  if (!text) return out;

  Object.assign(out, questionOf(lower));
  if (out.question) out.questionAsked = questionSentenceOf(text);
  out.notCustomer = notCustomerOf(text);
  out.wantsHuman = out.question !== "robot" && detectWantsHuman(lower);
  out.emergency = detectEmergency(text);
  out.thirdParty = thirdPartyOf(text);
  out.unit = unitOf(spokenAddress(text));
  if (out.emergency) {
    out.issueSummary = summarizeIssue(text) ?? text;
    out.urgency = "emergency";
  }
  const spelled = joinSpelling(text);
  // A name said with "my name is" counts at any step; a bare name only when asked for it. A
  // question asked in the same breath ("hold on, is this a real person?") is not a name.
  const nameWords = out.question ? withoutQuestions(spelled) : spelled;
  out.callerName = nameWords
    ? nameOf(nameAnswer(nameWords, input.stage === "name"), input.stage === "name")
    : null;
  // An address said with its street suffix counts at any step (kept until it may be used).
  const asked = input.stage === "address" || input.stage === "confirm";
  // "Fourteen twelve… no, fourteen twenty-one Heflin Lane": a house number taken back by a plain "no".
  const addressWords = spokenAddress(text).replace(/\b\d+[\s.,…]*\bno\b[\s,]+(?=\d)/i, "");
  out.address = asked
    ? addressOf(afterCorrection(addressWords, (t) => addressOf(t) !== null))
    : streetAddressOf(afterCorrection(addressWords, (t) => streetAddressOf(t) !== null));

  switch (input.stage) {
    case "zip":
      out.zip = findZip(afterCorrection(text, (t) => findZip(t) !== null)) ?? workZipOf(text);
      // The problem said instead of (or with) the ZIP is kept for later ("it's on the water bill"
      // says where the ZIP is written, not what is wrong).
      if (!out.emergency && !out.question) {
        out.issueSummary = summarizeIssue(
          text
            .replace(/\b\d{5}(-\d{4})?\b/g, "")
            .replace(/\b(?:water|gas|utility|electric) (?:bill|company)\b/gi, "bill"),
        );
        if (out.issueSummary && !heard(PLUMBING, out.issueSummary)) out.issueSummary = null;
        out.urgency = out.issueSummary ? urgencyOf(lower) : null;
      }
      break;
    case "issue":
      if (!out.emergency) {
        // "How much is it to unclog a kitchen sink? It's draining slow": the job priced is the problem.
        const priced = out.question === "price" ? jobPriced(text) : null;
        const told = priced ?? (out.question ? withoutQuestions(text, true) : text);
        // "Do y'all do hot water tanks? Ours is twenty years old…": what is said next is about the service asked.
        const problem =
          out.question === "services" &&
          out.serviceAsked &&
          told &&
          !heard(PLUMBING, told) &&
          told.split(" ").length >= 4 &&
          /\b(ours|mine|ours is|it|it's|its|they|them|the one)\b/i.test(told)
            ? `${out.serviceAsked}: ${told}`
            : told;
        // Next to a question, only words about plumbing are the problem ("I manage a restaurant" is not).
        out.issueSummary =
          problem && (!out.question || heard(PLUMBING, problem)) ? summarizeIssue(problem) : null;
        out.urgency = out.issueSummary ? urgencyOf(problem.toLowerCase()) : null;
      }
      break;
    case "name":
      out.declined = !out.callerName && (heard(DECLINED_TO_SAY, lower) || heard(BARE_NO, lower));
      // "Just have somebody call me": a callback asked for here too; "a visit, yeah, somebody come
      // out" instead of a name is the answer to the next question, said early.
      if (callbackAsked(text, out.callerName)) out.bookingIntent = "callback";
      else if (!out.callerName && !out.question && heard(VISIT, lower)) out.bookingIntent = "visit";
      break;
    case "booking_offer":
      // "Could you send someone Tuesday?": a question that itself asks for the visit answers.
      // "…until I know roughly what it costs. Can somebody call me with a ballpark?": a question that
      // asks for the call is the call asked for.
      out.bookingIntent =
        (out.question && CALL_ASKED_AS_QUESTION.test(lower) ? "callback" : null) ??
        lastBookingIntentOf(spokenAddress(out.question ? withoutQuestions(text) : text).toLowerCase()) ??
        (out.question === "other" ? lastBookingIntentOf(spokenAddress(text).toLowerCase()) : null);
      // "Thursday." or "2206 south 3rd." instead of "a visit": the answer to the questions after it.
      if (!out.bookingIntent && !out.question) {
        const where = addressOf(spokenAddress(text));
        if (where) out.address = where;
        // ("Please don't call before noon": a time for the call, not for a visit; "Tuesday, text me
        // the confirmation" still picks the visit.)
        const aboutTheCall =
          /\b(?:don'?t|do not|never)\s+(?:call|text|email)\b|\b(?:call|text|email)\s+(?:me\s+)?(?:before|after|until|between)\b/.test(
            lower,
          );
        if (where || (!aboutTheCall && (DAY_WORDS.some(([re]) => re.test(lower)) || hoursSaid(lower).length)))
          out.bookingIntent = "visit";
      }
      break;
    case "address":
      out.declined = !out.address && (heard(DECLINED_TO_SAY, lower) || heard(BARE_NO, lower));
      // "Actually, just have someone call me": the caller changed their mind about the visit.
      if (heard(CALLBACK, lower)) out.bookingIntent = "callback";
      break;
    case "safety":
      out.yesNo = yesNoOf(text) ?? yesNoAfterAside(text);
      if (heard(CALLBACK, lower)) out.bookingIntent = "callback";
      if (!out.emergency) {
        const more = summarizeIssue(withoutPhrase(NO_FIRST, withoutPhrase(YES_FIRST, text)));
        out.issueSummary = more && more.split(" ").length >= 3 && heard(PLUMBING, more) ? more : null;
        out.urgency = out.issueSummary ? urgencyOf(lower) : null;
      }
      break;
    case "confirm": {
      out.yesNo = yesNoOf(text);
      // "Actually, hold off on booking it, just have someone call me": the visit taken back.
      if (heard(VISIT_TAKEN_BACK, lower)) out.bookingIntent = "callback";
      // "Actually, can you just put me down for a visit?" at a callback's read-back: a visit after all.
      else if (heard(VISIT_INSTEAD, lower)) out.bookingIntent = "visit";
      const answered = (t: string) =>
        slotChoiceOf(t.toLowerCase(), input.slotsOffered, input.slotsMentioned, input.slotsDeclined)?.kind ===
        "pick";
      // ("Tuesday I've got the doctor in the morning. Can we do Thursday instead?": the last sentence.)
      const last = lastSentenceChoice(text, input.slotsOffered, []);
      const choice =
        last?.kind === "pick"
          ? last
          : DAY_WORDS.some(([re]) => re.test(lower)) || hoursSaid(lower).length
            ? slotChoiceOf(afterCorrection(text, answered).toLowerCase(), input.slotsOffered, [], [])
            : null;
      if (choice?.kind === "pick") out.slotNumber = choice.index + 1;
      if (choice?.kind === "offer") out.slotNumber = choice.indices[0]! + 1;
      if (choice?.kind === "unavailable") out.slotUnavailable = choice.asked;
      break;
    }
    case "slot": {
      if (out.question === "today") break;
      // "Anything Thursday? I'm at work till then": busy before the day asked for, not on it.
      text = text.replace(UNTIL_THEN, " ");
      lower = text.toLowerCase();
      // "Twenty one oh six Harris Boulevard" said again at the time question: its numbers are no time.
      const street = ADDRESS_WITH_SUFFIX.exec(spokenAddress(text));
      if (street && out.address) {
        const rest = spokenAddress(text).replace(street[0], " ").trim();
        if (!/[a-z]/i.test(rest)) break;
        text = rest;
        lower = rest.toLowerCase();
      }
      if (heard(CALLBACK, lower)) {
        out.bookingIntent = "callback";
        break;
      }
      const answered = (t: string) =>
        slotChoiceOf(t.toLowerCase(), input.slotsOffered, input.slotsMentioned, input.slotsDeclined) !== null;
      const last = lastSentenceChoice(text, input.slotsOffered, input.slotsDeclined ?? []);
      const choice =
        last?.kind === "pick"
          ? last
          : slotChoiceOf(
              afterCorrection(text, answered).toLowerCase(),
              input.slotsOffered,
              input.slotsMentioned,
              input.slotsDeclined,
            );
      if (choice?.kind === "pick") out.slotNumber = choice.index + 1;
      if (choice?.kind === "offer") {
        out.slotNumber = choice.indices[0]! + 1;
        out.slotTentative = true;
      }
      if (choice?.kind === "unavailable") out.slotUnavailable = choice.asked;
      out.declined = choice?.kind === "declined";
      break;
    }
  }
  return out;
}
