// The AI intake call (seed 000 §2-6) as a pure, JSON-serialisable state machine:
// transition(state, event, ctx) → { state, say, actions }. No I/O; the route applies the actions.
import { z } from "zod";
import {
  BOOKING_INTENTS,
  EMERGENCY_KINDS,
  INTAKE_STAGES,
  PROMPT_PROFILES,
  URGENCIES,
  type BookingIntent,
  type EmergencyKind,
  type Extraction,
  type IntakeStage,
  type PromptProfileName,
  type Urgency,
} from "@/server/intake/extraction";
import { upcomingSlots, type OfferedSlot, type WeeklySlot } from "@/server/voice/booking-slots";
import { groundAddress, groundIssue, groundName, groundZip } from "@/server/voice/evidence";
import { emergencyLabel, SCRIPTS, type EscalationReason, type Miss, type Script } from "@/server/voice/scripts";

/** One question is asked at most three times (two re-asks), then the call ends as followup_needed. */
export const MAX_ATTEMPTS_PER_QUESTION = 3;
/** Seed 001: emergencies and people asking for a person are called back within 0-5 minutes. */
export const URGENT_CALLBACK_MINUTES = 5;
/** Seed 001: a standard lead escalates after 15 minutes without movement. */
export const CALLBACK_MINUTES = 15;
export const DEFAULT_TRANSFER_TIMEOUT_SECONDS = 20;

export type CallOutcome = "booked" | "not_booked" | "followup_needed";
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
  /** UTC ISO start of the booked slot. */
  appointmentAt?: string;
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
  /** The concrete times offered, so the caller's pick is matched against exactly these. */
  slotsOffered: OfferedSlot[];
  transcript: TranscriptTurn[];
  escalation: Escalation | null;
  outcome: CallOutcome | null;
  endReason: EndReason | null;
};

/** The tenant facts a turn needs; loaded by the route, never stored in the state. */
export type CallContext = {
  businessName: string;
  serviceZips: readonly string[];
  bookingSlots: readonly WeeklySlot[];
  timeZone: string;
  now: Date | string;
  onCallPhone?: string | null;
  transferTimeoutSeconds?: number;
  slotCount?: number;
  minNoticeMinutes?: number;
};

export type CallEvent =
  | { type: "start" }
  | { type: "heard"; text: string; extraction: Extraction }
  | { type: "silence" }
  | { type: "transfer_answered" }
  | { type: "transfer_failed" };

export type SetFieldsAction = { type: "set_fields"; fields: CallFields; evidence: Evidence };
export type CreateTaskAction = { type: "create_task"; kind: "callback" | "urgent_callback"; dueInMinutes: number; title: string; notes: string };
export type EndAction = { type: "end"; outcome: CallOutcome; reason: EndReason };
export type ListenAction = { type: "listen"; stage: IntakeStage };
export type TransferAction = { type: "transfer"; to: string; timeoutSeconds: number; reason: EscalationReason; emergencyKind: EmergencyKind | null };
export type HangupAction = { type: "hangup" };
/** Every result ends with exactly one of these: what the call does next. */
export type TerminalAction = ListenAction | TransferAction | HangupAction;
export type CallAction = SetFieldsAction | CreateTaskAction | EndAction | TerminalAction;

export type TransitionResult = { state: CallState; say: string | null; actions: CallAction[] };

export function newCallState(profile: PromptProfileName = "standard"): CallState {
  return { version: 1, profile, stage: "new", misses: 0, fields: {}, evidence: {}, slotsOffered: [], transcript: [], escalation: null, outcome: null, endReason: null };
}

export function isIntakeStage(stage: CallStage): stage is IntakeStage {
  return (INTAKE_STAGES as readonly string[]).includes(stage);
}

/** The question the next utterance answers (what the engine extracts for), or null. */
export function extractionStage(state: CallState): IntakeStage | null {
  return isIntakeStage(state.stage) ? state.stage : null;
}

/** SOP §2: the address is asked only of a qualified caller (in area, issue known) who wants a visit. */
export function canAskForAddress(state: CallState): boolean {
  const f = state.fields;
  return f.inArea === true && !!f.issueSummary && f.bookingIntent === "visit";
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
  end: EndAction | null;
  terminal: TerminalAction;
};

