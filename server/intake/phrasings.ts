// How callers say things, written as data: each rule has the words that signal it, the words that
// cancel it, and examples of what it hears and must not hear (run by phrasings.test.ts). A new
// phrasing is a cue in `anyOf` plus an example in `hits`; a wording wrongly heard is a `misses`
// example plus an `unless` cue or a tighter cue. The cue language and the one negation rule
// ("no leak" is not a leak) are in phrase-rules.ts; the order rules are tried in stays in code
// (rules-extract.ts), next to the answer it decides. docs/sop-rules.md "How callers say things".
import { addPhraseLists, type PhraseRule } from "@/server/intake/phrase-rules";

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
  /** How a caller starts to take back what they said. */
  "taking back": ["no", "nope", "sorry", "actually", "wait", "oops", "oh", "um", "uh", "hold on"],
} as const;
addPhraseLists(PHRASE_LISTS);

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
    "someone/somebody/anyone/anybody real",
  ],
  negatable: false,
  hits: [
    "can I talk to a real person",
    "I want to speak with the owner",
    "put me through to a plumber",
    "transfer me to someone please",
    "get me a representative",
    "is there a live human",
    "can i just get somebody real on the phone",
  ],
  misses: [
    "my toilet is clogged",
    "the person who lives here is my mom",
    "someone really needs to look at it",
  ],
});

// ── the booking offer: a visit, a callback, or neither ────────────────────────────────────────

export const CALLBACK = rule({
  when: "The caller wants a call back rather than a visit booked now.",
  anyOf: [
    "call [me] back",
    "callback",
    "call me",
    "give me a call/ring",
    // ("Have him call the tenant first": someone else to call, an instruction for the plumber.)
    "have/get {someone} [to] call/ring/phone -the -her -him -them -my -our -his -their",
    "have/get {someone} [to] give me a",
    "ring me",
    "phone me",
    "talk to someone first",
    "talk it over first",
    "just call -the -her -him -them -my -our -his -their",
    // "Could someone call my dad directly to set it up?": someone at the business calls, to anyone,
    // to arrange it ("I wanted to call to schedule a drain cleaning" is the caller calling now).
    "{someone} [to] call … to set it/this/that/something/things up",
    "{someone} [to] call … to set up",
    "{someone} [to] call … to schedule/arrange/book",
    // "Can you just email me a quote?", "text me instead": the office gets back to them ("Tuesday
    // works, text me the confirmation" is no call asked for).
    "just email/text me",
    "email/text me a/an/the quote/estimate/price/number",
    "email/text me instead",
    "send me a/an/the quote/estimate/price",
  ],
  // "The landlord won't call me back, so I'm calling you": someone else not calling, no callback asked.
  // "My landlord told me to just call someone": the caller calling a plumber as told, no callback asked.
  unless: [
    "won't/wont/doesn't/didn't/hasn't/haven't/isn't/wasn't/never/not [even] [gonna/going] [to] call/calls/calling/called [me/us] back",
    "told/tells/said/asked/wants/want/wanted [me/us] [to] [just] call {someone}",
    "told/tells/said/asked/wants/want/wanted [me/us] [to] [just] call a/you/y'all/around",
    // "No visit right now, I'll call back if I need you": the caller will call, no callback asked.
    "i'll/ill/we'll [just] call [you/y'all] back if/when/later/another/next/sometime/myself",
    "i/we will [just] call [you/y'all] back if/when/later/another/next/sometime/myself",
  ],
  hits: [
    "can you have someone call me",
    "just call me back",
    "no, call me back later",
    "have the plumber give me a ring",
    "get the office to call",
    "I'd like to talk it over first",
    "Could someone call my dad directly to set it up?",
    "I don't need anyone out yet. Can you just email me a quote?",
    "have the office call my husband to set it up",
  ],
  misses: [
    "send someone out",
    "yes please",
    "don't call me back, just come out",
    "tuesday's fine, just call the tenant before you go",
    "the landlord won't call me back so I'm calling you",
    "my landlord's in Florida and told me to just call someone",
    "my wife said to call you guys",
    "no visit right now, I'll call back if I need you",
    "my property manager never called us back",
    "I wanted to call to schedule a drain cleaning",
    "Tuesday works, text me the confirmation",
  ],
});

