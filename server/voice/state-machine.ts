// The AI intake call (see docs/sop-rules.md, The call) as a pure, JSON-serialisable state machine:
// transition(state, event, ctx) → { state, say, actions }. No I/O; the route applies the actions.
import { z } from "zod";
import {
  BOOKING_INTENTS,
  EMERGENCY_KINDS,
  INTAKE_STAGES,
  PROMPT_PROFILES,
  URGENCIES,
  type BookingIntent,
  type CallerQuestion,
  type EmergencyKind,
  type Extraction,
  type IntakeStage,
  type PromptProfileName,
  type Urgency,
} from "@/server/intake/extraction";
import { upcomingSlots, type OfferedSlot, type WeeklySlot } from "@/server/voice/booking-slots";
import { groundAddress, groundIssue, groundName, groundZip } from "@/server/voice/evidence";
import {
  answerQuestion,
  answerWhenSomeoneComes,
  asksForTheTimes,
  specialTimeAsked,
  asksWhenSomeoneComes,
  callbackWhen,
  questionIsNoted,
  weekdaysAsked,
  type CallerAnswerSettings,
} from "@/server/voice/caller-answers";
import {
  emergencyLabel,
  SCRIPTS,
  slotWindow,
  type EscalationReason,
  type FixedPart,
  type Miss,
  type QuestionFacts,
  type Reach,
  type SafetyTopic,
  type Script,
} from "@/server/voice/scripts";
import {
  addressOf,
  bookingIntentOf,
  lastBookingIntentOf,
  callbackAsked,
  checkingTheLine,
  isLineCheck,
  isPlainlyRoutine,
  joinSpelling,
  callerUnderAnotherName,
  lastNameSaid,
  nameCorrectionOf,
  nameOf,
  problemAtReadBack,
  problemChangeOf,
  saysWhenItSuits,
  slotChoiceOf,
  STREET_SUFFIX,
  urgencyOf,
  safetyTopicOf,
  spokenAddress,
  questionsOf,
} from "@/server/intake/rules-extract";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { heard as hears } from "@/server/intake/phrase-rules";
import { BARE_NO, CORRECTION, DECLINED_TO_SAY, DONT_KNOW, WORK_PLACE } from "@/server/intake/phrasings";
import { RESIDENTIAL } from "@/server/intake/phrasings-questions";
import { CALM } from "@/server/intake/phrasings-safety";
import { firstName } from "@/server/messaging/render-template";
import { digitByDigit, digitRuns, findPhoneNumber, findZip } from "@/server/intake/spoken-numbers";
import { NOT_CUSTOMER_KINDS, type NotCustomerKind } from "@/server/intake/extraction";

/**
 * Two unclear answers to the same question: for the ZIP (the one hard gate) the call ends politely
 * with a callback promise; a name is skipped, a problem taken as "needs a look", an address left for
 * the office to confirm, so nothing the lead can live without ever loses a booking.
 */
export const MAX_ATTEMPTS_PER_QUESTION = 2;
/** A booking or callback is read back at most twice (the first time, and once after a correction). */
export const MAX_READ_BACKS = 2;
/** A caller who keeps asking questions or turning down times still gets a person: the call closes with a callback after this many. */
export const MAX_SIDE_TURNS = 6;
/** Emergencies and people asking for a person are called back within 0-5 minutes. */
export const URGENT_CALLBACK_MINUTES = 5;
/** A standard lead escalates after 15 minutes without movement. */
export const CALLBACK_MINUTES = 15;
export const DEFAULT_TRANSFER_TIMEOUT_SECONDS = 20;

export type CallOutcome = "booked" | "not_booked" | "followup_needed" | "closed";
export type CallStage = "new" | IntakeStage | "transferring" | "ended";

/** The lead fields the call captures. Each one is stored only with its evidence. */
export type CallFields = {
  zip?: string;
  inArea?: boolean;
  issueSummary?: string;
  urgency?: Urgency;
  callerName?: string;
  address?: string;
  bookingIntent?: BookingIntent;
  /** UTC ISO start of the booked slot; null once the caller took the visit back. */
  appointmentAt?: string | null;
  /** Who the call is for when it is not the caller (a tenant, a parent) and the unit: for the office. */
  notes?: string;
};

/** What the caller said before it was asked: kept, and used when the intake reaches that step. */
export type Volunteered = {
  issue?: { summary: string; urgency: Urgency; said: string };
  address?: { value: string; said: string };
  unit?: { value: string; said: string };
  /** The service a caller asked about before describing the problem ("garbage disposals"). */
  topic?: { value: string; said: string };
  /** A callback asked for before the booking offer ("…give me a call back when you get this"). */
  callback?: { said: string };
  /** When a visit suits, said before any time was offered ("mornings are better for me"). */
  when?: { said: string };
};
export type FieldName = keyof CallFields;
/** The caller's exact words each stored field came from. */
export type Evidence = Partial<Record<FieldName, string>>;

export type TranscriptTurn = { speaker: "agent" | "caller" | "system"; text: string; stage: CallStage };

export type Escalation = {
  reason: EscalationReason;
  emergencyKind: EmergencyKind | null;
  via: "transfer" | "urgent_callback";
  transferResult: "answered" | "failed" | null;
  /** The urgent callback task exists: a hang-up from here on loses nothing. */
  callbackTaskCreated: boolean;
};

export const END_REASONS = [
  "booked",
  "out_of_area",
  "declined_booking",
  "callback_requested",
  "unclear_answers",
  "no_open_slots",
  "slots_declined",
  "address_declined",
  "emergency_callback",
  "person_callback",
  "transferred",
  "transfer_failed",
  "not_qualified",
  "not_a_customer",
] as const;
/** Why the call ended, for QA and reports; the outcome is the SOP status. */
export type EndReason = (typeof END_REASONS)[number];

export type CallState = {
  version: 1;
  profile: PromptProfileName;
  stage: CallStage;
  /** Unclear answers to the current question. */
  misses: number;
  fields: CallFields;
  evidence: Evidence;
  /** Every time the caller may be booked into (earliest first), so a pick is matched against exactly these. */
  slotsOffered: OfferedSlot[];
  /** Positions in slotsOffered the agent read out last (one at a time, earliest first) … */
  slotsMentioned: number[];
  /** … and all it has read out so far … */
  slotsSaid: number[];
  /** … and the ones the caller turned down. */
  slotsDeclined: number[];
  /** Caller questions answered and times turned down: bounded so the call always ends. */
  sideTurns: number;
  volunteered: Volunteered;
  transcript: TranscriptTurn[];
  escalation: Escalation | null;
  outcome: CallOutcome | null;
  endReason: EndReason | null;
  /** The one safety question: what it asked about and what the caller answered (null until asked). */
  safety: { topic: SafetyTopic; answer: "yes" | "no" | "unclear" | null } | null;
  /** Read-backs said so far (at most MAX_READ_BACKS). */
  readBacks: number;
  /** The problem stayed unclear after a re-ask: the plumber takes a look, the call goes on. */
  issueUnclear: boolean;
  /** The address stayed unclear after two tries: the visit is booked and the office confirms the address by phone. */
  addressToConfirm: boolean;
  /** A number the caller asked to be called back at instead of the one they called from (digits). */
  callbackNumber: string | null;
  /** The work described is work the business does not take (a commercial building): a callback only. */
  workDeclined: boolean;
  /** The caller ID was withheld and the number to call back has been asked for (once a call). */
  numberAsked: boolean;
};

/** The tenant facts a turn needs; loaded by the route, never stored in the state. */
export type CallContext = {
  businessName: string;
  /** The agency's brand the assistant introduces itself with, when the owner chose it (white label); null or absent: none. */
  assistantBrand?: string | null;
  serviceZips: readonly string[];
  bookingSlots: readonly WeeklySlot[];
  timeZone: string;
  now: Date | string;
  onCallPhone?: string | null;
  /** When the office is open (weekday 0 = Sunday): answers "what are your hours", and no slot is offered on a closed day. */
  businessHours?: readonly { weekday: number; openMinute: number; closeMinute: number }[];
  /** The business's own answers to callers' questions (settings). */
  answers?: CallerAnswerSettings;
  transferTimeoutSeconds?: number;
  slotCount?: number;
  minNoticeMinutes?: number;
  /** The caller's number (read back on a callback); null when withheld (then a callback asks for one). */
  callerPhone?: string | null;
  /** Ask the one safety question when the problem is unclear (default on; off only in tests and evaluation). */
  askSafetyQuestion?: boolean;
};

export type CallEvent =
  | { type: "start" }
  | { type: "heard"; text: string; extraction: Extraction }
  | { type: "silence" }
  | { type: "transfer_answered" }
  | { type: "transfer_failed" };

export type SetFieldsAction = { type: "set_fields"; fields: CallFields; evidence: Evidence };
export type CreateTaskAction = {
  type: "create_task";
  kind: "callback" | "urgent_callback";
  dueInMinutes: number;
  title: string;
  notes: string;
};
export type EndAction = { type: "end"; outcome: CallOutcome; reason: EndReason };
/** The callback tasks this call left are done: the caller chose a visit after all. */
export type CloseTasksAction = { type: "close_tasks"; kind: "callback"; why: string };
export type ListenAction = { type: "listen"; stage: IntakeStage };
export type TransferAction = {
  type: "transfer";
  to: string;
  timeoutSeconds: number;
  reason: EscalationReason;
  emergencyKind: EmergencyKind | null;
};
export type HangupAction = { type: "hangup" };
/** Every result ends with exactly one of these: what the call does next. */
export type TerminalAction = ListenAction | TransferAction | HangupAction;
export type CallAction = SetFieldsAction | CreateTaskAction | CloseTasksAction | EndAction | TerminalAction;

export type TransitionResult = { state: CallState; say: string | null; actions: CallAction[] };

export function newCallState(profile: PromptProfileName = "standard"): CallState {
  return {
    version: 1,
    profile,
    stage: "new",
    misses: 0,
    fields: {},
    evidence: {},
    slotsOffered: [],
    slotsMentioned: [],
    slotsSaid: [],
    slotsDeclined: [],
    sideTurns: 0,
    volunteered: {},
    transcript: [],
    escalation: null,
    outcome: null,
    endReason: null,
    safety: null,
    readBacks: 0,
    issueUnclear: false,
    addressToConfirm: false,
    callbackNumber: null,
    workDeclined: false,
    numberAsked: false,
  };
}

export function isIntakeStage(stage: CallStage): stage is IntakeStage {
  return (INTAKE_STAGES as readonly string[]).includes(stage);
}

/** The question the next utterance answers (what the engine extracts for), or null. */
export function extractionStage(state: CallState): IntakeStage | null {
  return isIntakeStage(state.stage) ? state.stage : null;
}

/** The address is asked only of a qualified caller (in area, issue known) who wants a visit. */
export function canAskForAddress(state: CallState): boolean {
  const f = state.fields;
  return f.inArea === true && (!!f.issueSummary || state.issueUnclear) && f.bookingIntent === "visit";
}

// ---------------------------------------------------------------------------------------------

type Turn = {
  s: CallState;
  ctx: CallContext;
  script: Script;
  say: string[];
  fields: CallFields;
  evidence: Evidence;
  tasks: CreateTaskAction[];
  closeTasks: CloseTasksAction[];
  end: EndAction | null;
  terminal: TerminalAction;
  /** The caller asked for work the business does not take (a commercial building). */
  declinedWork?: boolean;
};

function store<K extends FieldName>(
  t: Turn,
  key: K,
  value: CallFields[K] | null | undefined,
  words: string,
): void {
  const said = words.trim();
  // No evidence, no field.
  if (!said || value === undefined || value === null) return;
  t.s.fields[key] = value;
  t.s.evidence[key] = said;
  t.fields[key] = value;
  t.evidence[key] = said;
}

function ask(t: Turn, stage: IntakeStage, text: string): void {
  if (t.s.stage !== stage) t.s.misses = 0;
  t.s.stage = stage;
  t.say.push(text);
  t.terminal = { type: "listen", stage };
}

/** Adds a line to the lead's notes for the office (each line once), with the caller's words as evidence. */
function addNote(t: Turn, line: string, said: string): void {
  const before = t.s.fields.notes;
  if (before?.includes(line)) return;
  store(
    t,
    "notes",
    before ? `${before}. ${line}` : line,
    [t.s.evidence.notes, said || "(no answer)"].filter(Boolean).join(" … "),
  );
}