function store<K extends FieldName>(t: Turn, key: K, value: CallFields[K] | null | undefined, words: string): void {
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

function notesOf(s: CallState): string {
  const f = s.fields;
  const parts = [
    f.issueSummary && `Issue: ${f.issueSummary}`,
    f.urgency && `Urgency: ${f.urgency}`,
    f.zip && `ZIP: ${f.zip}${f.inArea === false ? " (out of area)" : ""}`,
    f.callerName && `Name: ${f.callerName}`,
    f.address && `Address: ${f.address}`,
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "Nothing captured yet.";
}

function task(s: CallState, kind: CreateTaskAction["kind"], title: string): CreateTaskAction {
  return { type: "create_task", kind, dueInMinutes: kind === "urgent_callback" ? URGENT_CALLBACK_MINUTES : CALLBACK_MINUTES, title, notes: notesOf(s) };
}

function finish(t: Turn, outcome: CallOutcome, reason: EndReason, text: string | null, followUp?: CreateTaskAction): void {
  t.s.stage = "ended";
  t.s.misses = 0;
  t.s.outcome = outcome;
  t.s.endReason = reason;
  if (text) t.say.push(text);
  if (followUp) t.tasks.push(followUp);
  t.end = { type: "end", outcome, reason };
  t.terminal = { type: "hangup" };
}

function urgentTitle(reason: EscalationReason, kind: EmergencyKind | null, transferFailed: boolean): string {
  const prefix = transferFailed ? "Transfer not answered. " : "";
  return reason === "emergency"
    ? `${prefix}Emergency (${emergencyLabel(kind)}): call back within ${URGENT_CALLBACK_MINUTES} minutes`
    : `${prefix}Caller asked for a person: call back within ${URGENT_CALLBACK_MINUTES} minutes`;
}

function escalate(t: Turn, reason: EscalationReason, kind: EmergencyKind | null): void {
  const to = t.ctx.onCallPhone?.trim();
  t.s.escalation = { reason, emergencyKind: kind, via: to ? "transfer" : "urgent_callback", transferResult: null };
  if (to) {
    t.s.stage = "transferring";
    t.s.misses = 0;
    t.say.push(t.script.transferring(reason, kind));
    t.terminal = { type: "transfer", to, timeoutSeconds: t.ctx.transferTimeoutSeconds ?? DEFAULT_TRANSFER_TIMEOUT_SECONDS, reason, emergencyKind: kind };
    return;
  }
  finish(
    t,
    "followup_needed",
    reason === "emergency" ? "emergency_callback" : "person_callback",
    t.script.urgentCallback(t.ctx.businessName, reason, kind),
    task(t.s, "urgent_callback", urgentTitle(reason, kind, false)),
  );
}

function miss(t: Turn, stage: IntakeStage): void {
  t.s.misses += 1;
  if (t.s.misses >= MAX_ATTEMPTS_PER_QUESTION) {
    finish(t, "followup_needed", "unclear_answers", t.script.unclearGoodbye(t.ctx.businessName), task(t.s, "callback", "Call back: the AI could not understand the caller"));
    return;
  }
  t.say.push(t.script.reask(stage, t.s.misses as Miss, t.s.slotsOffered));
  t.terminal = { type: "listen", stage };
}

function offerBookingOrAskName(t: Turn): void {
  if (t.s.fields.callerName) ask(t, "booking_offer", t.script.offerBooking(t.s.fields.callerName));
  else ask(t, "name", t.script.askName(t.s.fields.urgency));
}

/** Keeps what the caller said about an emergency, added to any earlier description. */
function storeEmergency(t: Turn, x: Extraction, said: string): void {
  if (t.s.stage === "zip") {
    const zip = groundZip(x.zip, said);
    if (zip) {
      store(t, "zip", zip, said);
      store(t, "inArea", t.ctx.serviceZips.includes(zip), said);
    }
  }
  const summary = groundIssue(x.issueSummary, said) ?? said.slice(0, 300);
  const before = t.s.fields.issueSummary;
  if (before && before !== summary) store(t, "issueSummary", `${before}; ${summary}`, `${t.s.evidence.issueSummary ?? ""} … ${said}`);
  else store(t, "issueSummary", summary, said);
  store(t, "urgency", "emergency", said);
}

function onHeard(t: Turn, stage: IntakeStage, said: string, x: Extraction): void {
  const kind = x.emergency ?? (x.urgency === "emergency" ? "other_safety_risk" : null);
  // Safety first, at any turn: before any other rule, including the service area.
  if (kind) {
    storeEmergency(t, x, said);
    escalate(t, "emergency", kind);
    return;
  }
  if (x.wantsHuman) {
    escalate(t, "asked_for_person", null);
    return;
  }
  const biz = t.ctx.businessName;
  switch (stage) {
    case "zip": {
      const zip = groundZip(x.zip, said);
      if (!zip) return miss(t, stage);
      const inArea = t.ctx.serviceZips.includes(zip);
      store(t, "zip", zip, said);
      store(t, "inArea", inArea, said);
      if (!inArea) return finish(t, "not_booked", "out_of_area", t.script.outOfArea(biz, zip));
      return ask(t, "issue", t.script.askIssue());
    }
    case "issue": {
      const summary = groundIssue(x.issueSummary, said);
      if (!summary) return miss(t, stage);
      store(t, "issueSummary", summary, said);
      store(t, "urgency", x.urgency ?? "normal", said);
      if (!t.s.fields.callerName) store(t, "callerName", groundName(x.callerName, said), said);
      return offerBookingOrAskName(t);
    }
    case "name": {
      const name = groundName(x.callerName, said);
      if (name) store(t, "callerName", name, said);
      else if (!x.declined) return miss(t, stage);
      return ask(t, "booking_offer", t.script.offerBooking(t.s.fields.callerName));
    }
    case "booking_offer": {
      const intent = x.bookingIntent ?? (x.declined ? "no" : null);
      if (!intent) return miss(t, stage);
      store(t, "bookingIntent", intent, said);
      if (intent === "callback") return finish(t, "followup_needed", "callback_requested", t.script.callbackPromised(biz), task(t.s, "callback", "Call back: the caller asked for a callback"));
      if (intent === "no") return finish(t, "not_booked", "declined_booking", t.script.notBooked(biz));
      if (!canAskForAddress(t.s)) return finish(t, "followup_needed", "not_qualified", t.script.callbackPromised(biz), task(t.s, "callback", "Call back: the caller wants a visit but intake is incomplete"));
      return ask(t, "address", t.script.askAddress());
    }
    case "address": {
      if (!canAskForAddress(t.s)) return finish(t, "followup_needed", "not_qualified", t.script.callbackPromised(biz), task(t.s, "callback", "Call back: the caller wants a visit but intake is incomplete"));
      const address = groundAddress(x.address, said);
      if (!address) {
        if (x.declined) return finish(t, "followup_needed", "address_declined", t.script.addressDeclined(biz), task(t.s, "callback", "Call back: the caller wants a visit but did not give the address"));
        return miss(t, stage);
      }
      store(t, "address", address, said);
      const slots = upcomingSlots(t.ctx.bookingSlots, { timeZone: t.ctx.timeZone, now: t.ctx.now, count: t.ctx.slotCount, minNoticeMinutes: t.ctx.minNoticeMinutes });
      if (slots.length === 0) return finish(t, "followup_needed", "no_open_slots", t.script.noOpenSlots(biz), task(t.s, "callback", "Call back to schedule a visit: no open booking slot to offer"));
      t.s.slotsOffered = slots;
      return ask(t, "slot", t.script.offerSlots(slots, t.s.profile === "standard" ? address : undefined));
    }
    case "slot": {
      const n = x.slotNumber;
      const slot = n !== null && Number.isInteger(n) && n >= 1 ? t.s.slotsOffered[n - 1] : undefined;
      if (!slot) {
        if (x.declined) return finish(t, "followup_needed", "slots_declined", t.script.slotsDeclined(biz), task(t.s, "callback", "Call back to schedule a visit: the offered times did not suit"));
        return miss(t, stage);
      }
      store(t, "appointmentAt", slot.startsAt, said);
      return finish(t, "booked", "booked", t.script.booked(biz, slot, t.s.fields.callerName));
    }
  }
}

function inert(state: CallState): TransitionResult {
  return { state, say: null, actions: [{ type: "hangup" }] };
}

/** One step of the call. Pure: the same state, event and context always give the same result. */
export function transition(state: CallState, event: CallEvent, ctx: CallContext): TransitionResult {
  const s = structuredClone(state);
  const t: Turn = { s, ctx, script: SCRIPTS[s.profile], say: [], fields: {}, evidence: {}, tasks: [], end: null, terminal: { type: "hangup" } };

  switch (event.type) {
    case "start": {
      if (s.stage === "new") {
        ask(t, "zip", t.script.opening(ctx.businessName));
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
      const { reason, emergencyKind } = s.escalation;
      if (event.type === "transfer_answered") {
        s.escalation.transferResult = "answered";
        // The on-call person has the caller now; the lead stays open for them to update.
        finish(t, "followup_needed", "transferred", null);
      } else {
        s.escalation.transferResult = "failed";
        finish(t, "followup_needed", "transfer_failed", t.script.transferFailed(ctx.businessName, emergencyKind), task(t.s, "urgent_callback", urgentTitle(reason, emergencyKind, true)));
      }
      break;
    }
  }

  const say = t.say.length ? t.say.join(" ") : null;
  if (say) s.transcript.push({ speaker: "agent", text: say, stage: s.stage });
  const actions: CallAction[] = [];
  if (Object.keys(t.fields).length) actions.push({ type: "set_fields", fields: t.fields, evidence: t.evidence });
  actions.push(...t.tasks);
  if (t.end) actions.push(t.end);
  actions.push(t.terminal);
  return { state: s, say, actions };
}

// ---------------------------------------------------------------------------------------------

/**
 * What the status webhook records when the caller hangs up: the outcome if the call ended,
 * followup_needed (with a callback task) if anything was captured, else missed (text-back).
 */
export function closeOnHangup(state: CallState): { status: CallOutcome | "missed"; task: CreateTaskAction | null } {
  if (state.outcome) return { status: state.outcome, task: null };
  if (state.stage === "transferring" && state.escalation) {
    return { status: "followup_needed", task: task(state, "urgent_callback", `Caller hung up during the transfer. ${urgentTitle(state.escalation.reason, state.escalation.emergencyKind, false)}`) };
  }
  if (Object.keys(state.fields).length) return { status: "followup_needed", task: task(state, "callback", "Call back: the caller hung up during intake") };
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
});

export const ZCallState = z.object({
  version: z.literal(1),
  profile: z.enum(PROMPT_PROFILES),
  stage: z.enum(STAGES),
  misses: z.number().int().min(0),
  fields: z.object({
    zip: z.string().regex(/^\d{5}$/).optional(),
    inArea: z.boolean().optional(),
    issueSummary: z.string().optional(),
    urgency: z.enum(URGENCIES).optional(),
    callerName: z.string().optional(),
    address: z.string().optional(),
    bookingIntent: z.enum(BOOKING_INTENTS).optional(),
    appointmentAt: z.string().optional(),
  }),
  evidence: z.partialRecord(z.enum(["zip", "inArea", "issueSummary", "urgency", "callerName", "address", "bookingIntent", "appointmentAt"]), z.string()),
  slotsOffered: z.array(ZSlot),
  transcript: z.array(z.object({ speaker: z.enum(["agent", "caller", "system"]), text: z.string(), stage: z.enum(STAGES) })),
  escalation: z
    .object({
      reason: z.enum(["emergency", "asked_for_person"]),
      emergencyKind: z.enum(EMERGENCY_KINDS).nullable(),
      via: z.enum(["transfer", "urgent_callback"]),
      transferResult: z.enum(["answered", "failed"]).nullable(),
    })
    .nullable(),
  outcome: z.enum(["booked", "not_booked", "followup_needed"]).nullable(),
  endReason: z.enum(END_REASONS).nullable(),
});

/**
 * Reads the state stored in Call.state. The column's default `{}` means the intake has not
 * started: a fresh state. Anything else that does not parse is a bug, reported plainly.
 */
export function parseCallState(json: unknown, profile: PromptProfileName = "standard"): CallState {
  if (json === null || json === undefined || (typeof json === "object" && !Array.isArray(json) && Object.keys(json).length === 0)) return newCallState(profile);
  const parsed = ZCallState.safeParse(json);
  if (!parsed.success) throw new Error(`Stored call state is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