/**
 * At the read-back of a visit just booked: the caller takes the visit back and wants a call first
 * ("actually, hold off on booking it, just have someone call me"). Instructions for the plumber's
 * visit ("have him call me when he's on his way") are no taking back.
 */
export const VISIT_TAKEN_BACK = rule({
  when: "At the read-back, the caller takes back the visit just booked and wants a call instead.",
  anyOf: [
    "don't/dont [go] [ahead] [and] book/schedule",
    "do not [go] [ahead] [and] book/schedule",
    "hold off",
    "cancel [the/that/it/this] [visit/appointment/booking]",
    "scratch that",
    "scratch the visit/appointment",
    "never mind [the/that] visit/appointment/booking",
    "forget [about] the visit/appointment/booking",
    "not [do] [the/a/an] visit/appointment [yet/now]",
    "rather [you/someone/somebody/they/he/she] [just] call/ring/phone [me] first/instead",
    "rather [just] have/get {someone} [to] call [me] first/instead",
    "rather [just] talk to someone/somebody first",
    "call me first before [you/anyone/anybody/someone/somebody] book*",
    "call/callback/ring instead",
    "call back instead",
    "instead of [the/a] visit/appointment/booking",
    "don't/dont want [the/a/an] visit/appointment",
    "not ready to book",
    "take back the visit/appointment",
    "unbook",
  ],
  negatable: false,
  unless: ["don't/dont cancel", "no need to cancel"],
  hits: [
    "actually, hold off on that, just have someone call me first",
    "you know what, don't book it. have somebody call me",
    "can we cancel that, I'd rather someone call me first",
    "wait, i'd rather you call me first before anybody comes out",
    "hmm, never mind the appointment, just give me a call",
    "let's do a callback instead of the visit",
    "i'm not ready to book yet, call me and we'll talk price",
    "scratch that, I need to check with my husband, have them call me",
    "on second thought can we not do the appointment right now",
    "dont book it yet",
  ],
  misses: [
    "yes that's right",
    "yes, and have him call me when he's on his way",
    "yep, please call before you come, the dog gets loud",
    "correct. tell him to ring the bell, don't knock",
    "that's right, and the gate code is 4411",
    "the appointment is fine, the name is spelled wrong",
    "no, don't cancel, it's Tuesday that's wrong",
  ],
});

/**
 * At the read-back of a callback: the caller would rather have the visit booked now ("actually, can
 * you just put me down for a visit? Thursday morning if you have it").
 */