function notesOf(s: CallState): string {
  const f = s.fields;
  const parts = [
    f.issueSummary && `Issue: ${f.issueSummary}`,
    f.urgency && `Urgency: ${f.urgency}`,
    f.zip && `ZIP: ${f.zip}${f.inArea === false ? " (out of area)" : ""}`,
    f.callerName && `Name: ${f.callerName}`,
    f.address && `Address: ${f.address}`,
    f.notes && f.notes,
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "Nothing captured yet.";
}

function task(s: CallState, kind: CreateTaskAction["kind"], title: string): CreateTaskAction {
  return {
    type: "create_task",
    kind,
    dueInMinutes: kind === "urgent_callback" ? URGENT_CALLBACK_MINUTES : CALLBACK_MINUTES,
    title,
    notes: notesOf(s),
  };
}

/** How the office will call the caller back: the caller ID, a number given on the call, or none. */
function reachOf(t: Turn): Reach {
  if (t.s.callbackNumber) return "given_number";
  const phone = t.ctx.callerPhone;
  return phone === null || (phone !== undefined && phone.replace(/\D/g, "").length < 10)
    ? "none"
    : "this_number";
}

/**
 * The call's outcome, its task and its last words. A callback promised to a caller whose number
 * was withheld is never "at this number": the number is asked for first (once; the task stands
 * already), and with none given the caller is asked to call again. `lead` is said in any case.
 */
function finish(
  t: Turn,
  outcome: CallOutcome,
  reason: EndReason,
  text: string | null,
  followUp?: CreateTaskAction,
  lead = "",
): void {
  t.s.stage = "ended";
  t.s.misses = 0;
  t.s.outcome = outcome;
  t.s.endReason = reason;
  if (lead) t.say.push(lead);
  if (followUp) t.tasks.push(followUp);
  t.end = { type: "end", outcome, reason };
  t.terminal = { type: "hangup" };
  if (text && outcome === "followup_needed" && reachOf(t) === "none") {
    const urgent = t.s.escalation !== null;
    if (!t.s.numberAsked) {
      t.s.numberAsked = true;
      return ask(t, "phone", t.script.askNumber(t.ctx.businessName, urgent));
    }
    return void t.say.push(t.script.noNumberGoodbye(t.ctx.businessName, urgent));
  }
  if (text) t.say.push(text);
}

/**
 * The answer to "what's the best number to reach you?" (asked only after the call's outcome and
 * task stand): kept in the notes for the office, then the read-back of a callback with a name, or
 * goodbye. Not understood: asked once more; declined or still unclear: the caller is asked to call again.
 */
function onNumber(t: Turn, said: string): void {
  const s = t.s;
  const number = findPhoneNumber(said);
  const declined = hears(DECLINED_TO_SAY, said) || hears(BARE_NO, said);
  if (!number && !declined && s.misses === 0) {
    s.misses += 1;
    t.say.push(t.script.reask("phone", 1, [], said !== ""));
    t.terminal = { type: "listen", stage: "phone" };
    return;
  }
  if (number) {
    s.callbackNumber = number;
    addNote(t, `Call back at ${number}`, said);
  }
  if (number && s.endReason === "callback_requested" && s.fields.callerName && s.readBacks < MAX_READ_BACKS)
    return readBack(t, "Thanks. ");
  // A booked visit stands with or without the number: its usual goodbye.
  if (s.outcome === "booked") return readBackDone(t, number ? "Thanks. " : "");
  s.stage = "ended";
  s.misses = 0;
  const urgent = s.escalation !== null;
  t.say.push(
    number
      ? t.script.numberGoodbye(t.ctx.businessName, urgent, soonOf(t))
      : t.script.noNumberGoodbye(t.ctx.businessName, urgent),
  );
  t.terminal = { type: "hangup" };
}

function urgentTitle(reason: EscalationReason, kind: EmergencyKind | null, transferFailed: boolean): string {
  const prefix = transferFailed ? "Transfer not answered. " : "";
  return reason === "emergency"
    ? `${prefix}Emergency (${emergencyLabel(kind)}): call back within ${URGENT_CALLBACK_MINUTES} minutes`
    : `${prefix}Caller asked for a person: call back within ${URGENT_CALLBACK_MINUTES} minutes`;
}

/**
 * After an emergency that nobody could take live: the name, then the address, each only if still
 * missing and each asked once, then the callback promise. The urgent task already exists, so a
 * caller who hangs up at any point here is still called back.
 */
function emergencyFollowUp(t: Turn, lead: string): void {
  const e = t.s.escalation!;
  const biz = t.ctx.businessName;
  const f = t.s.fields;
  if (!f.callerName && t.s.evidence.callerName === undefined && t.s.stage !== "name")
    return ask(t, "name", `${lead} ${t.script.emergencyAskName()}`.trim());
  if (!f.address && t.s.stage !== "address")
    return ask(t, "address", `${lead} ${t.script.emergencyAskAddress()}`.trim());
  const reason: EndReason =
    e.reason === "emergency"
      ? e.transferResult === "failed"
        ? "transfer_failed"
        : "emergency_callback"
      : e.transferResult === "failed"
        ? "transfer_failed"
        : "person_callback";
  finish(t, "followup_needed", reason, t.script.urgentPromise(biz, reachOf(t)), undefined, lead);
}

function urgentCallbackNow(t: Turn, transferFailed: boolean): void {
  const e = t.s.escalation!;
  if (e.callbackTaskCreated) return;
  e.callbackTaskCreated = true;
  t.tasks.push(task(t.s, "urgent_callback", urgentTitle(e.reason, e.emergencyKind, transferFailed)));
}

function escalate(t: Turn, reason: EscalationReason, kind: EmergencyKind | null): void {
  const to = t.ctx.onCallPhone?.trim();
  t.s.escalation = {
    reason,
    emergencyKind: kind,
    via: to ? "transfer" : "urgent_callback",
    transferResult: null,
    callbackTaskCreated: false,
  };
  // An emergency is transferred at once; the name and address are taken only if nobody picks up.
  if (to) {
    t.s.stage = "transferring";
    t.s.misses = 0;
    t.say.push(t.script.transferring(reason, kind));
    t.terminal = {
      type: "transfer",
      to,
      timeoutSeconds: t.ctx.transferTimeoutSeconds ?? DEFAULT_TRANSFER_TIMEOUT_SECONDS,
      reason,
      emergencyKind: kind,
    };
    return;
  }
  urgentCallbackNow(t, false);
  if (reason === "asked_for_person")
    return finish(
      t,
      "followup_needed",
      "person_callback",
      t.script.urgentCallback(t.ctx.businessName, reason, kind, reachOf(t)),
    );
  emergencyFollowUp(t, t.script.urgentFlagged(t.ctx.businessName, kind, reachOf(t)));
}

function miss(t: Turn, stage: IntakeStage): void {
  if (stage === "phone") return onNumber(t, "");
  t.s.misses += 1;
  if (t.s.escalation) {
    // Never keep someone with an emergency on the line over a name or an address.
    t.s.misses = 0;
    if (stage === "name") t.s.evidence.callerName ??= "";
    return emergencyFollowUp(t, "");
  }
  if (stage === "confirm") return readBackDone(t, "");
  if (
    t.s.misses >= MAX_ATTEMPTS_PER_QUESTION &&
    stage !== "zip" &&
    stage !== "booking_offer" &&
    stage !== "slot" &&
    t.s.transcript.some((turn) => turn.speaker === "caller")
  ) {
    // Only the ZIP is a hard gate: nothing else the lead can live without ends a call.
    const said = lastCallerWords(t.s, stage);
    t.s.misses = 0;
    if (stage === "safety") return safetyYes(t, "unclear", said);
    if (stage === "name") {
      t.s.evidence.callerName ??= "";
      addNote(t, "Name not given on the call", said);
      t.say.push(t.script.nameSkipped(reachOf(t)));
      return advance(t);
    }
    if (stage === "issue") {
      // Still unclear: the plumber takes a look, with the caller's own words kept for the office.
      const words = said
        .replace(/[\s.,!?]+$/, "")
        .trim()
        .slice(0, 160);
      t.s.issueUnclear = true;
      addNote(
        t,
        `Problem not clear on the call${words ? ` (caller said: "${words}")` : ""}: the plumber needs a look`,
        said,
      );
      t.say.push(t.script.issueNeedsLook());
      return advance(t);
    }
    if (stage === "address") {
      t.s.addressToConfirm = true;
      addNote(t, "Address not understood on the call: confirm it by phone before the visit", said);
      t.say.push(t.script.addressToConfirm());
      return startSlots(t);
    }
  }
  if (t.s.misses >= MAX_ATTEMPTS_PER_QUESTION) {
    if (!t.s.transcript.some((turn) => turn.speaker === "caller")) {
      // Not a word from the caller: nothing to act on, so the call is "missed" and gets the text-back.
      t.s.stage = "ended";
      t.say.push(t.script.silentGoodbye(t.ctx.businessName, reachOf(t)));
      t.terminal = { type: "hangup" };
      return;
    }
    finish(
      t,
      "followup_needed",
      "unclear_answers",
      t.script.unclearGoodbye(t.ctx.businessName, reachOf(t), soonOf(t)),
      task(t.s, "callback", "Call back: the AI could not understand the caller"),
    );
    return;
  }
  if (stage === "slot") return sayOffer(t, t.script.reaskSlots(currentSlots(t.s), t.s.misses as Miss));
  // Work the business does not take: only the office's call is offered again, never a visit.
  if (stage === "booking_offer" && t.s.workDeclined) {
    t.say.push(`Sorry. ${t.script.offerCallbackOnly(undefined)}`);
    t.terminal = { type: "listen", stage };
    return;
  }
  const heard = t.s.transcript.at(-1)?.speaker === "caller";
  t.say.push(t.script.reask(stage, t.s.misses as Miss, [], heard));
  t.terminal = { type: "listen", stage };
}

/** What the caller last said at this question (their words, or "" after silence). */
function lastCallerWords(s: CallState, stage: IntakeStage): string {
  return (
    [...s.transcript].reverse().find((turn) => turn.stage === stage && turn.speaker === "caller")?.text ?? ""
  );
}

/** The facts a re-asked question needs: name, urgency, the safety topic, the read-back sentence. */
function questionFacts(t: Turn): QuestionFacts {
  return {
    callerName: t.s.fields.callerName,
    urgency: t.s.fields.urgency,
    safetyTopic: t.s.safety?.topic,
    readBack: t.s.stage === "confirm" ? readBackText(t) : undefined,
  };
}

/** Asks the same question again (after answering the caller, a line check, a corrected name), without counting a miss. */
function askAgain(t: Turn, stage: IntakeStage): void {
  t.terminal = { type: "listen", stage };
  if (stage === "slot") return sayOffer(t, t.script.offerSlots(currentSlots(t.s), undefined));
  // The safety question is said in full once a call; asked again, it is the short form.
  if (stage === "safety") return void t.say.push(t.script.safetyAgain(t.s.safety?.topic ?? "water"));
  t.say.push(t.script.question(stage, questionFacts(t)));
}

// ── what comes next ─────────────────────────────────────────────────────────────────────────

/** Stores what the caller said before being asked: a name now; the issue and address kept for their step. */
/** Someone else to call or text before the visit: an instruction the plumber needs. */
const FOR_THE_PLUMBER =
  /\b(?:call|text|ring|phone)\s+(?:the (?:tenant|owner|homeowner|renter|neighbou?r|manager)|my (?:wife|husband|son|daughter|mom|mother|dad|father|tenant|neighbou?r|roommate|partner)|her|him|them)\b[^.?!]*?\b(?:before|first|ahead|when (?:you|he|she|they)(?:'re| are)? (?:on the way|leave|head|go|get))/i;

/**
 * A house number beginning the answer, or said after a comma or "I'm at" / "the address is" (two
 * digits or more, then a word that is no time: "can he come at 10 tomorrow" names no street).
 */
const HOUSE_NUMBER_SAID =
  /(?:^\W*|[,.;]\s*|\b(?:at|address is|address's|(?:unit|house|place|home|property|rental|apartment) is)\s+)\d{2,6}\s+(?!(?:tomorrow|today|tonight|morning|afternoon|evening|noon|am|pm|a\.m|p\.m|o'?clock|monday|tuesday|wednesday|thursday|friday|saturday|sunday|or|to|and|ish|minutes?|hours?)\b)[a-z]|^\W*\d/i;

/**
 * An address said before it was asked for. With its street type it counts at any step; without
 * one ("2206 south 3rd.", "Gilbert Navarro, I'm at 1510 Alta Vista") only said instead of or after
 * a name, or instead of a yes to the visit.
 */
function addressVolunteered(stage: IntakeStage, said: string, x: Extraction): string | null {
  const bare = (stage === "name" || stage === "booking_offer") && HOUSE_NUMBER_SAID.test(spokenAddress(said));
  return groundAddress(x.address ?? (bare ? addressOf(spokenAddress(said)) : null), said);
}

function keepVolunteered(t: Turn, stage: IntakeStage, said: string, x: Extraction): void {
  const v = t.s.volunteered;
  if (!t.s.fields.callerName && stage !== "name")
    store(t, "callerName", groundName(x.callerName, said), said);
  if (stage !== "address") {
    const address = addressVolunteered(stage, said, x);
    if (address && !t.s.fields.address) v.address = { value: address, said };
  }
  // "My sink's clogged, give me a call back when you get this": the answer to the booking offer, said early.
  if ((stage === "zip" || stage === "issue") && !x.wantsHuman && callbackAsked(said, x.callerName))
    v.callback ??= { said };
  if (stage === "zip" && !t.s.fields.issueSummary && x.issueSummary && !x.emergency) {
    const summary = groundIssue(x.issueSummary, said);
    if (summary) v.issue = { summary, urgency: x.urgency ?? "normal", said };
  }
  const unit =
    x.unit &&
    (said.toLowerCase().includes(x.unit.toLowerCase()) ||
      spokenAddress(said).toLowerCase().includes(x.unit.toLowerCase()))
      ? x.unit
      : null;
  if (unit && !v.unit) v.unit = { value: unit, said };
  // "…and mornings are better for me": kept, and the time offer starts with a time that fits.
  if (
    (stage === "zip" ||
      stage === "issue" ||
      stage === "name" ||
      stage === "booking_offer" ||
      stage === "address") &&
    !x.question &&
    saysWhenItSuits(said)
  )
    v.when = { said };
  // "Tuesday's fine, just call the tenant before you go, her name is Keisha": for the plumber.
  const forThePlumber = FOR_THE_PLUMBER.exec(said);
  if (forThePlumber && stage !== "zip" && stage !== "issue")
    addNote(t, `For the plumber: ${said.slice(forThePlumber.index).trim().slice(0, 160)}`, said);
  // "There's a gate code, it's 4-4-1-9", "park in the back alley and come to the side door", "we've
  // got a big dog": how to get in, for the plumber, at any step.
  const access = stage === "confirm" ? null : accessIn(said);
  if (access && !t.s.fields.notes?.includes(access)) addNote(t, `For the plumber: ${access}`, said);
  // "Could someone call my dad directly… His number is 512-555-0134", "please don't call before
  // noon", "can you just email me a quote?": how to reach the caller, for whoever calls back.
  const contact = stage === "zip" || stage === "confirm" ? null : contactWishesIn(said);
  if (contact && !t.s.fields.notes?.includes(contact)) addNote(t, `Reaching the caller: ${contact}`, said);
  // "I'm Ingrid, but please put it under his name": the lead is his, and the office knows who called.
  const calledBy = stage === "name" ? callerUnderAnotherName(said) : null;
  if (calledBy && !t.s.fields.notes?.includes(calledBy)) addNote(t, `Called by ${calledBy}`, said);
  // "the house is my mom's": the possessive still names who the call is for.
  const who = x.thirdParty && groundIssue(x.thirdParty, said.replace(/['’]s\b/g, "")) ? x.thirdParty : null;
  if (who || unit) {
    const notes = [
      t.s.fields.notes,
      who && !t.s.fields.notes?.includes(who) ? `Calling for ${who}` : null,
      unit && !t.s.fields.notes?.includes(`Unit ${unit}`) ? `Unit ${unit}` : null,
    ]
      .filter(Boolean)
      .join(". ");
    if (notes && notes !== t.s.fields.notes)
      store(t, "notes", notes, [t.s.evidence.notes, said].filter(Boolean).join(" … "));
  }
}

/** A sentence about getting in: a gate or door code, a lockbox, which door, where to park, a dog. */
const ACCESS =
  /\b(?:gate|door|entry|garage|alarm|access|building) code\b|\block ?box\b|\bkey (?:is )?under\b|\b(?:side|back|front|garage|basement) door\b|\bpark (?:in|on|at|behind|out)\b|\b(?:big|friendly|large|two|three) dogs?\b|\b(?:have|got|there's) (?:a|two|three) dogs?\b|\bbeware of (?:the )?dog\b|\bbuzzer\b|\bcall box\b/i;

/** The sentences of an answer that say how to get in, joined; null when none does. */
function accessIn(said: string): string | null {
  const found = (said.match(/[^.?!]+[.?!]*/g) ?? []).map((s) => s.trim()).filter((s) => ACCESS.test(s));
  return found.length ? found.join(" ").slice(0, 200) : null;
}

/** The address as said, with the unit the caller mentioned earlier when the address has none. */
function withUnit(s: CallState, address: string): string {
  const unit = s.volunteered.unit?.value;
  if (
    !unit ||
    /\b(unit|apt|apartment|suite|ste|#)\b/i.test(address) ||
    new RegExp(`\\b${unit}$`, "i").test(address)
  )
    return address;
  return `${address}, Unit ${unit}`;
}

/** Asks the first question the caller has not answered yet, in the SOP's order. */
function advance(t: Turn): void {
  const f = t.s.fields;
  const v = t.s.volunteered;
  const biz = t.ctx.businessName;
  if (!f.zip) return ask(t, "zip", t.script.question("zip"));
  if (!f.issueSummary && v.issue) {
    store(t, "issueSummary", v.issue.summary, v.issue.said);
    store(t, "urgency", v.issue.urgency, v.issue.said);
  }
  if (!f.issueSummary && !t.s.issueUnclear) return ask(t, "issue", t.script.askIssue());
  const topic = t.s.workDeclined ? null : safetyTopicToAsk(t);
  if (topic) {
    t.s.safety = { topic, answer: null };
    const lead = t.say.length
      ? ""
      : f.urgency === "high"
        ? "I'm sorry you're dealing with that. "
        : "Got it. ";
    return ask(t, "safety", `${lead}${t.script.safetyQuestion(topic)}`);
  }
  // Work the business does not take: the call from the office is offered at once, before the name
  // ("I'm sorry, we don't do commercial buildings. I can't book a visit for that, but would you like
  // someone from the office to call you back?"); a caller who lets it go is thanked, not kept.
  if (t.s.workDeclined && !f.callerName) {
    if (!f.bookingIntent) return ask(t, "booking_offer", t.script.offerCallbackOnly(f.callerName));
    if (f.bookingIntent === "no") return finish(t, "not_booked", "declined_booking", t.script.notBooked(biz));
  }
  if (!f.callerName && t.s.evidence.callerName === undefined) {
    // Sympathy is said once a call, and nothing goes before the question after the agent's own words.
    const sympathized = t.s.safety !== null && f.urgency === "high";
    return ask(
      t,
      "name",
      t.script.askName(sympathized || t.s.workDeclined ? "normal" : f.urgency, t.say.length > 0),
    );
  }
  if (!f.bookingIntent && v.callback && !t.s.workDeclined)
    store(t, "bookingIntent", "callback", v.callback.said);
  if (!f.bookingIntent)
    return ask(
      t,
      "booking_offer",
      t.s.workDeclined ? t.script.offerCallbackOnly(f.callerName) : t.script.offerBooking(f.callerName),
    );
  if (f.bookingIntent === "callback")
    return callbackWithReadBack(t, "Call back: the caller asked for a callback");
  if (f.bookingIntent === "no") return finish(t, "not_booked", "declined_booking", t.script.notBooked(biz));
  if (!canAskForAddress(t.s))
    return finish(
      t,
      "followup_needed",
      "not_qualified",
      t.script.callbackPromised(biz, reachOf(t), soonOf(t)),
      task(t.s, "callback", "Call back: the caller wants a visit but intake is incomplete"),
    );
  if (!f.address && v.address)
    store(
      t,
      "address",
      withUnit(t.s, v.address.value),
      [v.address.said, v.unit?.said].filter(Boolean).join(" … "),
    );
  if (!f.address && !t.s.addressToConfirm) return ask(t, "address", t.script.askAddress());
  startSlots(t);
}

/**
 * The one safety question, asked only when it can matter: no emergency heard yet, the problem is
 * not plainly routine (a quote, an install, a drip, "slow for two weeks", "no rush"), and what
 * was said is about water, a smell or a home without water or heat. Asked at most once a call.
 */
function safetyTopicToAsk(t: Turn): SafetyTopic | null {
  const s = t.s;
  if (
    t.ctx.askSafetyQuestion === false ||
    s.safety ||
    s.escalation ||
    s.issueUnclear ||
    s.fields.urgency === "emergency" ||
    s.fields.urgency === "low"
  )
    return null;
  const description = [s.evidence.issueSummary, s.fields.issueSummary].filter(Boolean).join(" … ");
  if (!description || isPlainlyRoutine(description)) return null;
  return safetyTopicOf(description);
}

/**
 * The emergency a "yes" to the safety question means, from what the caller said before and now.
 * An answer that tells an emergency of its own names it ("yes, water's pouring out under the
 * vanity", to a question about gas), and water found with no smell is water ("yes — the
 * baseboard's soaked and the carpet is getting wet"): what the caller found is the emergency.
 */
function kindFromSafetyAnswer(asked: SafetyTopic, words: string, answer: string): EmergencyKind {
  const found = detectEmergency(answer);
  if (found) return found;
  // Asked about gas for a hiss, the caller found water and no smell: it is water.
  const noSmell = answer.replace(
    /\b(no|not|don't|doesn't|can't|cannot|never|without)\b[^,.;]*?\b(smell\w*|odou?rs?|gas)\b/gi,
    "",
  );
  const topic = asked === "gas" && safetyTopicOf(noSmell) === "water" ? "water" : asked;
  const lower = words.toLowerCase();
  if (topic === "gas")
    return /\b(alarm|detector|monoxide|co|headaches?|dizz\w*|nause\w*)\b/.test(lower)
      ? "carbon_monoxide"
      : "gas_smell";
  if (topic === "no_service") return "no_water_vulnerable";
  const heard = detectEmergency(words);
  if (heard) return heard;
  if (
    /\b(outlets?|electric\w*|wiring|wires?|breakers?|panel|power strip|light fixtures?|lights?|lamp|plugged)\b/.test(
      lower,
    )
  )
    return "other_safety_risk";
  // Sewage only when waste water comes up or backs up: a toilet that runs or overflows clean water is not.
  if (
    /\b(sewage|sewer|back(ed|ing|s)? ?up|coming up|came up|comes up|poop|waste|dirty water|black water|brown water)\b/.test(
      lower,
    )
  )
    return "sewage_backup";
  if (
    /\b(pipes?|line|main)\b/.test(lower) &&
    /\b(burst|broke\w*|crack\w*|split|spray\w*|gush\w*)\b/.test(lower)
  )
    return "burst_pipe";
  return "flooding";
}

/** A yes (or an unclear answer, the safe side) to the safety question: the emergency path at once. */
function safetyYes(t: Turn, answer: "yes" | "unclear", said: string, more?: string | null): void {
  const s = t.s;
  const topic = s.safety?.topic ?? "water";
  s.safety = { topic, answer };
  const words = [s.evidence.issueSummary, said].filter(Boolean).join(" … ");
  const kind = kindFromSafetyAnswer(topic, words, said);
  if (more && s.fields.issueSummary && !s.fields.issueSummary.includes(more))
    store(t, "issueSummary", `${s.fields.issueSummary}; ${more}`, words);
  store(t, "urgency", "emergency", words);
  escalate(t, "emergency", kind);
}

/** Callers who are not customers, in words for the office. */
const NOT_CUSTOMER_LABEL: Record<NotCustomerKind, string> = {
  sales: "sales call",
  robocall: "recorded message",
  wrong_number: "wrong number",
};
export const NOT_A_CUSTOMER_NOTE = (kind: NotCustomerKind) => `Not a customer: ${NOT_CUSTOMER_LABEL[kind]}`;

// ── the read-back ───────────────────────────────────────────────────────────────────────────

function bookedSlot(s: CallState): OfferedSlot | undefined {
  return s.fields.appointmentAt
    ? s.slotsOffered.find((x) => x.startsAt === s.fields.appointmentAt)
    : undefined;
}

function readBackText(t: Turn): string {
  const s = t.s;
  const phone = s.callbackNumber ?? t.ctx.callerPhone?.replace(/\D/g, "");
  if (s.outcome === "booked")
    return t.script.readBack({
      name: s.fields.callerName,
      address: s.fields.address,
      addressToConfirm: s.addressToConfirm,
      slot: bookedSlot(s),
    });
  return t.script.readBack({
    name: s.fields.callerName,
    phoneTail: phone && phone.length >= 10 ? phone.slice(-4) : undefined,
  });
}

function readBack(t: Turn, lead: string): void {
  t.s.readBacks += 1;
  ask(t, "confirm", `${lead}${readBackText(t)}`.trim());
}

/** The read-back is over (confirmed, or read twice): the goodbye. The booking or callback already stands. */
function readBackDone(t: Turn, lead: string): void {
  const s = t.s;
  // A visit booked with no caller ID: the number for the plumber is asked once before goodbye.
  if (s.outcome === "booked" && reachOf(t) === "none" && !s.numberAsked) {
    s.numberAsked = true;
    return ask(t, "phone", `${lead}${t.script.askNumberForVisit()}`.trim());
  }
  const slot = bookedSlot(s);
  const bye =
    s.outcome === "booked" && slot
      ? t.script.booked(t.ctx.businessName, slot, s.fields.callerName)
      : t.script.callbackGoodbye(t.ctx.businessName, soonOf(t));
  s.stage = "ended";
  s.misses = 0;
  // "Thanks, I've noted that for the office." is thanks enough: the goodbye does not say it again.
  t.say.push(`${lead}${/thank/i.test(lead) ? bye.replace(/^Thanks\. /, "") : bye}`.trim());
  t.terminal = { type: "hangup" };
}

/**
 * A callback the caller asked for: the task stands at once (a hang-up loses nothing); with a name
 * to check, the name and the number to call are read back first.
 */
function callbackWithReadBack(t: Turn, title: string): void {
  const biz = t.ctx.businessName;
  const phone = t.s.callbackNumber ?? t.ctx.callerPhone?.replace(/\D/g, "") ?? "";
  if (!t.s.fields.callerName || phone.length < 10 || t.s.readBacks >= MAX_READ_BACKS)
    return finish(
      t,
      "followup_needed",
      "callback_requested",
      t.script.callbackPromised(biz, reachOf(t), soonOf(t)),
      task(t.s, "callback", title),
    );
  finish(t, "followup_needed", "callback_requested", null, task(t.s, "callback", title));
  readBack(t, "No problem. ");
}

/** "The name's right", "name and address are correct": said of the name read back. */
const NAME_CONFIRMED =
  /\bname(?:\s*(?:,|and)\s*(?:the\s+)?(?:address|number|time|day|phone))*\s+(?:is|are|'s|was|were)\s+(?:all\s+)?(?:right|correct|fine|good|ok|okay|perfect)\b/i;

const SPELLED = /\b(?:[a-z](?:[\s.,-]+|$)){2,}[a-z]?\b/i;

/** A name fixed at the read-back: spelled ("it's S M Y T H E"), restated, or one half replaced. */
function nameFixAt(said: string, stored: string | undefined, address?: string): string | null {
  // "Name and address are right, but make it Thursday": the name is confirmed, not put right.
  if (stored && NAME_CONFIRMED.test(said)) return null;
  // "The last name's O'Malley, O apostrophe M A L L E Y" when only "Grace" was taken: added (or put right).
  const last = stored ? lastNameSaid(said) : null;
  if (last && stored) {
    const parts = stored.split(" ");
    const fixed = parts.length === 1 ? `${stored} ${last}` : [...parts.slice(0, -1), last].join(" ");
    return fixed === stored ? null : fixed;
  }
  const corrected = nameCorrectionOf(said, stored);
  if (corrected) return corrected;
  const runs = [
    // ("Mulrooney has two O's, M-U-L-R-O-O-N-E-Y": the "s" of "O's" is no letter of the spelling.)
    ...said
      .replace(/\b(i|a)\b(?=\s+[a-z]{2,})/gi, " ")
      .replace(/\b([a-z])'s\b/gi, "$1s")
      // ("…and Brandt has a D, B-R-A-N-D-T", "Karl with a K": how one letter is written, not a spelling.)
      .replace(/\b(?:with|has|have|had)\s+(?:an?|two|double)\s+[a-z]\b,?/gi, " ")
      // ("…starts with a Q, not a K, Q-U-I-N-T-A-N-I-L-L-A": the letter it is not is no part of it.)
      .replace(/\bnot\s+an?\s+[a-z]\b,?/gi, " ")
      .matchAll(new RegExp(SPELLED.source, "gi")),
  ]
    .map((m) => m[0].replace(/[^a-z]/gi, ""))
    .filter((letters) => letters.length >= 2);
  // "Alta, A-L-T-A, not Alto": a word of the address spelled is the address being fixed.
  if (runs.length && address && nearWordOf(runs[0]!, address)) return null;
  if (runs.length) {
    const words = runs.map((letters) => letters.charAt(0).toUpperCase() + letters.slice(1).toLowerCase());
    if (!stored) return words.join(" ");
    const parts = stored.split(" ");
    // Each spelled word replaces a half of the name ("S-E-A-N … and M-U-L-R-O-O-N-E-Y" fixes both):
    // the one the caller names ("K A T E L Y N, not Caitlin"), else the one it is a letter or two
    // off, else the one starting with the same letter, else the last name.
    for (const word of words) {
      const named = parts.findIndex((p) => {
        const half = p.replace(/[^\p{L}'-]/gu, "");
        return half.length >= 2 && new RegExp(`\\b(?:not|instead of)\\s+${half}\\b`, "iu").test(said);
      });
      const close = parts.findIndex((p) => nearWordOf(word, p));
      const initial = parts.findIndex((p) => p[0]?.toLowerCase() === word[0]!.toLowerCase());
      // "M-A-R-I-S-O-L, one word" when "Mary Sol" was heard: two halves that are one.
      const pair = parts.findIndex((p, i) => i + 1 < parts.length && nearWordOf(word, p + parts[i + 1]!));
      if (named < 0 && close < 0 && pair >= 0) {
        parts.splice(pair, 2, word);
        continue;
      }
      // "No, the first name's Joaquin, J-O-A-Q-U-I-N": the half the caller names.
      const half =
        words.length > 1
          ? -1
          : /\bfirst name\b/i.test(said)
            ? 0
            : /\b(?:last name|surname)\b/i.test(said)
              ? parts.length - 1
              : -1;
      const at = named >= 0 ? named : half >= 0 ? half : close >= 0 ? close : initial;
      parts[at >= 0 ? at : parts.length - 1] = word;
    }
    const fixed = parts.join(" ");
    return fixed === stored ? null : fixed;
  }
  if (/\b(name|it'?s|i'?m|this is|spelled)\b/i.test(said)) {
    const name = nameOf(joinSpelling(said), true);
    // "Actually it's Robert" (stored: Bob Grant): one word that is not the last name replaces the first.
    const parts = stored?.split(" ") ?? [];
    if (
      name &&
      !name.includes(" ") &&
      parts.length >= 2 &&
      name.toLowerCase() !== parts.at(-1)!.toLowerCase() &&
      name.toLowerCase() !== parts[0]!.toLowerCase()
    )
      return [name, ...parts.slice(1)].join(" ");
    // ("That's right. Will the plumber call…", "I'm hardly ever at my desk": no name at all.)
    if (
      name &&
      name !== stored &&
      (!stored ||
        name.split(" ").some((w) => stored.toLowerCase().includes(w.toLowerCase())) ||
        (name.split(" ").length >= 2 && /\b(name|spelled|spell)\b/i.test(said)))
    )
      return name;
  }
  return null;
}

/** Whether a word is one of the text's words, or that word heard one letter off ("alta" for "alto"). */
function nearWordOf(word: string, text: string): boolean {
  const w = word.toLowerCase();
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).some(
    (t) =>
      t === w || (t.length >= 3 && t.length === w.length && [...t].filter((c, i) => c !== w[i]).length <= 1),
  );
}

/**
 * A street word fixed at the read-back by saying the street again ("it's San Gabriel, san like San
 * Antonio", when "Sam Gabriel" was heard): a word one letter off a word of the street, said with
 * another word of that street. The fixed address, or null.
 */
function streetWordFixAt(said: string, address: string | undefined): string | null {
  if (!address) return null;
  const street = address.replace(/^\d+\s*/, "");
  const streetWords = (street.toLowerCase().match(/[a-z]+/g) ?? []).filter(
    (w) => !STREET_SUFFIX_WORD.test(w),
  );
  const saidWords = said.toLowerCase().match(/[a-z]+/g) ?? [];
  const suffixes = (street.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => STREET_SUFFIX_WORD.test(w));
  // Said with another word of the street ("san gabriel"), or with its kind ("pecos street").
  const withStreet = (i: number) =>
    saidWords.some((w) => w.length >= 3 && streetWords.includes(w)) ||
    suffixes.includes(saidWords[i + 1] ?? "");
  for (const [i, w] of saidWords.entries()) {
    if (w.length < 3 || streetWords.includes(w) || !withStreet(i)) continue;
    const near = streetWords.find((t) => t !== w && nearWordOf(w, t));
    if (near)
      return address.replace(new RegExp(`\\b${near}\\b`, "i"), w.charAt(0).toUpperCase() + w.slice(1));
  }
  return null;
}
/**
 * The street said with its kind at the read-back ("No, it's Koenig Lane. K-O-E-N-I-G.", when
 * "Canning Lane" was heard): the street's name replaced, the house number kept; spelled, the
 * spelling is the name. The fixed address, or null when the street said is the one stored.
 */
function streetRenamedAt(said: string, address: string | undefined): string | null {
  const stored = address ? /^(\d+\s+)(.*?)\s+([a-z]+)\b(.*)$/i.exec(address) : null;
  if (!stored || !STREET_SUFFIX_WORD.test(stored[3]!.toLowerCase())) return null;
  const kind = stored[3]!.toLowerCase();
  const m = new RegExp(`\\b([a-z]{3,})\\s+${kind}\\b`, "i").exec(said);
  const word = m?.[1];
  if (!word || NOT_A_STREET_WORD.test(word) || STREET_SUFFIX_WORD.test(word.toLowerCase())) return null;
  if (stored[2]!.toLowerCase().split(/\s+/).includes(word.toLowerCase())) return null;
  const spelled = [...said.matchAll(new RegExp(SPELLED.source, "gi"))]
    .map((r) => r[0].replace(/[^a-z]/gi, ""))
    .find((letters) => letters.toLowerCase() === word.toLowerCase());
  const name = (spelled ?? word).charAt(0).toUpperCase() + (spelled ?? word).slice(1).toLowerCase();
  // The direction before the street's name stays ("West Lynn Street" → "West Lynn…").
  const direction = /^((?:north|south|east|west|n|s|e|w)\.?\s+)/i.exec(stored[2]!)?.[1] ?? "";
  return `${stored[1]}${direction}${name} ${stored[3]}${stored[4]}`;
}

/** Words around a street said again that are not its name ("we're on", "same number"). */
const NOT_A_STREET_WORD =
  /^(?:we're|were|we|are|on|it's|its|it|is|the|a|an|no|not|yes|yeah|oh|wait|hold|sorry|same|number|house|street|that|one|with|right|out|front|though|but|and|just|actually|mm|hm|okay|ok|spelled|spell|it'?s)$/i;

/**
 * A word or number of the address the caller names after "not", and what to put in its place:
 * "No, not Alegria. Alameda, A-L-A-M-E-D-A" (the spelling), "not Duval, we're on Speedway, same
 * number" (the street said instead), "the unit's wrong, it's 41, not 14" (the number said instead,
 * in the unit, not the house number). Returns the address fixed, or null.
 */
function addressWordNamedAt(said: string, address: string | undefined): string | null {
  if (!address) return null;
  const tokens = address.match(/[a-z0-9]+/gi) ?? [];
  for (const m of said.matchAll(/\bnot\s+(?:on\s+|the\s+)?([a-z]+|\d+)\b/gi)) {
    const old = tokens.find((t) => t.toLowerCase() === m[1]!.toLowerCase());
    // ("Yes, that's not a problem" on Avenue A: a one- or two-letter word is no street word named.)
    if (!old || STREET_SUFFIX_WORD.test(old.toLowerCase()) || (/^[a-z]+$/i.test(old) && old.length < 3))
      continue;
    const rest = `${said.slice(0, m.index)} ${said.slice(m.index + m[0].length)}`;
    let word: string | undefined;
    if (/^\d+$/.test(old)) {
      // ("Two things: … the house number is 4410, not 4140": the number said for it, as long as it.)
      const numbers = ((digitByDigit(rest) ?? spokenAddress(rest)).match(/\b\d+\b/g) ?? []).filter(
        (n) => n !== old,
      );
      word = numbers.find((n) => n.length === old.length) ?? numbers[0];
    } else {
      const spelled = [...rest.matchAll(new RegExp(SPELLED.source, "gi"))]
        .map((r) => r[0].replace(/[^a-z]/gi, ""))
        .find((letters) => letters.length >= 3);
      const instead = spelled ?? /\b(?:on|it'?s|is)\s+([a-z]{3,})\b/i.exec(rest)?.[1];
      const first = (rest.match(/[a-z]+/gi) ?? []).find(
        (w) => w.length >= 3 && !NOT_A_STREET_WORD.test(w) && !STREET_SUFFIX_WORD.test(w.toLowerCase()),
      );
      const picked = instead && !NOT_A_STREET_WORD.test(instead) ? instead : first;
      word = picked ? picked.charAt(0).toUpperCase() + picked.slice(1).toLowerCase() : undefined;
    }
    if (!word || word.toLowerCase() === old.toLowerCase()) continue;
    return address.replace(new RegExp(`\\b${old}\\b`), word);
  }
  return null;
}

/** A street's kind or direction ("street", "ave", "south"): not a word that names the street. */
const STREET_SUFFIX_WORD = new RegExp(`^(?:${STREET_SUFFIX}|north|south|east|west|n|s|e|w)$`);

/** A house number fixed at the read-back ("no, it's twenty-four sixteen"): the new number on the same street. */
function houseNumberFixAt(said: string, stored: string | undefined): string | null {
  if (!stored) return null;
  // Said digit by digit ("forty one sixty, four one six zero"): the spelled digits are the number.
  // ("…and the gate code is 7294", "they'll need the gate code. It's 7294": a code, not the house number.)
  if (/\bcode\b/i.test(said) && !/\b(?:house number|address|street number)\b/i.test(said)) return null;
  const withoutCodes = said.replace(
    /\b(?:gate|door|lockbox|lock box|garage|alarm|entry|access|pin|pass)\s*(?:code|number)?\s*(?:is|'s)?\s*[\d\s-]+/gi,
    " ",
  );
  const asDigits = digitByDigit(withoutCodes) ?? spokenAddress(withoutCodes);
  const m = /\b(\d{2,6})\b(?!\s*(?:am|pm|a\.m|p\.m|o'?clock|:\d))/i.exec(asDigits);
  const old = /^\d+/.exec(stored)?.[0];
  if (!m || !old || m[1] === old) return null;
  if (
    !/\b(number|address|house|it'?s|its|not|no|wrong|should be|actually|street|lane|road|drive|avenue)\b/i.test(
      said,
    )
  )
    return null;
  return stored.replace(/^\d+/, m[1]!);
}

/**
 * The ZIP said at the read-back when it differs from the one taken: the one ZIP said, or with two
 * ("my zip is 78702, I said 78701 by mistake") the one that is not the ZIP taken. Null when none.
 */
function zipPutRight(said: string, stored: string | undefined): string | null {
  const text = spokenAddress(said);
  const one = findZip(text);
  if (one) return one === stored ? null : one;
  const others = [...new Set(digitRuns(text).filter((r) => r.length === 5))].filter((z) => z !== stored);
  return others.length === 1 ? others[0]! : null;
}

/** The caller's answer to the read-back: a yes ends the call, a correction is fixed and read back once more. */
/** Words of a read-back accepted ("yep, that's all correct", "yes, you got it") and of a goodbye: nothing to add. */
const READ_BACK_YES_WORDS = new Set(
  "yes yeah yep yup correct right perfect great good fine sounds that's thats that is it's its it all all's you got looks exactly absolutely sure everything ok okay mm-hm mhm uh-huh thanks thank bye goodbye now dear see have a nice day".split(
    " ",
  ),
);
const saysOnlyYes = (part: string) =>
  (part.toLowerCase().match(/[a-z'-]+/g) ?? []).every((w) => READ_BACK_YES_WORDS.has(w));

function onConfirm(t: Turn, said: string, x: Extraction): void {
  const s = t.s;
  if (s.outcome === "booked" && x.bookingIntent === "callback") return visitTakenBack(t, said);
  if (s.endReason === "callback_requested" && x.bookingIntent === "visit" && !s.workDeclined)
    return visitAfterAll(t, said, x);
  const fixed: FixedPart[] = [];
  const named = s.outcome === "booked" ? addressWordNamedAt(said, s.fields.address) : null;
  const streetFix =
    named ??
    (s.outcome === "booked"
      ? (streetWordFixAt(said, s.fields.address) ?? streetRenamedAt(said, s.fields.address))
      : null);
  // (A street word spelled or said instead is no name; a number fixed leaves the name to be read.)
  const letters = (a: string | undefined) => (a ?? "").replace(/[^a-z]/gi, "").toLowerCase();
  const wordFixed = !!streetFix && letters(streetFix) !== letters(s.fields.address);
  const name = wordFixed ? null : nameFixAt(said, s.fields.callerName, s.fields.address);
  if (name && name !== s.fields.callerName) {
    store(t, "callerName", name, said);
    fixed.push({ part: "name", value: name });
  }
  // "I gave you the wrong zip at the start. It's 78723, not 78722": the ZIP put right, never read as
  // a house number. One the business does not serve is not stored: the office confirms the visit.
  const zipSaid =
    /\b(?:zip|zipcode|postal code)\b/i.test(said) &&
    digitRuns(spokenAddress(said)).some((r) => r.length === 5);
  const zipFix = zipSaid ? zipPutRight(said, s.fields.zip) : null;
  if (zipFix) {
    if (t.ctx.serviceZips.includes(zipFix)) {
      store(t, "zip", zipFix, said);
      fixed.push({ part: "ZIP code", value: zipFix });
    } else {
      addNote(
        t,
        `At the read-back the caller gave the ZIP code ${zipFix}, which is outside the service area: confirm before the visit`,
        said,
      );
      fixed.push({ part: "note", value: zipFix });
    }
  }
  // ("They'll need the gate code. It's 3381 then star": a code for the plumber, no address.)
  const aboutACode =
    zipSaid || (/\bcode\b/i.test(said) && !/\b(?:address|house number|street number)\b/i.test(said));
  if (s.outcome === "booked" && !aboutACode) {
    const full = groundAddress(x.address, spokenAddress(said)) ?? groundAddress(x.address, said);
    const address =
      named ??
      (full && full !== s.fields.address ? full : (streetFix ?? houseNumberFixAt(said, s.fields.address)));
    if (address && address !== s.fields.address) {
      const houseOnly =
        !!s.fields.address && address.replace(/^\d+/, "") === s.fields.address.replace(/^\d+/, "");
      store(t, "address", withUnit(s, address), said);
      if (s.addressToConfirm) s.addressToConfirm = false;
      fixed.push(
        houseOnly
          ? { part: "house number", value: /^\d+/.exec(address)![0] }
          : { part: "address", value: address },
      );
    }
    const n = x.slotNumber;
    const slot = n !== null && n >= 1 ? s.slotsOffered[n - 1] : undefined;
    if (slot && slot.startsAt !== s.fields.appointmentAt) {
      store(t, "appointmentAt", slot.startsAt, said);
      fixed.push({ part: "time", value: slotWindow(slot) });
    } else if (x.slotUnavailable && !slot) {
      addNote(
        t,
        `At the read-back the caller asked for another time (${x.slotUnavailable}): call to move the visit`,
        said,
      );
      fixed.push({ part: "note", value: x.slotUnavailable });
    }
  } else if (s.outcome !== "booked") {
    const number = digitRuns(said).find((run) => run.length === 10 || run.length === 11 || run.length === 7);
    if (number) {
      // "Call my cell instead, 512 555 0199": that number is the one to call, and the read-back says it.
      const digits = number.length === 11 ? number.slice(1) : number;
      if (digits.length === 10) s.callbackNumber = digits;
      addNote(t, `Call back at ${digits}`, said);
      fixed.push({ part: "number", value: digits.slice(-4) });
    }
  }
  if (fixed.length) {
    if (s.readBacks >= MAX_READ_BACKS) return readBackDone(t, `${t.script.fixed(fixed)} `);
    return readBack(t, `${t.script.fixed(fixed)} `);
  }
  if (x.yesNo === "yes") {
    // "Yep, that's it. Heads up though, we've got a big dog…", "yes, and the gate code is 7294":
    // what the caller adds after the yes is for the plumber.
    // A word of the problem put right, or a second problem for the same visit, goes to the problem
    // itself: the plumber reads it there.
    const problem = s.fields.issueSummary ? problemAtReadBack(s.fields.issueSummary, said) : null;
    if (problem) {
      store(t, "issueSummary", problem, said);
      return readBackDone(t, t.script.problemNoted());
    }
    const added = said
      .split(/(?<=[.!?])\s+|,\s*(?=(?:and|oh|also|heads up|but)\b)/i)
      .map((part) => part.trim())
      .filter((part) => part.split(/\s+/).length >= 4 && !saysOnlyYes(part));
    if (added.length) addNote(t, `At the read-back the caller added: ${added.join(" ").slice(0, 200)}`, said);
    return readBackDone(t, "");
  }
  if (x.yesNo === "no" && s.misses === 0 && s.readBacks < MAX_READ_BACKS + 1) {
    s.misses += 1;
    t.say.push(t.script.askWhatToFix());
    t.terminal = { type: "listen", stage: "confirm" };
    return;
  }
  // Something we could not apply: kept word for word for the office, which confirms by phone.
  addNote(t, `At the read-back the caller said: "${said.slice(0, 160)}"`, said);
  readBackDone(t, "Thanks, I've noted that for the office. ");
}

/**
 * "Actually, hold off on booking it, just have someone call me first", said at the read-back: the
 * visit is not booked after all (its time is cleared), the lead waits for the office's call with a
 * callback task, and the caller hears that no visit stands. What they gave (address, name) stays.
 */
function visitTakenBack(t: Turn, said: string): void {
  const s = t.s;
  s.fields.appointmentAt = null;
  s.evidence.appointmentAt = said.trim();
  t.fields.appointmentAt = null;
  t.evidence.appointmentAt = said.trim();
  addNote(t, "At the read-back the caller took back the visit: call before booking one", said);
  finish(
    t,
    "followup_needed",
    "callback_requested",
    t.script.visitTakenBack(t.ctx.businessName, reachOf(t), soonOf(t)),
    task(s, "callback", "Call back: the caller took back the visit and wants a call first"),
  );
}

/**
 * "Actually, can you just put me down for a visit? Thursday morning if you have it", said at a
 * callback's read-back: the callback task this call left is done, and the visit is taken as if
 * chosen at the offer (the address, then the time, starting with one that fits what was said).
 */
function visitAfterAll(t: Turn, said: string, x: Extraction): void {
  const s = t.s;
  s.outcome = null;
  s.endReason = null;
  t.closeTasks.push({ type: "close_tasks", kind: "callback", why: "the caller chose a visit instead" });
  store(t, "bookingIntent", "visit", said);
  keepVolunteered(t, "booking_offer", said, { ...x, question: null });
  advance(t);
}

function upcoming(ctx: CallContext): OfferedSlot[] {
  const open = ctx.businessHours?.length ? ctx.businessHours.map((h) => h.weekday) : undefined;
  return upcomingSlots(ctx.bookingSlots, {
    timeZone: ctx.timeZone,
    now: ctx.now,
    count: ctx.slotCount,
    minNoticeMinutes: ctx.minNoticeMinutes,
    openWeekdays: open,
  });
}

function currentSlots(s: CallState): OfferedSlot[] {
  return s.slotsMentioned.map((i) => s.slotsOffered[i]).filter((x): x is OfferedSlot => !!x);
}

function sayOffer(t: Turn, text: string): void {
  t.s.stage = "slot";
  t.say.push(text);
  t.terminal = { type: "listen", stage: "slot" };
}

function mention(t: Turn, indices: number[]): OfferedSlot[] {
  t.s.slotsMentioned = indices;
  t.s.slotsSaid = [...new Set([...t.s.slotsSaid, ...indices])];
  return currentSlots(t.s);
}

/** Over the phone the earliest window is offered alone; the others follow on a "no". */
function startSlots(t: Turn): void {
  const slots = upcoming(t.ctx);
  if (slots.length === 0)
    return finish(
      t,
      "followup_needed",
      "no_open_slots",
      t.script.noOpenSlots(t.ctx.businessName, soonOf(t)),
      task(t.s, "callback", "Call back to schedule a visit: no open booking slot to offer"),
    );
  if (t.s.stage !== "slot") t.s.misses = 0;
  t.s.slotsOffered = slots;
  const address = t.s.profile === "standard" ? t.s.fields.address : undefined;
  // A time that suits, said earlier ("mornings are better", "any day but Thursday"): the first
  // opening that fits is offered first, said as such (it may not be the next one).
  const said = t.s.volunteered.when?.said.toLowerCase();
  const fits = said
    ? slotChoiceOf(
        said,
        slots,
        slots.map((_, i) => i),
      )
    : null;
  const at = fits?.kind === "pick" ? fits.index : fits?.kind === "offer" ? fits.indices[0]! : 0;
  if (at > 0) return sayOffer(t, t.script.offerFitting(mention(t, [at])[0]!, address));
  const first = mention(t, [0]);
  sayOffer(t, t.script.offerSlots(first, address));
}

/**
 * The caller accepted a time: the visit is booked now (a hang-up during the read-back keeps it),
 * then what was taken is read back once, for the caller to correct.
 */
function bookSlot(t: Turn, slot: OfferedSlot, said: string): void {
  store(t, "appointmentAt", slot.startsAt, said);
  const confirmAddress = t.s.addressToConfirm
    ? task(t.s, "callback", "Call to confirm the address for the booked visit")
    : undefined;
  finish(t, "booked", "booked", null, confirmAddress);
  readBack(t, t.script.bookedIntro());
}

function onSlotAnswer(t: Turn, said: string, x: Extraction): void {
  const s = t.s;
  const biz = t.ctx.businessName;
  const n = x.slotNumber;
  const picked = n !== null && Number.isInteger(n) && n >= 1 ? s.slotsOffered[n - 1] : undefined;
  if (picked && !x.slotTentative) return bookSlot(t, picked, said);
  if (x.bookingIntent === "callback")
    return callbackWithReadBack(t, "Call back to schedule a visit: the caller asked for a call");
  // Anything but a pick turns down the times just offered.
  if (picked || x.declined)
    s.slotsDeclined = [...new Set([...s.slotsDeclined, ...s.slotsMentioned.filter((i) => i !== n! - 1)])];
  if (++s.sideTurns > MAX_SIDE_TURNS)
    return finish(
      t,
      "followup_needed",
      "slots_declined",
      t.script.slotsDeclined(biz, soonOf(t)),
      task(s, "callback", "Call back to schedule a visit: the offered times did not suit"),
    );
  if (picked) return sayOffer(t, t.script.offerSlots(mention(t, [n! - 1]), undefined));
  if (x.slotUnavailable) {
    const all = mention(
      t,
      s.slotsOffered.map((_, i) => i),
    );
    return sayOffer(t, t.script.slotUnavailable(x.slotUnavailable, all));
  }
  if (x.declined) {
    const rest = s.slotsOffered
      .map((_, i) => i)
      .filter((i) => !s.slotsSaid.includes(i) && !s.slotsDeclined.includes(i));
    if (rest.length === 0)
      return finish(
        t,
        "followup_needed",
        "slots_declined",
        t.script.slotsDeclined(biz, soonOf(t)),
        task(s, "callback", "Call back to schedule a visit: the offered times did not suit"),
      );
    return sayOffer(t, t.script.offerMoreSlots(mention(t, rest.slice(0, 2))));
  }
  s.sideTurns -= 1;
  miss(t, "slot");
}

/** The ZIP the caller said; "78731, no, 78703" is the one after their own correction. */
function zipOf(x: Extraction, said: string): string | null {
  const zip = groundZip(x.zip, said);
  if (zip) return zip;
  const parts = said.split(/\b(?:no|nope|sorry|i mean|wait|actually|oops)\b/i);
  for (let i = parts.length - 1; i > 0; i--) {
    const corrected = findZip(parts[i]!);
    if (corrected) return corrected;
  }
  return null;
}

/** Keeps what the caller said about an emergency, added to any earlier description. */
function storeEmergency(t: Turn, x: Extraction, said: string): void {
  if (t.s.stage === "zip") {
    const zip = zipOf(x, said);
    if (zip) {
      store(t, "zip", zip, said);
      store(t, "inArea", t.ctx.serviceZips.includes(zip), said);
    }
  }
  const summary = groundIssue(x.issueSummary, said) ?? said.slice(0, 300);
  const before = t.s.fields.issueSummary;
  if (before && before !== summary)
    store(t, "issueSummary", `${before}; ${summary}`, `${t.s.evidence.issueSummary ?? ""} … ${said}`);
  else store(t, "issueSummary", summary, said);
  store(t, "urgency", "emergency", said);
}

/** Did this utterance answer the question being asked? */
function answersStage(t: Turn, stage: IntakeStage, said: string, x: Extraction): boolean {
  switch (stage) {
    case "zip":
      return zipOf(x, said) !== null;
    case "issue":
      return groundIssue(x.issueSummary, said) !== null;
    case "name":
      return groundName(x.callerName, said) !== null || x.declined || x.bookingIntent !== null;
    case "booking_offer":
      return x.bookingIntent !== null || x.declined || (t.s.workDeclined && LETS_IT_GO.test(said));
    case "address":
      return groundAddress(x.address, said) !== null || x.declined || x.bookingIntent === "callback";
    case "slot":
      return x.slotNumber !== null || x.declined || !!x.slotUnavailable || x.bookingIntent === "callback";
    case "safety":
      // Anything but a question or a line check answers it: an unclear answer counts as yes.
      return true;
    case "confirm":
    case "phone":
      return true;
  }
}

const REPEAT_REQUEST =
  /^\W*(?:(?:oh|um+|uh+|hello)\W+)?(what|sorry|pardon( me)?|huh|excuse me|come again|say that again|(can|could) you (say|repeat) (that|it)( again)?|repeat (that|it)|what was that|what did you say|i didn'?t (catch|hear|get) (that|you|it)|speak up|(i )?can'?t hear (you|that|you very well)|((can|could) you )?(speak|talk) (up|louder|slower|more slowly)|louder)(\W+(dear|honey|hon|sweetie|sweetheart|ma'?am|sir|please|again|i can'?t hear you|i didn'?t (catch|hear) (you|that)))*\W*$/i;
/** "Hang on, sorry, my other line — okay, what was that?": the words before an ask to hear it again. */
const HOLD_ON_FIRST =
  /^\W*(?:(?:(?:hang|hold) on|one (?:sec|second|moment|minute)|just a (?:sec|second|moment|minute)|sorry|okay|ok|alright|all right|wait|yeah|(?:i'?m|we'?re) back|(?:i was on )?(?:my|the) other line)\W+)+/i;
const asksToHearAgain = (said: string) =>
  REPEAT_REQUEST.test(said) || REPEAT_REQUEST.test(said.replace(HOLD_ON_FIRST, ""));
/**
 * "Oh, okay. Never mind then, thanks anyway.", "ok whatever, I'll call somebody else": the caller is
 * done before anything was booked.
 */
const NEVER_MIND =
  /^\W*(?:(?:oh|ah|okay|ok|alright|all right|well|hmm|gotcha|got it|i see|dang|really|darn|shoot|whatever|fine|then|we'?re fine|we'?re good|i'?m fine|i'?m good|all good|(?:y'?all|you(?: guys)?) (?:don'?t|do not|can'?t))\W+)*(never ?mind|forget it|no worries|that'?s (all|okay|ok|fine)|(?:no,? )*(?:we|i) (?:don'?t|do not) need (?:anybody|anyone|anything|somebody|someone|a plumber)(?: after all)?|(thanks?|thank you) anyways?|(?:i'?ll|i will|i'?m gonna|i'?m going to|gonna|we'?ll|we will|we'?re gonna|we'?re going to) (?:just )?(?:call|try|find|get|go with|look for) (?:somebody|someone|some one|another|a different|elsewhere|the [a-z]+ (?:people|guys|folks|company))(?: else| plumber| company| one)?)(\W+then)?(\W+(thanks?|thank you)( (anyway|anyways|though|for your help|so much))?)?(\W+(bye|goodbye|bye bye|bye now|take care))?\W*$/i;
/** "I don't know the zip code, I just moved here." */
const ZIP_UNKNOWN =
  /\b((don'?t|do not|doesn'?t) know (the |my |what (the|my) |our )?zip|dunno (the |my |what (the|my) |our )?zip|not sure (of |about |what )?(the |my )?zip|no idea (what )?(the |my )?zip|(just|recently) moved|can'?t (remember|find) (the |my )?zip|forg[eo]t (the |my )?zip)\b/i;

function onHeard(t: Turn, stage: IntakeStage, said: string, heardAs: Extraction): void {
  // "How long does it take? Will I lose my whole afternoon?" at the time offer picks no time.
  const x: Extraction =
    stage === "slot" && onlyAsksAboutTheVisit(said)
      ? { ...heardAs, slotNumber: null, slotUnavailable: null }
      : heardAs;
  const kind = x.emergency ?? (x.urgency === "emergency" ? "other_safety_risk" : null);
  const biz = t.ctx.businessName;
  keepNumberGiven(t, stage, said);
  // "Hello? Are you still there?", "sorry, what?": the caller checking the line or asking to hear
  // it again gets "Yes, I'm here" and the same question. It is never an answer, and never a miss.
  // "Speak up, I can't hear you", "What was that, dear?": the question again, plainly.
  // "Is this the plumber? I can barely hear you": who they reached, then the question again.
  const lineCheck = kind ? null : checkingTheLine(said);
  if (!kind && (isLineCheck(said) || asksToHearAgain(said) || lineCheck) && t.s.sideTurns < MAX_SIDE_TURNS) {
    t.s.sideTurns += 1;
    t.say.push(
      isLineCheck(said)
        ? t.script.stillHere()
        : lineCheck === "who"
          ? t.script.youReached(biz)
          : t.script.sayAgain(),
    );
    return askAgain(t, stage);
  }
  // Someone selling to the business, a recording, a wrong number: closed politely, no callback.
  const notCustomer =
    x.notCustomer && (NOT_CUSTOMER_KINDS as readonly string[]).includes(x.notCustomer) ? x.notCustomer : null;
  if (
    notCustomer &&
    !kind &&
    !t.s.escalation &&
    !t.s.fields.issueSummary &&
    (stage === "zip" || stage === "issue" || stage === "name")
  ) {
    addNote(t, NOT_A_CUSTOMER_NOTE(notCustomer), said);
    return finish(t, "closed", "not_a_customer", t.script.notACustomer(biz, notCustomer));
  }
  // The number to call back (the call has ended already); an emergency said here still comes first.
  if (stage === "phone" && (!kind || t.s.escalation)) return onNumber(t, said);
  if (stage === "confirm" && !kind) {
    // ("Could we do Thursday instead, same time?" moves the visit: a time, not a question to note.)
    // (Nor does "can you just put me down for a visit?": a visit or a callback chosen is an answer.)
    // ("…my garbage disposal is jammed too. Can he look at that?": the problem added is the answer.)
    const addsToProblem = !!t.s.fields.issueSummary && !!problemAtReadBack(t.s.fields.issueSummary, said);
    const asked =
      x.slotNumber === null && !x.bookingIntent && !addsToProblem && keepQuestion(t, stage, said, x);
    if (asked && !x.yesNo && !x.address && x.slotNumber === null && !SPELLED.test(said))
      return askAgain(t, stage);
    return onConfirm(t, said, x);
  }
  keepVolunteered(t, stage, said, x);
  // Safety first, at any turn: before any other rule, including the service area.
  if (kind && !t.s.escalation) {
    // Said at the name question ("Gerald Pike. Oh no, now it's coming up the drain"): the name counts too.
    if (stage === "name" && !t.s.fields.callerName)
      store(t, "callerName", groundName(x.callerName, said), said);
    storeEmergency(t, x, said);
    escalate(t, "emergency", kind);
    return;
  }
  if (t.s.escalation) {
    // "How long till somebody calls?" at the name question: answered, then the same question.
    // ("Pete Lindqvist. Is this going to cost a fortune?", "bill hall how long till somebody gets
    // here": the question is answered and the name said with it counts; only a question alone asks
    // the same question again.)
    const given = stage === "name" ? groundName(x.callerName, said) : groundAddress(x.address, said);
    if ((stage === "name" || stage === "address") && t.s.sideTurns < MAX_SIDE_TURNS) {
      if (asksWhenSomeoneComes(said)) {
        t.s.sideTurns += 1;
        t.say.push(t.script.urgentSoon(biz));
        if (!given) return askAgain(t, stage);
      } else if (keepQuestion(t, stage, said, x) && !given) return askAgain(t, stage);
    }
    // Taking the name and address after an emergency: whatever the caller says, move on. The
    // address said with the name ("Tom Baker, and I'm at 4410 Avenue H"), or instead of it, is
    // kept and not asked for again.
    if (stage === "name") {
      const address = addressVolunteered(stage, said, x);
      if (!given && !address) return miss(t, stage);
      if (given) store(t, "callerName", given, said);
      else t.s.evidence.callerName ??= "";
      if (address && !t.s.fields.address) store(t, "address", withUnit(t.s, address), said);
    }
    if (stage === "address") {
      const address = groundAddress(x.address, said);
      if (!address) return miss(t, stage);
      store(t, "address", withUnit(t.s, address), said);
    }
    return emergencyFollowUp(t, "");
  }
  // "I'd rather talk to the plumber himself, can he call me back?" asks for a callback, not a transfer.
  if (x.wantsHuman && x.bookingIntent !== "callback") {
    // "78702. Can I just talk to a person?": the ZIP said with it is kept, and one outside the area
    // is declined as any other (below), not put through.
    const zip = stage === "zip" && !t.s.fields.zip ? zipOf(x, said) : null;
    if (zip) {
      store(t, "zip", zip, said);
      store(t, "inArea", t.ctx.serviceZips.includes(zip), said);
    }
    if (!zip || t.ctx.serviceZips.includes(zip)) {
      escalate(t, "asked_for_person", null);
      return;
    }
  }
  // "No sorry, it's Simms with two m's": the name given earlier is corrected, and the same
  // question is asked again without counting a miss.
  const corrected =
    stage !== "name" && t.s.sideTurns < MAX_SIDE_TURNS ? nameCorrectionOf(said, t.s.fields.callerName) : null;
  if (
    corrected &&
    !answersStage(t, stage, said, { ...x, bookingIntent: x.bookingIntent === "no" ? null : x.bookingIntent })
  ) {
    t.s.sideTurns += 1;
    store(t, "callerName", corrected, said);
    t.say.push(t.script.nameCorrected(corrected));
    return askAgain(t, stage);
  }
  // "Oh actually, the sink's draining now, it's the dishwasher that's the problem": the problem
  // described earlier is replaced (with its urgency), and the question asked is still answered.
  const problem =
    stage !== "zip" && stage !== "issue" && t.s.fields.issueSummary
      ? groundIssue(problemChangeOf(said), said)
      : null;
  if (problem && problem !== t.s.fields.issueSummary) {
    store(t, "issueSummary", problem, said);
    store(t, "urgency", urgencyOf(problem), said);
    t.say.push(t.script.problemChanged());
  }
  // "Oh wait, that's my office. The house is 78721": the ZIP where the work is, corrected later. A
  // different ZIP said alone at the problem question ("78613, yeah.") is the ZIP said again, right.
  const laterZip =
    (stage === "issue" || stage === "safety" || stage === "name") && t.s.fields.zip ? findZip(said) : null;
  const zipAgain = stage === "issue" && !x.issueSummary && !x.emergency;
  if (
    laterZip &&
    laterZip !== t.s.fields.zip &&
    (zipAgain || hears(CORRECTION, said) || hears(WORK_PLACE, said))
  ) {
    const inArea = t.ctx.serviceZips.includes(laterZip);
    store(t, "zip", laterZip, said);
    store(t, "inArea", inArea, said);
    if (!inArea) return finish(t, "not_booked", "out_of_area", t.script.outOfArea(biz, laterZip));
  }
  // A question from the caller gets a one-sentence answer from the business's own settings, or
  // is noted on the lead for the plumber: never ignored, never taken as an answer, never invented.
  // ("Um… maybe? It's kind of like the grill when the knob doesn't catch. Is that bad?": at the
  // safety question a maybe with a question is an unclear answer — the safe side —, not a question
  // to answer instead.)
  const unsure =
    stage === "safety" &&
    /\b(maybe|i think so|not sure|kind of|kinda|possibly|could be|i guess|might be)\b/i.test(said);
  // "We need our septic tank pumped. Do you guys do that?": asked about work the business does not
  // take, told as the problem itself — declined at once, below, not noted for the plumber.
  const askedAboutDeclined =
    stage === "issue" &&
    x.question === "services" &&
    !x.emergency &&
    !!x.issueSummary &&
    describedNotOffered(x.issueSummary, t.ctx.answers?.servicesNotOffered ?? []) !== null;
  const answered = !unsure && !askedAboutDeclined && keepQuestion(t, stage, said, x);
  // "Our septic tank needs pumping": work the business does not take, told as the problem, not
  // asked about, is said so at once, as an answer to "do you do septic tanks?" would be. (Asked
  // about in passing — "the drain's slow, and do y'all pump septic tanks?" — the question is
  // answered and the drain goes on.)
  const notOffered =
    stage === "issue" && !answered && !t.declinedWork && !x.emergency
      ? describedNotOffered(said, t.ctx.answers?.servicesNotOffered ?? [])
      : null;
  if (notOffered) {
    t.say.push(
      answerQuestion("services", {
        businessName: biz,
        serviceAsked: notOffered,
        slots: [],
        hours: [],
        settings: t.ctx.answers,
      }),
    );
    t.declinedWork = true;
  }
  // Work the business does not take, described in the same breath: no visit is offered for it (only a
  // call from the office), and the decline is never followed by a booking question in one breath.
  if (t.declinedWork && stage === "issue" && answersStage(t, stage, said, x)) t.s.workDeclined = true;
  if (stage === "safety") {
    // "Can someone just call me back?" ("no, just call me back"): the callback is kept, and the
    // question still wants its yes or no.
    const callback = x.bookingIntent === "callback";
    if (callback && !t.s.fields.bookingIntent) store(t, "bookingIntent", "callback", said);
    // A question instead of an answer is not an unclear yes: answered, and the safety question asked
    // once more, briefly. Only a second answer that is no yes or no counts as yes (the safe side).
    if ((answered || callback) && x.yesNo === null) {
      if (t.s.misses >= 1) return safetyYes(t, "unclear", said);
      t.s.misses += 1;
      if (callback && !answered) t.say.push(t.script.callbackNoted());
      return askAgain(t, stage);
    }
    return onSafetyAnswer(t, said, x);
  }
  // "Never mind then" at any question before anything is booked (the safety question, which wants
  // its yes or no, and the read-back are handled above), or to the office's call offered for work the
  // business does not take. Once a visit is on the table, "that's
  // fine" or "no worries" is a yes: there only "never mind" or "forget it" ends the call.
  const done =
    stage === "zip" ||
    stage === "issue" ||
    stage === "name" ||
    (stage === "booking_offer" && t.s.workDeclined)
      ? NEVER_MIND.test(said)
      : NEVER_MIND.test(said) &&
        /\b(never ?mind|forget it|somebody else|someone else|another|elsewhere)\b/i.test(said);
  // ("…he turned the main valve off and forgot. It's back on. We're fine, never mind.": the last
  // sentence lets it go, whatever came before it.)
  const lastSentence = (said.match(/[^.!?]+[.!?]*/g) ?? []).at(-1)?.trim() ?? "";
  const doneAtLast =
    (stage === "zip" || stage === "issue" || stage === "name") &&
    lastSentence !== said.trim() &&
    NEVER_MIND.test(lastSentence);
  if ((!answered && done) || doneAtLast)
    return finish(t, "not_booked", "declined_booking", t.script.notBooked(biz));
  // Not knowing the ZIP is no unclear answer: where to find it, once; then (however the caller says
  // they still don't know: "no, sorry, I really don't know it") a callback, never a lost call and
  // never a third ask.
  const toldWhereToFind = t.s.transcript.some(
    (turn) => turn.speaker === "agent" && turn.text.includes(t.script.zipUnknown()),
  );
  if (
    stage === "zip" &&
    !answered &&
    !zipOf(x, said) &&
    (ZIP_UNKNOWN.test(said) || (toldWhereToFind && hears(DONT_KNOW, said)))
  ) {
    if (!toldWhereToFind) return ask(t, "zip", t.script.zipUnknown());
    // What the caller said about the place ("I'm staying at my sister's"), not only "I still don't know".
    const told = t.s.transcript
      .filter((turn) => turn.speaker === "caller" && turn.stage === "zip" && !hears(DONT_KNOW, turn.text))
      .map((turn) => turn.text);
    const place = groundAddress(x.address, said) ?? (told[0] ?? said).slice(0, 120);
    addNote(t, `ZIP code not known on the call (caller said: "${place}")`, [...told, said].join(" … "));
    // The problem said with it goes to the office too.
    const v = t.s.volunteered.issue;
    if (v && !t.s.fields.issueSummary) {
      store(t, "issueSummary", v.summary, v.said);
      store(t, "urgency", v.urgency, v.said);
    }
    return finish(
      t,
      "followup_needed",
      "not_qualified",
      t.script.zipUnknownCallback(biz, reachOf(t)),
      task(t.s, "callback", "Call back: the caller did not know the ZIP code"),
    );
  }
  if (!answersStage(t, stage, said, x)) {
    if (answered) {
      // Back to the question it was on, without counting the question as an unclear answer.
      return askAgain(t, stage);
    }
    if (stage === "zip" && t.s.volunteered.issue && t.s.misses === 0) {
      // The problem came first: keep it and ask for the ZIP once more, kindly.
      t.s.misses += 1;
      return ask(t, "zip", t.script.zipAfterIssue());
    }
    return miss(t, stage);
  }
  switch (stage) {
    case "zip": {
      const zip = zipOf(x, said)!;
      const inArea = t.ctx.serviceZips.includes(zip);
      store(t, "zip", zip, said);
      store(t, "inArea", inArea, said);
      if (!inArea) return finish(t, "not_booked", "out_of_area", t.script.outOfArea(biz, zip));
      return advance(t);
    }
    case "issue": {
      const summary = groundIssue(x.issueSummary, said)!;
      const topic = t.s.volunteered.topic;
      // "Do you fix garbage disposals?" … "mine just clicks": the office needs both halves.
      if (
        topic &&
        !summary.toLowerCase().includes(topic.value.toLowerCase().split(" ").at(-1)!.replace(/s$/, ""))
      ) {
        store(t, "urgency", x.urgency ?? "normal", said);
        store(
          t,
          "issueSummary",
          `${topic.value.charAt(0).toUpperCase()}${topic.value.slice(1)}: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`,
          `${topic.said} … ${said}`,
        );
        return advance(t);
      }
      store(t, "issueSummary", summary, said);
      store(t, "urgency", x.urgency ?? "normal", said);
      return advance(t);
    }
    case "name": {
      const name = groundName(x.callerName, said);
      if (name) store(t, "callerName", name, said);
      // "Sunil Mehta. Oh, and the toilet upstairs also rocks": a second problem for the same visit.
      const added = t.s.fields.issueSummary ? problemAtReadBack(t.s.fields.issueSummary, said) : null;
      if (added) store(t, "issueSummary", added, said);
      if (x.bookingIntent === "callback" && !t.s.fields.bookingIntent) {
        // "Just have somebody call me": the callback is kept, and the name asked once more (who to ask for).
        store(t, "bookingIntent", "callback", said);
        if (!name && !x.declined) {
          t.say.push(t.script.callbackNoted());
          return askAgain(t, "name");
        }
      }
      if (x.bookingIntent === "visit" && !name && !t.s.fields.bookingIntent && !t.s.workDeclined) {
        // "A visit, yeah, somebody come out" instead of the name: kept, and the name asked once more.
        store(t, "bookingIntent", "visit", said);
        t.say.push(t.script.visitNoted());
        return askAgain(t, "name");
      }
      // Declined: noted, and not asked again.
      if (!name) t.s.evidence.callerName ??= "";
      return advance(t);
    }
    case "booking_offer": {
      // Work the business does not take gets a call from the office, never a visit; "okay, no
      // problem" to the decline lets it go.
      const intent = t.s.workDeclined
        ? x.bookingIntent === "callback" || (x.bookingIntent === "visit" && !LETS_IT_GO.test(said))
          ? "callback"
          : "no"
        : (x.bookingIntent ?? "no");
      store(t, "bookingIntent", intent, said);
      return advance(t);
    }
    case "address": {
      if (x.bookingIntent === "callback" && !groundAddress(x.address, said)) {
        // "Actually, just have someone call me": the visit becomes a callback.
        store(t, "bookingIntent", "callback", said);
        return callbackWithReadBack(t, "Call back: the caller asked for a callback");
      }
      if (!canAskForAddress(t.s))
        return finish(
          t,
          "followup_needed",
          "not_qualified",
          t.script.callbackPromised(biz, reachOf(t), soonOf(t)),
          task(t.s, "callback", "Call back: the caller wants a visit but intake is incomplete"),
        );
      const address = groundAddress(x.address, said);
      if (!address)
        return finish(
          t,
          "followup_needed",
          "address_declined",
          t.script.addressDeclined(biz, soonOf(t)),
          task(t.s, "callback", "Call back: the caller wants a visit but did not give the address"),
        );
      store(
        t,
        "address",
        withUnit(t.s, address),
        [
          said,
          t.s.volunteered.unit && !said.includes(t.s.volunteered.unit.said)
            ? t.s.volunteered.unit.said
            : null,
        ]
          .filter(Boolean)
          .join(" … "),
      );
      return startSlots(t);
    }
    case "slot":
      return onSlotAnswer(t, said, x);
  }
}

/** When a routine callback will come: "shortly" while the office is open (or its hours are not set), else when it opens. */
const soonOf = (t: Turn) => callbackWhen(t.ctx.now, t.ctx.timeZone, t.ctx.businessHours ?? []);

/** A day or a time of day, in a question that picks a time ("can y'all do Thursday morning?"). */
const TIME_WORDS =
  /\b(mon|tues|wednes|thurs|fri|satur|sun)day|\b(today|tomorrow|tonight|morning|afternoon|evening|noon|am|pm|a\.m\.|p\.m\.|o'?clock)\b|\d/i;

/**
 * Answers the caller's question from the settings, or says it is noted and notes it on the lead
 * ("Caller asked: are you licensed and insured?"). Returns whether a question was taken. An
 * open-ended question ("other") counts only when the words do not also answer what was asked.
 */
function keepQuestion(t: Turn, stage: IntakeStage, said: string, x: Extraction): boolean {
  if (t.s.sideTurns >= MAX_SIDE_TURNS) return false;
  // "What days do you have?", "read me all the times" at the time question: every time not turned
  // down is read out (the question is asked again with them all), not the first one again.
  // ("What else you got?" turns down the time offered: the others are offered on that path.)
  if (stage === "slot" && x.slotNumber === null && !x.declined && asksForTheTimes(said)) {
    const open = t.s.slotsOffered.map((_, i) => i).filter((i) => !t.s.slotsDeclined.includes(i));
    if (open.length > 1) {
      t.s.sideTurns += 1;
      mention(t, open);
      return true;
    }
  }
  // "How soon can somebody get out here?", "What times do you have?": answered from the real slots.
  const when = (!x.question || x.question === "other") && asksWhenSomeoneComes(said);
  const question = x.question ?? (when || asksSomething(said, stage) ? "other" : null);
  if (!question) return false;
  // "Sandra Whitlock with Eastside Property Management" at the name question, or a property manager
  // whose problem is in rented homes ("a fourplex"): who the caller is, not commercial work.
  if (
    question === "services" &&
    x.serviceAsked === "commercial" &&
    !said.includes("?") &&
    (stage === "name" || hears(RESIDENTIAL, t.s.evidence.issueSummary ?? ""))
  )
    return false;
  // "Can someone just call me back?" asks for a callback; "can y'all do Thursday morning?" picks a time.
  // "Could you send someone Tuesday?" at the booking offer asks for the visit: it answers.
  if (question === "other" && !when && bookingIntentOf(said.toLowerCase()) === "callback") return false;
  if (
    question === "other" &&
    !when &&
    stage === "booking_offer" &&
    bookingIntentOf((x.questionAsked ?? said).toLowerCase()) === "visit"
  )
    return false;
  if (
    stage === "slot" &&
    (question === "services" || question === "other") &&
    (x.slotNumber !== null || !!x.slotUnavailable)
  ) {
    // "Tuesday's fine. Can my roommate let the plumber in?": the time counts, and a question of
    // its own (one that names no day or time) is noted for the plumber.
    const asked = x.questionAsked;
    if (
      x.slotNumber !== null &&
      asked?.includes("?") &&
      !said.trim().toLowerCase().startsWith(asked.trim().toLowerCase()) &&
      !TIME_WORDS.test(asked)
    )
      addNote(t, `Caller asked: ${asked}`, said);
    return false;
  }
  if (
    question === "other" &&
    !when &&
    stage !== "confirm" &&
    stage !== "safety" &&
    answersStage(t, stage, said, { ...x, question: null })
  ) {
    // The answer and a question in one breath ("…a tankless one. Does the plumber pull the
    // permit?", "Sí, a visit. Does the plumber speak Spanish?"): the answer counts, and the
    // question is noted for the plumber — when the answer lies outside the question.
    const statements = said
      .split(/(?<=[.?!])\s+/)
      .filter((sentence) => !sentence.includes("?"))
      .join(" ");
    const answeredOutside =
      stage === "issue" ||
      (stage === "booking_offer" && lastBookingIntentOf(statements.toLowerCase()) !== null);
    // (Unpunctuated speech has no "?": the question cut off the answer carries one.)
    if ((said.includes("?") || !!x.questionAsked?.includes("?")) && answeredOutside)
      addNote(t, `Caller asked: ${x.questionAsked ?? questionWords(said)}`, said);
    return false;
  }
  t.s.sideTurns += 1;
  const slots = upcoming(t.ctx);
  const answerTo = (kind: CallerQuestion, serviceAsked: string | null) =>
    answerQuestion(kind, {
      businessName: t.ctx.businessName,
      serviceAsked,
      slots,
      hours: t.ctx.businessHours ?? [],
      daysAsked: weekdaysAsked(said),
      specialTime: specialTimeAsked(said),
      settings: t.ctx.answers,
    });
  const answer = when ? answerWhenSomeoneComes(slots) : answerTo(question, x.serviceAsked);
  // Every question heard: the others asked in the same breath ("how much do you charge, and are
  // you licensed?") are answered too, in the order the caller asked them; an answer said once.
  const asked = when ? [] : questionsOf(said);
  const main = asked.findIndex((q) => q.question === question);
  const inOrder = main < 0 ? [null, ...asked] : asked.map((q, i) => (i === main ? null : q));
  const replies: string[] = [];
  for (const q of inOrder) {
    const text = q ? answerTo(q.question, q.serviceAsked) : answer;
    if (!replies.includes(text)) replies.push(text);
    const noted = q
      ? questionIsNoted(q.question, text, t.ctx.answers)
      : !when && questionIsNoted(question, answer, t.ctx.answers);
    const words =
      q?.asked ?? (asked.length > 1 ? asked[main]?.asked : null) ?? x.questionAsked ?? questionWords(said);
    if (noted) addNote(t, `Caller asked: ${words}`, said);
    const commercial = q
      ? q.question === "services" && q.serviceAsked === "commercial"
      : question === "services" && x.serviceAsked === "commercial";
    if (commercial && /\bdon'?t do\b/.test(text)) t.declinedWork = true;
  }
  t.say.push(...replies);
  if (
    question === "services" &&
    x.serviceAsked &&
    stage === "issue" &&
    x.serviceAsked !== "commercial" &&
    said.toLowerCase().includes(x.serviceAsked)
  )
    t.s.volunteered.topic = { value: x.serviceAsked, said };
  return true;
}

/** A sentence that says how or when to reach the caller, or gives another number. */
const CONTACT_WISH =
  /\b(?:(?:don'?t|do not|never|only)\s+(?:call|text)|(?:free|home|available|off)\s+(?:after|before|until)\b|call\s+(?:me\s+)?(?:after|before|between|until|in the)\b|call\s+(?:me\s+)?(?:around|about|at|by)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|lunch)|(?:call|text|reach|contact)\s+(?:my|his|her)\s+(?:husband|wife|dad|father|mom|mother|son|daughter|partner|boss|landlord|tenant|cell)|e-?mail|text me|(?:his|her|my|the|their)\s+(?:number|cell)\s+(?:is|'s)|\d{3}[\s.-]?\d{3}[\s.-]?\d{4})/i;

/** The sentences of an answer that say how to reach the caller, joined; null when none does. */
function contactWishesIn(said: string): string | null {
  const wishes = (said.match(/[^.?!]+[.?!]*/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => CONTACT_WISH.test(s));
  return wishes.length ? wishes.join(" ").slice(0, 200) : null;
}

/**
 * The entry of the business's "services not offered" the caller's problem names, its words in a
 * row ("our septic tank needs pumping" names Septic tanks, "the well pump quit" Well pumps), or
 * null. Commercial work is judged by what the caller says about the place (`COMMERCIAL`).
 */
function describedNotOffered(said: string, notOffered: readonly string[]): string | null {
  const lower = said.toLowerCase();
  return (
    notOffered.find((entry) => {
      const words = entry.toLowerCase().match(/[a-z]+/g) ?? [];
      if (!words.length || words[0] === "commercial") return false;
      const phrase = words.map((w) => `${w.replace(/s$/, "")}s?`).join("\\s+");
      return new RegExp(`\\b${phrase}\\b`).test(lower);
    }) ?? null
  );
}

/**
 * "Okay, no problem", "no worries", "that's alright", "do you know who does?": said to a decline,
 * the caller lets it go.
 */
const LETS_IT_GO =
  /\b(no problem|no worries|that's (alright|all right|ok|okay|fine)|it's (alright|all right|ok|okay|fine)|never ?mind|understood|i understand|no big deal|fair enough|do you know (who|anyone|anybody|someone|somebody)|who (does|would you recommend|should i call))\b/i;

/** A safety answer that puts the problem in the past: "it was earlier", "right now it's dry", "not anymore". */
const NOT_NOW_ANSWER =
  /\b(it was earlier|that was earlier|(right )?now it'?s dry|it'?s dry (right )?now|not anymore|not any more|not right now|not now|it stopped|it'?s stopped)\b/i;

/** "My number's blocked, so call me at 512…", "you can reach me on my cell, 512…". */
const NUMBER_GIVEN =
  /\b(call me (back )?(at|on)|reach me (at|on)|text me (at|on)|my (cell|number|phone|mobile)( number)?( is|'s)?|number is|number's)\b/i;

/**
 * A caller whose caller ID was withheld may say the number to call before it is asked for: kept
 * as the number to call back (notes, and later the lead's phone), so it is not asked for again.
 */
function keepNumberGiven(t: Turn, stage: IntakeStage, said: string): void {
  if (stage === "phone" || stage === "zip" || t.s.callbackNumber || reachOf(t) !== "none") return;
  const cue = NUMBER_GIVEN.exec(said);
  const number = cue ? findPhoneNumber(said.slice(cue.index)) : null;
  if (!number) return;
  t.s.callbackNumber = number;
  addNote(t, `Call back at ${number}`, said);
}

/** A question about the visit itself: how long it takes, what to do before it. */
const ABOUT_THE_VISIT =
  /\b(how long|how much time|what (should|do) i|do i (need|have) to|should i|will i (lose|need|have))\b/i;
const PICKS_A_TIME =
  /\b(yes|yeah|yep|sure|okay|ok|works|fine|good|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|morning|afternoon|first|second|third|earliest|that one|the one)\b/i;

/**
 * "How long does a job like that take? Will I lose my whole afternoon?": a question about the
 * visit whose time words sit inside the question, so they choose no time. A time picked outside
 * the questions ("How long is it? Tuesday works.") is still the caller's choice.
 */
function onlyAsksAboutTheVisit(said: string): boolean {
  if (!ABOUT_THE_VISIT.test(said)) return false;
  return said
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => !sentence.trim().endsWith("?"))
    .every((statement) => !PICKS_A_TIME.test(statement));
}

/**
 * A question the rules did not name, where no question is an answer: at the safety, name,
 * booking, address and time questions, a sentence that asks something ("What times do you have?",
 * "How long does a repair like that take?") is a question for the plumber, not an unclear yes, a
 * name or a refused time: it is acknowledged, noted on the lead, and the question asked again.
 */
function asksSomething(said: string, stage: IntakeStage): boolean {
  // At the ZIP and the problem a question is often the answer ("can you fix a leaky faucet?").
  if (stage === "zip" || stage === "issue" || stage === "confirm" || stage === "phone") return false;
  return (said.match(/[^.?!]+\?/g) ?? []).some((q) =>
    /^\W*(?:(?:and|but|so|oh|okay|ok|well|um+|uh+)\W+)*(what|when|where|why|who|which|how|do|does|did|is|are|can|could|will|would|should)\s+\S+\s+\S+/i.test(
      q,
    ),
  );
}

/** The question sentence in the caller's words, for the lead's notes. */
function questionWords(said: string): string {
  const q = said.match(/[^.?!]+\?/)?.[0]?.trim() ?? said;
  return q.charAt(0).toLowerCase() + q.slice(1, 160);
}

/** "It's Bob. Bob Ferreira.", "Kim Lee here": one of the caller's sentences is the name and nothing else. */
function nameSaidAlone(said: string, name: string): boolean {
  const plain = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}'\s-]/gu, " ")
      .replace(/\s+/g, " ")
      .trim();
  const wanted = plain(name);
  return said.split(/[.!?,;]/).some(
    (sentence) =>
      plain(sentence)
        .replace(
          /^(?:(?:oh|um|uh|well|sorry|yeah|so)\s+)*(?:it's|its|it is|i'm|im|i am|this is|my name is|my name's|name's)\s+/,
          "",
        )
        .replace(/\s+(?:here|speaking|by the way)$/, "") === wanted,
  );
}

/** The answer to the safety question: a no goes on with the intake; a yes or anything unclear is an emergency. */
function onSafetyAnswer(t: Turn, said: string, x: Extraction): void {
  const s = t.s;
  const more = groundIssue(x.issueSummary, said);
  // "My name is Jane Doe": the caller answered the next question, not this one. The name is kept
  // (keepVolunteered) and the safety question asked once more; only a second miss counts as yes.
  // Only "my name is …" counts as a name outside the name question, so a bare "It's Bob. Bob
  // Ferreira." or "Kim Lee" is read here as the name question would read it.
  // ("I don't know? It's dark in that closet. Maybe?" holds no name: a bare name is one that
  // makes up a sentence of its own.)
  const bare = x.callerName ? null : nameOf(said, true);
  const name =
    x.yesNo === null && !more && s.misses === 0 && !detectEmergency(said)
      ? groundName(x.callerName ?? (bare && nameSaidAlone(said, bare) ? bare : null), said)
      : null;
  if (name) {
    s.misses += 1;
    if (!s.fields.callerName) store(t, "callerName", name, said);
    t.say.push(
      `Thanks${t.script === SCRIPTS.standard && firstName(s.fields.callerName) ? `, ${firstName(s.fields.callerName)}` : ""}.`,
    );
    return askAgain(t, "safety");
  }
  // "It was earlier. This morning when the dishwasher ran. Right now it's dry": not now is a no.
  // ("Right now it's dry" is no "right" that says yes; "yes, it was earlier and it's back" is a yes.)
  const notNow =
    NOT_NOW_ANSWER.test(said) &&
    !detectEmergency(said) &&
    !/^\W*(?:yes|yeah|yep|yup|uh-huh|it is|there is)\b/i.test(said);
  if (x.yesNo === "no" || notNow) {
    s.safety = { topic: s.safety?.topic ?? "water", answer: "no" };
    // "No. Under the sink. Bucket's catching it.": a leak the caller has contained is not high.
    if (s.safety.topic === "water" && s.fields.urgency === "high" && hears(CALM, said))
      store(t, "urgency", "normal", said);
    return advance(t);
  }
  safetyYes(t, x.yesNo === "yes" ? "yes" : "unclear", said, more);
}

function inert(state: CallState): TransitionResult {
  return { state, say: null, actions: [{ type: "hangup" }] };
}

/** One step of the call. Pure: the same state, event and context always give the same result. */
export function transition(state: CallState, event: CallEvent, ctx: CallContext): TransitionResult {
  const s = structuredClone(state);
  const t: Turn = {
    s,
    ctx,
    script: SCRIPTS[s.profile],
    say: [],
    fields: {},
    evidence: {},
    tasks: [],
    closeTasks: [],
    end: null,
    terminal: { type: "hangup" },
  };

  switch (event.type) {
    case "start": {
      if (s.stage === "new") {
        ask(t, "zip", t.script.opening(ctx.businessName, ctx.assistantBrand));
        break;
      }
      // A replayed start repeats the current question instead of starting over.
      const last = [...s.transcript].reverse().find((turn) => turn.speaker === "agent");
      if (!isIntakeStage(s.stage) || !last) return inert(state);
      t.say.push(last.text);
      t.terminal = { type: "listen", stage: s.stage };
      break;
    }
    case "heard":
    case "silence": {
      const stage = s.stage;
      if (!isIntakeStage(stage)) return inert(state);
      const said = event.type === "heard" ? event.text.trim() : "";
      if (event.type === "heard" && said) {
        s.transcript.push({ speaker: "caller", text: said, stage });
        onHeard(t, stage, said, event.extraction);
      } else {
        s.transcript.push({ speaker: "system", text: "(no speech heard)", stage });
        miss(t, stage);
      }
      break;
    }
    case "transfer_answered":
    case "transfer_failed": {
      if (s.stage !== "transferring" || !s.escalation) return inert(state);
      const { emergencyKind, reason } = s.escalation;
      if (event.type === "transfer_answered") {
        s.escalation.transferResult = "answered";
        // The on-call person has the caller now; the lead stays open for them to update.
        finish(t, "followup_needed", "transferred", null);
      } else {
        s.escalation.transferResult = "failed";
        urgentCallbackNow(t, true);
        emergencyFollowUp(t, t.script.transferFailedPreface(reason, emergencyKind, reachOf(t)));
      }
      break;
    }
  }

  const say = t.say.length ? t.say.join(" ") : null;
  if (say) s.transcript.push({ speaker: "agent", text: say, stage: s.stage });
  const actions: CallAction[] = [];
  if (Object.keys(t.fields).length)
    actions.push({ type: "set_fields", fields: t.fields, evidence: t.evidence });
  actions.push(...t.closeTasks, ...t.tasks);
  if (t.end) actions.push(t.end);
  actions.push(t.terminal);
  return { state: s, say, actions };
}

// ---------------------------------------------------------------------------------------------

/**
 * What the status webhook records when the caller hangs up: the outcome if the call ended;
 * after an escalation, followup_needed with the urgent callback (already created, or now);
 * followup_needed with a callback task if the caller said anything; else missed (text-back).
 */
export function closeOnHangup(state: CallState): {
  status: CallOutcome | "missed";
  task: CreateTaskAction | null;
} {
  // Booked, then "no" at the read-back ("What should I change?") and gone: the visit stands, and
  // the office calls to confirm it — the lead never claims a read-back the caller did not accept.
  if (state.outcome === "booked" && state.stage === "confirm" && state.misses > 0)
    return {
      status: "booked",
      task: task(
        state,
        "callback",
        "Call to confirm the booked visit: the caller said something was wrong at the read-back, then hung up",
      ),
    };
  // A hang-up during the transfer leaves the urgent callback — also when the emergency was said
  // after the visit was booked (at the read-back: "oh, and it smells like gas by the stove"): the
  // visit stands and the callback is due.
  const escalation = state.escalation;
  if (escalation && !escalation.callbackTaskCreated && (!state.outcome || state.outcome === "booked"))
    return {
      status: state.outcome ?? "followup_needed",
      task: task(
        state,
        "urgent_callback",
        `Caller hung up during the transfer. ${urgentTitle(escalation.reason, escalation.emergencyKind, false)}`,
      ),
    };
  if (state.outcome) return { status: state.outcome, task: null };
  if (escalation) return { status: "followup_needed", task: null };
  // Hung up before answering the safety question: no answer is an unclear answer, and that counts as yes.
  if (state.stage === "safety" && state.safety && state.safety.answer === null) {
    return {
      status: "followup_needed",
      task: task(
        state,
        "urgent_callback",
        `Caller hung up at the safety question: call back within ${URGENT_CALLBACK_MINUTES} minutes in case it is an emergency`,
      ),
    };
  }
  const spoke = state.transcript.some((turn) => turn.speaker === "caller");
  if (spoke || Object.keys(state.fields).length)
    return {
      status: "followup_needed",
      task: task(state, "callback", "Call back: the caller hung up during intake"),
    };
  return { status: "missed", task: null };
}

/** The transcript as the lead's transcriptExcerpt: "AI: …" / "Caller: …" lines, capped. */
export function transcriptExcerpt(state: CallState, maxChars = 2000): string {
  const who = { agent: "AI", caller: "Caller", system: "—" } as const;
  const text = state.transcript.map((turn) => `${who[turn.speaker]}: ${turn.text}`).join("\n");
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

// ---------------------------------------------------------------------------------------------

const STAGES = ["new", ...INTAKE_STAGES, "transferring", "ended"] as const;

const ZSlot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  label: z.string(),
  day: z.string(),
  relativeDay: z.enum(["today", "tomorrow"]).nullable(),
  hour: z.number(),
  minute: z.number(),
  dayOfMonth: z.number().optional(),
});
const ZSaid = z.object({ value: z.string(), said: z.string() });

export const ZCallState = z.object({
  version: z.literal(1),
  profile: z.enum(PROMPT_PROFILES),
  stage: z.enum(STAGES),
  misses: z.number().int().min(0),
  fields: z.object({
    zip: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    inArea: z.boolean().optional(),
    issueSummary: z.string().optional(),
    urgency: z.enum(URGENCIES).optional(),
    callerName: z.string().optional(),
    address: z.string().optional(),
    bookingIntent: z.enum(BOOKING_INTENTS).optional(),
    appointmentAt: z.string().nullable().optional(),
    notes: z.string().optional(),
  }),
  evidence: z.partialRecord(
    z.enum([
      "zip",
      "inArea",
      "issueSummary",
      "urgency",
      "callerName",
      "address",
      "bookingIntent",
      "appointmentAt",
      "notes",
    ]),
    z.string(),
  ),
  slotsOffered: z.array(ZSlot),
  // Calls stored before one-at-a-time slot offers had these empty.
  slotsMentioned: z.array(z.number().int()).default([]),
  slotsSaid: z.array(z.number().int()).default([]),
  slotsDeclined: z.array(z.number().int()).default([]),
  sideTurns: z.number().int().min(0).default(0),
  volunteered: z
    .object({
      issue: z.object({ summary: z.string(), urgency: z.enum(URGENCIES), said: z.string() }).optional(),
      address: ZSaid.optional(),
      unit: ZSaid.optional(),
      topic: ZSaid.optional(),
      callback: z.object({ said: z.string() }).optional(),
      when: z.object({ said: z.string() }).optional(),
    })
    .default({}),
  transcript: z.array(
    z.object({ speaker: z.enum(["agent", "caller", "system"]), text: z.string(), stage: z.enum(STAGES) }),
  ),
  escalation: z
    .object({
      reason: z.enum(["emergency", "asked_for_person"]),
      emergencyKind: z.enum(EMERGENCY_KINDS).nullable(),
      via: z.enum(["transfer", "urgent_callback"]),
      transferResult: z.enum(["answered", "failed"]).nullable(),
      callbackTaskCreated: z.boolean().default(false),
    })
    .nullable(),
  outcome: z.enum(["booked", "not_booked", "followup_needed", "closed"]).nullable(),
  endReason: z.enum(END_REASONS).nullable(),
  // Calls stored before the safety question and the read-back had none of these.
  safety: z
    .object({
      topic: z.enum(["water", "gas", "no_service"]),
      answer: z.enum(["yes", "no", "unclear"]).nullable(),
    })
    .nullable()
    .default(null),
  readBacks: z.number().int().min(0).default(0),
  issueUnclear: z.boolean().default(false),
  addressToConfirm: z.boolean().default(false),
  callbackNumber: z.string().nullable().default(null),
  workDeclined: z.boolean().default(false),
  numberAsked: z.boolean().default(false),
});

/**
 * Reads the state stored in Call.state. The column's default `{}` means the intake has not
 * started: a fresh state. Anything else that does not parse is a bug, reported plainly.
 */
export function parseCallState(json: unknown, profile: PromptProfileName = "standard"): CallState {
  if (
    json === null ||
    json === undefined ||
    (typeof json === "object" && !Array.isArray(json) && Object.keys(json).length === 0)
  )
    return newCallState(profile);
  const parsed = ZCallState.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `Stored call state is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
