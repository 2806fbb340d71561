// How callers say things, written as data: each rule has the words that signal it, the words that
// cancel it, and examples of what it hears and must not hear (run by phrasings.test.ts). A new
// phrasing is a cue in `anyOf` plus an example in `hits`; a wording wrongly heard is a `misses`
// example plus an `unless` cue or a tighter cue. The cue language and the one negation rule
// ("no leak" is not a leak) are in phrase-rules.ts; the order rules are tried in stays in code
// (rules-extract.ts), next to the answer it decides. docs/sop-rules.md "How callers say things".
import { usePhraseLists, type PhraseRule } from "@/server/intake/phrase-rules";

/** Phrases cues use as `{name}`. */
export const PHRASE_LISTS = {
  /** Who a caller asks to speak to instead of the agent. */
  staff: [
    "human",
    "person",
    "people",
    "someone",
    "somebody",
    "plumber",
    "owner",
    "manager",
    "representative",
    "rep",
    "operator",
    "agent",
    "technician",
    "tech",
  ],
  /** Someone at the business who could call back or come out. */
  someone: ["someone", "somebody", "him", "her", "them", "the/a plumber", "the/your office"],
} as const;
usePhraseLists(PHRASE_LISTS);

const rule = (r: PhraseRule) => r;

// ── asking for a person ───────────────────────────────────────────────────────────────────────

export const WANTS_HUMAN = rule({
  when: "The caller asks to talk to a person rather than the agent.",
  anyOf: [
    "talk/talking/speak/speaking [to/with] [a/an/the/some/your] [real/live/actual] {staff}",
    "put me through [to/with] [a/an/the/some/your] [real/live/actual] {staff}",
    "transfer/connect me [to/with] [a/an/the/some/your] [real/live/actual] {staff}",
    "real/live/actual person/human",
    "a human",
    "representative",
    "operator",
  ],
  negatable: false,
  hits: [
    "can I talk to a real person",
    "I want to speak with the owner",
    "put me through to a plumber",
    "transfer me to someone please",
    "get me a representative",
    "is there a live human",
  ],
  misses: ["my toilet is clogged", "the person who lives here is my mom"],
});

// ── the booking offer: a visit, a callback, or neither ────────────────────────────────────────

export const CALLBACK = rule({
  when: "The caller wants a call back rather than a visit booked now.",
  anyOf: [
    "call [me] back",
    "callback",
    "call me",
    "give me a call/ring",
    "have/get {someone} [to] call/ring/phone",
    "have/get {someone} [to] give me a",
    "ring me",
    "phone me",
    "talk to someone first",
    "talk it over first",
    "just call",
  ],
  hits: [
    "can you have someone call me",
    "just call me back",
    "no, call me back later",
    "have the plumber give me a ring",
    "get the office to call",
    "I'd like to talk it over first",
  ],
  misses: ["send someone out", "yes please", "don't call me back, just come out"],
});

export const VISIT = rule({
  when: "The caller wants someone to come out (said plainly, not a bare yes).",
  anyOf: [
    "book",
    "schedule",
    "come",
    "coming",
    "stop/swing/drop by",
    "take a look",
    "look at it",
    "check it out",
    "fix it",
    "send someone/somebody/him/her/them/out",
    "send a plumber/tech*/guy",
    "get someone/somebody out/over",
    "get a plumber/guy out/over",
    "visit",
    "appointment",
    "set it/that/something up",
    "sign me up",
    "out here",
    "over here",
  ],
  hits: ["send someone", "book a visit", "can you come out", "yeah get a guy over here", "sign me up"],
  misses: ["yes please", "no thanks", "I'll think about it"],
});

export const NO_THANKS = rule({
  when: "The caller turns the visit down for now.",
  anyOf: [
    "no -problem -water -hot -running -heat",
    "nope",
    "nah",
    "not [right] now",
    "not today",
    "i'm good/fine/okay",
    "never mind",
    "nevermind",
    "that's all/it",
    "don't need/want",
  ],
  // A no is a no whatever comes before it ("no, not now").
  negatable: false,
  hits: ["no thanks", "not right now", "I'm good", "never mind, I don't need it", "nah"],
  misses: ["no problem, go ahead", "yes please", "sure", "there's no water coming out of the tap"],
});

export const YES_PLEASE = rule({
  when: "A plain yes to the visit just offered.",
  anyOf: [
    "yes/yeah/yep/yup/sure/ok/okay/please/absolutely/definitely",
    "go ahead",
    "sounds good",
    "let's do it/that",
  ],
  hits: ["yes please", "sure", "okay", "go ahead", "sounds good", "let's do it"],
  misses: ["I'll think about it", "hmm"],
});

// ── a detail the caller will not give ─────────────────────────────────────────────────────────

export const DECLINED_TO_SAY = rule({
  when: "The caller will not give their name or address.",
  anyOf: [
    "rather not",
    "prefer not",
    "don't want to say/give/tell/share",
    "not going to say/give/tell/share",
    "not gonna say/give/tell/share",
    "no thanks",
    "skip it/that",
    "skip the name",
    "none of your business",
    "not comfortable",
    "don't feel comfortable",
    "don't do names",
    "no name/names",
    "not giving [out] [you] my/a name",
    "don't give [out] my/a name",
    "don't need to give [out] my/a name",
    "leave my/the name off/out",
    "just put down",
  ],
  negatable: false,
  hits: ["I'd rather not say", "skip that", "none of your business", "I don't give out my name"],
  misses: ["it's Maria Lopez", "1420 Elm Street"],
});

export const BARE_NO = rule({
  when: "Only a no, and nothing else.",
  anyOf: ["^ no/nope/nah $", "^ no thanks/thank $", "^ no thank you $"],
  negatable: false,
  hits: ["no", "Nope.", "no thank you"],
  misses: ["no, it's Maria", "not sure"],
});