export const VISIT_INSTEAD = rule({
  when: "At a callback's read-back, the caller asks for a visit to be booked instead.",
  anyOf: [
    "put me down for [a/an/the] visit/appointment",
    "book/schedule [me] [a/an/the] visit/appointment",
    "book/schedule it/someone/somebody/something [instead]",
    "just book/schedule",
    "send someone/somebody [out] [instead]",
    "send a/the plumber/tech/guy",
    "rather [have/get] [someone/somebody/a/the] [plumber] come [out/over/by]",
    "someone/somebody/plumber [can/could] [just] come out/over/by",
    "make it a visit/appointment",
    "set up [a/an/the] visit/appointment",
    "visit/appointment instead",
  ],
  hits: [
    "Yes, that's my number. Actually, can you just put me down for a visit? Thursday morning if you have it.",
    "you know what, just book it, Wednesday afternoon",
    "actually I'd rather have someone come out, can you book me for tuesday",
    "on second thought, send somebody out instead",
    "let's make it a visit",
  ],
  misses: [
    "yes, that's right",
    "yes, that's the number. call before five if you can",
    "that's right, I'll be home when they come",
    "don't book anything yet, just call me",
  ],
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
  // "I can't really do a visit thing yet": a visit turned down, not asked for.
  unless: [
    "can't/cannot/couldn't [really] [do/have/book/set] [up] [a/the/any] visit/appointment",
    // "I'm not ready to book anything yet."
    "not ready to book/schedule/commit",
  ],
  hits: ["send someone", "book a visit", "can you come out", "yeah get a guy over here", "sign me up"],
  misses: [
    "yes please",
    "no thanks",
    "I'll think about it",
    "call me back im at work right now i cant really do a visit thing yet",
    "I'm not ready to book anything yet.",
  ],
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
    "yes/yeah/yep/yup/sure/ok/okay/absolutely/definitely",
    // ("Please don't call before noon": a wish about the call, no yes.)
    "please -don't -dont -call -text -email",
    "go ahead",
    "sounds good",
    "let's do it/that",
  ],
  hits: ["yes please", "sure", "okay", "go ahead", "sounds good", "let's do it", "please do"],
  misses: ["I'll think about it", "hmm", "And please don't call before noon, I work nights."],
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
    // "You don't need my name, I'm just calling around for prices."
    "don't/doesn't need my/a/the name",
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

// ── yes or no to a yes/no question ─────────────────────────────────────────────────────────────

export const YES_FIRST = rule({
  when: "The answer starts with a yes (or a maybe, which the safety question takes as a yes).",
  anyOf: [
    "^ yes/yeah/yea/yep/yup/uh-huh/mm-hmm/correct/right/exactly/definitely/absolutely/sure/maybe/possibly/kinda/perfect/good/great",
    "^ that's right/correct",
    // "That's all perfectly right", "that is exactly right": a yes with its politeness.
    "^ that's/that [is] [all] [perfectly/exactly/absolutely/quite/just] right/correct/perfect/fine",
    "^ it is/does",
    "^ i/we do",
    "^ there is",
    "^ there's",
    "^ i think so",
    "^ kind/sort of",
    "^ a little",
    "^ [i'm] not sure",
    "^ i don't know",
    "^ hard to say/tell",
    "^ sounds good/right",
    "^ all good",
    "^ you got it",
    "^ looks good",
  ],
  negatable: false,
  hits: [
    "yes",
    "Yeah, it's everywhere",
    "uh huh",
    "mm-hmm",
    "I think so",
    "not sure",
    "I don't know",
    "That's all perfectly right. Thank you so very much",
  ],
  misses: ["no", "well yes", "is this a real person?", "that's not right"],
});

export const NO_FIRST = rule({
  when: "The answer starts with a no, or with words that make the problem small ('it's just a drip').",
  anyOf: [
    "^ no/nope/nah/negative/nobody/nothing",
    "^ not really",
    "^ not at all",
    "^ nothing like that",
    "^ none of that",
    "^ [i] don't think so",
    "^ it's not",
    "^ it isn't",
    "^ it's just/only",
    "^ just a/the/in/some/under",
    "^ just a little",
    "^ only a/the/in/under",
    "^ no one",
    "^ that's/that [is] not right/correct",
    "^ that isn't right/correct",
    "^ not that i can see/tell",
    "^ not that i know of",
  ],
  negatable: false,
  hits: [
    "no",
    "Not that I can see, no.",
    "Nope, just a drip",
    "it's just the faucet",
    "I don't think so",
    "not really",
    "that's not right",
  ],
  misses: ["yes", "I know it's not great"],
});

// ── not knowing the answer ─────────────────────────────────────────────────────────────────────

export const DONT_KNOW = rule({
  when: "An answer that is only 'I don't know' ('no, sorry, I really don't know it', 'no idea'): the caller can't answer, which is not an unclear answer.",
  anyOf: [
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still]+ don't/dont know [it/that/this/one] [sorry] $",
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still]+ do not know [it/that/this/one] [sorry] $",
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still]+ dunno [it/that/this/one] [sorry] $",
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still]+ have no idea [sorry] $",
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still]+ no idea [sorry] $",
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still/i'm]+ not sure [sorry] $",
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still]+ can't/cannot/couldn't remember/find it [sorry] $",
    "^ [no/nope/nah/sorry/um/uh/honestly/oh/i/really/just/still]+ don't/dont have it [sorry] $",
  ],
  negatable: false,
  hits: [
    "No, sorry, I really don't know it",
    "I don't know",
    "nope, still dunno",
    "no idea",
    "honestly I'm not sure",
    "I can't find it",
  ],
  misses: ["I don't know what's wrong with the toilet, it keeps running", "78701, I think", "I know it"],
});

// ── the caller checking the line ───────────────────────────────────────────────────────────────

export const LINE_CHECK = rule({
  when: "'Hello? Are you still there?': the caller checking the line, never an answer.",
  anyOf: [
    "^ [hello/hi/hey]+ are/r you/u [still] there/here $",
    "^ [hello/hi/hey]+ are/r you/u [still] on the line $",
    "^ [hello/hi/hey]+ you/u still there $",
    "^ [hello/hi/hey]+ is anyone/anybody/someone/somebody there $",
    "^ [hello/hi/hey]+ can you hear me $",
    "^ [hello/hi/hey]+ did you hear me $",
    "^ [hello/hi/hey]+ did i lose you $",
    "^ [hello/hi/hey]+ hello $",
  ],
  negatable: false,
  hits: ["Hello?", "hello? are you still there?", "Hello hello, can you hear me?", "is anybody there"],
  misses: ["hello, my sink is clogged", "hi", "are you there on Tuesday?"],
});

export const WHO_DID_I_REACH = rule({
  when: "'Is this the plumber?': the caller checking who they reached, never a description of a problem.",
  anyOf: [
    "is/was this/that/it [the/a] plumber/plumbers/plumbing [company/place/office/service/guy/guys/people]",
    // Cut off mid-word ("Hello? Is this the plumb—").
    "is this [the/a] plumb/plum $",
    "am i talking/speaking to/with [the/a] plumber/plumbers/plumbing [company/place/office/service]",
    "did/have i call/called/reach/reached/get/got [the/a] plumber/plumbers/plumbing [company/place/office/service]",
    "is this/that the right number",
    "who am i talking/speaking to/with",
    "who is/who's this",
  ],
  negatable: false,
  hits: [
    "Is this the plumber?",
    "hello, is this the plumbing company",
    "did I reach the plumber",
    "who am I talking to",
    "Hello? Hello? Is this the plumb—",
  ],
  misses: ["the plumber came last year and the pipe leaks again", "my toilet is clogged"],
});

export const HARD_TO_HEAR = rule({
  when: "'I can barely hear you', 'you're breaking up': the caller can't hear well, never an answer.",
  anyOf: [
    "can/could barely/hardly hear you/ya/anything/that/what",
    "can/could barely/hardly hear $",
    "can't/cannot/couldn't hear you/ya/anything/that/what",
    "you're/you are/you keep breaking/cutting up/out",
    "breaking up",
    "cutting in and out",
    "bad connection/reception/signal/line",
    "hard to hear you",
    "you're really quiet",
  ],
  negatable: false,
  hits: ["I can barely hear you", "sorry, you're breaking up", "bad connection, can you say that again"],
  misses: ["the water heater hums, I can barely hear it over the fan", "my toilet is clogged"],
});

// ── words that carry nothing ───────────────────────────────────────────────────────────────────

export const FILLER = rule({
  when: "A word a caller starts with that says nothing yet ('um', 'well', 'okay so').",
  anyOf: [
    "^ hi/hello/hey/yeah/yes/yep/um/umm/ummm/uh/uhh/uhhh/er/err/so/well/okay/ok/oh/sure/sorry/like/alright/fine/right",
    "^ all right",
  ],
  negatable: false,
  hits: ["um", "well, the sink", "Okay so", "all right"],
  misses: ["the sink is clogged", "umbrella"],
});

export const CONFUSED = rule({
  when: "The caller did not follow what the agent said: not a description of a problem.",
  anyOf: [
    "repeat that",
    "say that again",
    "what did you say",
    "didn't catch/hear that/you",
    "pardon",
    "come again",
    "who/what is this",
  ],
  negatable: false,
  hits: ["sorry, can you repeat that", "I didn't catch that", "who is this?"],
  misses: ["the toilet keeps running"],
});

// ── corrections ────────────────────────────────────────────────────────────────────────────────

export const CORRECTION = rule({
  when: "'No wait', 'sorry, I mean', 'actually': what follows replaces what came before.",
  anyOf: [
    "no wait",
    "wait no",
    "wait",
    "no sorry",
    "sorry",
    "i mean/meant",
    "actually",
    "scratch that",
    "correction",
    "let me correct",
    "no no",
    "my mistake",
    "oops",
    "that's [my] old one/address/zip",
    "not that one",
    "i moved",
    "that was [my] old",
    "that's my/the office*/work*/old*",
  ],
  negatable: false,
  hits: ["78701, no wait, 78702", "2204, sorry, 2240", "that's my old address", "actually it's 12 Oak"],
  misses: ["78701", "it's 12 Oak Street"],
});

export const PROBLEM_CHANGED = rule({
  when: "After a correction word, words that put a new problem in the place of the one described ('it's the dishwasher that's the problem', 'not the sink, it's the tub').",
  anyOf: [
    "that's the [real/actual/main] problem/issue",
    "that is the [real/actual/main] problem/issue",
    "the [real/actual/main] problem/issue is",
    "it's [really/actually] the … that/that's",
    "it is [really/actually] the … that/that's",
    "not the … it's the",
    "it's the … not the",
  ],
  negatable: false,
  hits: [
    "I just checked, the sink's draining now, it's the dishwasher that's full of water, that's the problem",
    "it's not the kitchen sink, it's the bathroom one",
    "the real problem is the water heater",
  ],
  misses: ["the kitchen sink is clogged", "it's Nadia Haddad"],
});

export const NAME_CORRECTION_START = rule({
  when: "An answer that starts by taking something back ('no, sorry', 'actually', 'hold on').",
  anyOf: ["^ {taking_back}+"],
  negatable: false,
  hits: ["no sorry, it's Simms", "Actually it's Kathryn", "hold on, it's Jon"],
  misses: ["it's Simms", "78701"],
});

export const NAME_CORRECTION_CUE = rule({
  when: "Words that restate a name ('it's', 'spelled', 'with two m's', 'not Kathy, Kathryn').",
  anyOf: [
    "it's/its",
    "my name",
    "name is",
    "name's",
    "that's",
    "spelled/spelt",
    "with two/2/a/an/one/double",
    "not _ [it's/its]",
  ],
  negatable: false,
  hits: ["it's Simms", "Simms with two m's", "Kathryn, not Kathy, Kathryn", "spelled K A T"],
  misses: ["78701", "Tuesday works"],
});

// ── two ZIP codes in one answer: where the work is, where the caller lives ─────────────────────

export const WORK_PLACE = rule({
  when: "The place where the work is ('the rental is in…', 'at my mom's', 'the leak is at…').",
  anyOf: [
    "work/job/rental/property/properties",
    "house/home/place/unit that",
    "need/needs [the] work/fixing/fixed/plumbing",
    "need/needs a plumber",
    "the problem/leak/issue is",
    "where the",
    "at my/her/his/our/their mom/mother/dad/father/parent/parents/rental/property/grandm*/sister/brother/daughter/son/tenant/other",
    "mom's/mother's/dad's/father's/parent's/parents's/grandma's/grandmas/grandmother's/grandmothers",
    "it's at/in/for",
    "the house is",
  ],
  negatable: false,
  hits: ["but the rental is in 78701", "it's at my mom's, 78702", "the house that needs it is 78745"],
  misses: ["I live in 10001"],
});

export const HOME_PLACE = rule({
  when: "Where the caller lives or gets mail, which is not where the work is.",
  anyOf: [
    "i/we live",
    "live/living in",
    "my home",
    "i'm in/at/from",
    "i stay",
    "mailing/billing",
    "my address",
    "i'm out/over in",
    "i work",
    // Where the caller works is not where the work is ("I'm at work downtown, that's 78701").
    "[i'm] at work",
    "my work/job/office",
    "where i work",
  ],
  negatable: false,
  hits: [
    "I live in 10001",
    "my mailing ZIP is 78613",
    "I'm over in 78660",
    "I'm at work downtown right now, that's 78701",
  ],
  misses: ["the rental is in 78701"],
});
