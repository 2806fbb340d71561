// The call, end to end (see docs/sop-rules.md, The call), one function per Twilio webhook. Each step
// is claimed with a conditional update before it runs, and the TwiML it produced is stored, so
// Twilio's retries and duplicate deliveries get the same answer and change nothing.
import type { Call, FollowUpEnrollment, Lead, Prisma } from "@/server/db/generated/client";
import type { LeadStatus } from "@/server/db/generated/enums";
import { forTenant, type SystemDb } from "@/server/db/system";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";
import { officeDueAt, type BusinessClock } from "@/server/leads/business-hours";
import { AppError } from "@/server/errors";
import { writeAudit } from "@/server/audit/write-audit";
import { serviceGate } from "@/server/billing/service-gate";
import { enqueueUsageForCall } from "@/server/billing/jobs";
import type { IntakeEngine } from "@/server/intake/engine";
import {
  writeLeadChange,
  type LeadChange,
  type LeadEventInput,
  type LeadPatch,
} from "@/server/leads/apply-lead-change";
import { routingKindFor, routingTarget } from "@/server/leads/routing";
import {
  closeOnHangup,
  newCallState,
  parseCallState,
  transcriptExcerpt,
  URGENT_CALLBACK_MINUTES,
  type CallAction,
  type CallContext,
  type CallState,
  type CreateTaskAction,
  type EndAction,
} from "@/server/voice/state-machine";
import { takeIntakeTurn, intakeInputFromForm, type IntakeInput } from "@/server/voice/take-turn";
import {
  isScreenResult,
  isTransferResult,
  parseScreenBrief,
  politeHangupTwiml,
  ringFirstTwiml,
  screenResultTwiml,
  screenTwiml,
} from "@/server/voice/twiml";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { plumberAnswered } from "./dial-outcome";
import {
  LOST_TAKEN_TRANSFER_ACTION,
  LOST_TRANSFER_ACTION,
  nextStepFor,
  RECOVERY_TASK_TITLE,
  TRANSFER_IN_PROGRESS_ACTION,
  type NextStep,
} from "./next-step";
import {
  CALL_TRANSACTION,
  recordIncomingCall,
  recordIncomingCallOnce,
  callRowWrites,
  writeTurnsAndCall,
  type CallRowWrite,
} from "./record-call";
import { numberReceivingCalls, settingsForTurn, settingsOfCalledNumber } from "./call-settings";
import { CALL_MOVES, canMove, isEnded, isRinging, moveAfterTurn } from "./call-steps";
import {
  accountAuditLog,
  callOfSid,
  callProgressBySid,
  businessNameOfCall,
  claimCallEnd,
  claimDialResult,
  claimIntakeTurn,
  claimLostTransfer,
  claimTransferResult,
  markNumberReceivingCalls,
  markWhisperAccepted,
  type LostTransferCall,
} from "@/server/db/cross-tenant";
import { queueTextsForEndedCall } from "@/server/messaging/queue-call-texts";
import { emitCallCompleted } from "@/server/webhooks/call-events";
import { env } from "@/server/env";
import { NOT_A_CUSTOMER } from "@/server/leads/close-reasons";
import { enqueueAfterCallCheck } from "@/server/qa/after-call-jobs";
import { greetingBrandOf } from "@/server/saas/branding";
import { speechHintsFor } from "./speech-hints-cache";

/** `deadline`: when the webhook's answer must be out (epoch ms); a step that would commit later rolls back. */
export type VoiceCtx = {
  sys: SystemDb;
  baseUrl: string;
  engine: Pick<IntakeEngine, "extract">;
  now?: () => Date;
  deadline?: number;
};

/**
 * The webhook has already answered the caller's apology (the database stalled past the deadline):
 * what this step would have said was never heard, so it must not be stored. The webhook is spooled
 * and its recovery gives the office the urgent callback.
 */
export class AnswerTooLate extends Error {
  constructor() {
    super("the answer deadline passed before this step could commit; rolled back");
  }
}

/** Transaction options that leave no transaction open past the answer deadline. */
function stepTransaction(deadline: number | undefined) {
  if (deadline === undefined) return CALL_TRANSACTION;
  const left = Math.max(1, deadline - Date.now());
  return { maxWait: Math.min(CALL_TRANSACTION.maxWait, left), timeout: left };
}

function beforeDeadline(deadline: number | undefined): void {
  if (deadline !== undefined && Date.now() >= deadline) throw new AnswerTooLate();
}

const nowOf = (ctx: VoiceCtx) => (ctx.now ? ctx.now() : new Date());

export const MESSAGES = {
  unknownNumber: "Sorry, the number you called is not set up to take calls right now. Goodbye.",
  gateClosed: (business: string) =>
    `Sorry we missed your call. Someone from ${business} will call you back as soon as possible. Goodbye.`,
  trouble:
    "Sorry, we are having trouble on our end. Someone will call you back as soon as possible. Goodbye.",
  answered: "",
} as const;

type StepProgress = Pick<Call, "stage" | "turn">;

/**
 * Waits for the step's first delivery to store its TwiML, then answers the same. `running` says
 * whether the call still looks as the step's claim left it; once it does not, the call has moved
 * past the step (Twilio already acted on its answer) and a late copy gets null at once.
 */
async function replayOf(
  sys: SystemDb,
  callSid: string,
  key: string,
  running: (call: StepProgress) => boolean,
  timeoutMs = 8000,
): Promise<string | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const call = await callProgressBySid(sys, callSid);
    if (!call) return null;
    if (call.lastTwimlKey === key && call.lastTwiml) return call.lastTwiml;
    if (!running(call) || Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The step's TwiML (for replays) and the call's other changes, as one write of the call row; a
 * turn's new transcript lines (`turns`) go with it in the same statement.
 */
type CallWrite =
  { key: string; twiml: string; data?: CallRowSet; turns?: CallRowWrite["turns"] } | { data: CallRowSet };

/** The call row's columns a step sets (plain values: they are written as the row's JSON). */
type CallRowSet = Partial<Pick<Call, "stage" | "modelUsed" | "transferStartedAt">> & {
  state?: Prisma.InputJsonValue;
};

/** What a webhook changes on the call's lead: a patch and its timeline events, in order. */
type CallLeadChange = { patch: LeadPatch; events: LeadEventInput[] };

const CONFLICT_RETRIES = 3;

/**
 * One transaction per webhook: the lead's change goes through the leads module's writer
 * (ownership rules, temperature, lastActivityAt, timeline events), then the call row takes its
 * new state and the TwiML a replay waits for. If the office changed the lead in the same instant
 * (the writer's CONFLICT), the lead is read again and the change rebuilt.
 * The call's lead changes emit no lead.updated: integrations get the call once, as call.completed.
 * With a `deadline` (the webhook's answer deadline), a transaction that reaches its COMMIT after
 * it, or is still open at it, rolls back (ADR 0004).
 */
async function writeCallStep(
  db: TenantDb,
  call: Pick<Call, "tenantId" | "leadId" | "callSid">,
  now: Date,
  build: (tx: TenantTx, lead: Lead) => Promise<LeadChange>,
  write?: CallWrite,
  deadline?: number,
  read?: ReadWithClaim,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      beforeDeadline(deadline);
      // The first attempt starts from the lead its claim read; a retry (CONFLICT) reads it again.
      const claimed = attempt === 1 ? read : undefined;
      await db.$transaction(async (tx) => {
        const lead = claimed
          ? claimed.lead
          : call.leadId
            ? await tx.lead.findFirst({ where: { id: call.leadId } })
            : null;
        await writeStepInTransaction(tx, call, now, lead, build, write, claimed);
        // Last thing before COMMIT: a step the caller can no longer hear rolls back.
        beforeDeadline(deadline);
      }, stepTransaction(deadline));
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.code === "CONFLICT") || attempt >= CONFLICT_RETRIES) throw err;
    }
  }
}

/**
 * A step's writes inside its transaction: the lead's change through the leads writer, with the
 * call's row (and the turn's lines) in the writer's own statement; a call with no lead writes its
 * row alone.
 */
async function writeStepInTransaction(
  tx: TenantTx,
  call: Pick<Call, "tenantId" | "callSid">,
  now: Date,
  lead: Lead | null,
  build: (tx: TenantTx, lead: Lead) => Promise<LeadChange>,
  write: CallWrite | undefined,
  read?: ReadWithClaim,
): Promise<void> {
  const row: CallRowWrite | undefined = write && {
    callSid: call.callSid,
    turns: ("turns" in write && write.turns) || [],
    set: {
      ...write.data,
      ...("key" in write ? { lastTwimlKey: write.key, lastTwiml: write.twiml } : {}),
    },
  };
  if (lead)
    await writeLeadChange(
      tx,
      {
        tenantId: call.tenantId,
        actorId: null,
        now,
        onRefusal: "flag",
        webhooks: false,
        ...(read ? { activeFollowUp: read.activeFollowUp } : {}),
      },
      lead,
      await build(tx, lead),
      row && ((tenants, written) => callRowWrites(row, tenants, written)),
    );
  else if (row) await writeTurnsAndCall(tx, row);
}

/** The lead and its active follow-up enrollment as the step's claim read them, in the same statement. */
type ReadWithClaim = { lead: Lead | null; activeFollowUp: FollowUpEnrollment | null };

/**
 * A status change with the next step it implies: every lead has a next action and a due time
 * (office work within the business's hours, when its clock is given).
 */
const statusChange = (
  status: LeadStatus,
  now: Date,
  events: LeadEventInput[],
  clock?: BusinessClock,
): CallLeadChange => ({
  patch: { status, ...nextStepFor(status, { now, clock }) },
  events,
});

/** The business's clock for office due times, from this process's copy of its call settings. */
async function clockOf(db: TenantDb, tenantId: string): Promise<BusinessClock> {
  const tenant = await settingsForTurn(db, tenantId);
  return { timeZone: tenant.timeZone, hours: tenant.businessHours };
}

/** The ring-first result is being handled (claimed, until its TwiML is stored with the next step). */
const dialing = (call: StepProgress) => call.stage === CALL_MOVES.dialResult.to;

// ── POST /api/twilio/voice ──────────────────────────────────────────────────────────────────

export async function onIncomingCall(
  ctx: VoiceCtx,
  form: TwilioForm,
  opts: { isTest: boolean },
): Promise<string> {
  const { sys } = ctx;
  const now = nowOf(ctx);
  // The business, who a missed call goes to and its follow-up: kept in memory (call-settings.ts).
  const tenant = await settingsOfCalledNumber(sys, form.To!);
  if (!tenant) {
    await writeAudit(accountAuditLog(sys), {
      action: "call.unknown_number",
      target: form.To,
      data: { from: form.From, callSid: form.CallSid },
    });
    return politeHangupTwiml(MESSAGES.unknownNumber);
  }
  const db = forTenant(sys, tenant.tenantId);
  const incoming = {
    tenantId: tenant.tenantId,
    callSid: form.CallSid!,
    from: form.From!,
    to: form.To!,
    isTest: opts.isTest,
    promptProfile: tenant.promptProfile,
  };
  // Ring first; the TwiML is stored with the call as it is created, so duplicates replay it.
  const ring = tenant.plumberPhone
    ? ringFirstTwiml({ plumberPhone: tenant.plumberPhone, baseUrl: ctx.baseUrl })
    : null;
  // A real (signed, not simulated) call marks its number "Receiving calls" once, beside the answer.
  const marked =
    opts.isTest || tenant.receivingCalls
      ? null
      : markNumberReceivingCalls(sys, form.To!, now).then(
          () => numberReceivingCalls(form.To!),
          (err: unknown) => console.warn(`receiving-calls mark failed: ${(err as Error).message}`),
        );
  if (ring) {
    // A first delivery: the whole call, its lead and its ring-first answer in one statement.
    const [first] = await Promise.all([
      recordIncomingCallOnce(db, incoming, tenant, now, { key: "voice", twiml: ring }),
      marked,
    ]);
    if (first.created) return ring;
  } else await marked;
  // A redelivery answers from the call row, without queueing a transaction behind the first one.
  const seen = await callProgressBySid(sys, form.CallSid!);
  if (seen?.lastTwimlKey === "voice" && seen.lastTwiml) return seen.lastTwiml;
  if (seen && !isRinging(seen))
    return (await replayOf(sys, form.CallSid!, "voice", dialing)) ?? politeHangupTwiml(MESSAGES.trouble);
  const { call } = await recordIncomingCall(
    db,
    incoming,
    now,
    ring ? { key: "voice", twiml: ring } : undefined,
  );
  if (call.lastTwimlKey === "voice" && call.lastTwiml) return call.lastTwiml;
  if (!isRinging(call))
    return (await replayOf(sys, call.callSid, "voice", dialing)) ?? politeHangupTwiml(MESSAGES.trouble);
  // Nobody to ring first: treat as missed straight away.
  return onDialResult(ctx, { ...form, DialCallStatus: "no-answer" }, "voice");
}

// ── POST /api/twilio/voice/screen ───────────────────────────────────────────────────────────

export async function onScreen(ctx: VoiceCtx, query: URLSearchParams, form: TwilioForm): Promise<string> {
  const { sys } = ctx;
  const parentSid = form.ParentCallSid ?? "";
  if (!isScreenResult(query)) {
    const brief = parseScreenBrief(query);
    if (brief.purpose === "ring_first") {
      const businessName = parentSid ? await businessNameOfCall(sys, parentSid) : null;
      return screenTwiml(ctx.baseUrl, { purpose: "ring_first", businessName: businessName ?? undefined });
    }
    return screenTwiml(ctx.baseUrl, brief);
  }
  if (form.Digits?.trim() === "1" && parentSid) {
    // Which whisper this was follows from where the parent call is.
    await markWhisperAccepted(
      sys,
      parentSid,
      [CALL_MOVES.ringAccepted, CALL_MOVES.transferAccepted],
      nowOf(ctx),
    );
  }
  return screenResultTwiml(form.Digits);
}

// ── POST /api/twilio/voice/dial-result ──────────────────────────────────────────────────────

export async function onDialResult(ctx: VoiceCtx, form: TwilioForm, key = "dial-result"): Promise<string> {
  const { sys } = ctx;
  const now = nowOf(ctx);
  const dialStatus = form.DialCallStatus ?? "no-answer";
  const call = await claimDialResult(sys, form.CallSid!, CALL_MOVES.dialResult, dialStatus);
  if (!call) return (await replayOf(sys, form.CallSid!, key, dialing)) ?? politeHangupTwiml(MESSAGES.trouble);
  const db = forTenant(sys, call.tenantId);

  if (plumberAnswered(dialStatus, !!call.plumberAcceptedAt)) {
    const twiml = politeHangupTwiml(MESSAGES.answered);
    const clock = await clockOf(db, call.tenantId);
    await writeCallStep(
      db,
      call,
      now,
      async () =>
        statusChange(
          "answered_by_plumber",
          now,
          [{ type: "call.answered_by_plumber", data: { dialStatus } }],
          clock,
        ),
      { key, twiml, data: { stage: CALL_MOVES.dialEnded.to } },
      ctx.deadline,
    );
    return twiml;
  }

  const missed: LeadEventInput = {
    type: "call.missed",
    data: { dialStatus, screened: !!call.plumberAcceptedAt },
  };
  const gate = await serviceGate(db, call.tenantId);
  if (!gate.open) {
    // The AI path hard-stops; the lead stays `missed` with "call back now".
    const twiml = politeHangupTwiml(MESSAGES.gateClosed(call.tenant.name));
    await writeCallStep(
      db,
      call,
      now,
      async () =>
        statusChange("missed", now, [missed, { type: "call.ai_blocked", data: { reasons: gate.reasons } }]),
      { key, twiml, data: { stage: CALL_MOVES.dialEnded.to } },
      ctx.deadline,
    );
    return twiml;
  }
  const answered = statusChange("answered_by_ai", now, [
    missed,
    { type: "call.ai_answered", data: { promptProfile: call.promptProfile } },
  ]);
  return runTurn(
    ctx,
    db,
    { ...call, stage: CALL_MOVES.agentAnswers.to },
    newCallState(call.promptProfile),
    { kind: "start" },
    key,
    answered,
  );
}

// ── POST /api/twilio/voice/intake ───────────────────────────────────────────────────────────

// Each step is claimed with one conditional update by CallSid that also returns the call (null
// when already taken): named lookups in server/db/cross-tenant.ts, since the CallSid is all the
// webhook names; the step then continues on the claimed call's tenant.

export async function onIntake(ctx: VoiceCtx, query: URLSearchParams, form: TwilioForm): Promise<string> {
  const { sys } = ctx;
  const callSid = form.CallSid!;

  if (isTransferResult(query)) {
    const key = "transfer-result";
    const call = await claimTransferResult(sys, callSid, CALL_MOVES.transferResult);
    if (!call)
      return (
        (await replayOf(sys, callSid, key, (c) => c.stage === CALL_MOVES.transferResult.to)) ??
        politeHangupTwiml(MESSAGES.trouble)
      );
    const answered =
      ["completed", "answered"].includes(form.DialCallStatus ?? "") && !!call.transferAcceptedAt;
    return runTurn(
      ctx,
      forTenant(sys, call.tenantId),
      call,
      parseCallState(call.state, call.promptProfile),
      { kind: "transfer_result", answered },
      key,
    );
  }

  // Each Gather posts back the turn it answers: the first delivery claims it, replays get its TwiML.
  let turn = Number.parseInt(query.get("turn") ?? "", 10);
  if (!Number.isInteger(turn) || turn < 0) {
    const current = await callProgressBySid(sys, callSid);
    if (!current) return politeHangupTwiml(MESSAGES.trouble);
    turn = current.turn;
  }
  const key = `intake:${turn}`;
  const call = await claimIntakeTurn(sys, callSid, CALL_MOVES.intakeTurn, turn);
  if (!call)
    return (
      (await replayOf(
        sys,
        callSid,
        key,
        (c) => canMove(CALL_MOVES.intakeTurn, c.stage) && c.turn === turn + 1,
      )) ?? politeHangupTwiml(MESSAGES.trouble)
    );
  const { lead, activeFollowUp, ...claimedCall } = call;
  return runTurn(
    ctx,
    forTenant(sys, call.tenantId),
    claimedCall,
    parseCallState(call.state, call.promptProfile),
    intakeInputFromForm(form),
    key,
    undefined,
    { lead, activeFollowUp },
  );
}

// ── POST /api/twilio/voice/status ───────────────────────────────────────────────────────────

/** The call is over: a caller who hung up mid-intake becomes followup_needed (or missed). */
export async function onCallStatus(ctx: Pick<VoiceCtx, "sys" | "now">, form: TwilioForm): Promise<void> {
  const final = ["completed", "busy", "failed", "no-answer", "canceled"];
  if (!final.includes(form.CallStatus ?? "")) return;
  const now = ctx.now ? ctx.now() : new Date();
  const seen = await callOfSid(ctx.sys, form.CallSid!);
  if (!seen) return;
  await closeEndedCall(
    ctx.sys,
    seen.tenantId,
    now,
    (tx) => claimCallEnd(tx, form.CallSid!, CALL_MOVES.callEnd, now),
    { kind: "status", callStatus: form.CallStatus!, duration: form.CallDuration ?? null },
  );
}

/**
 * A warm transfer we heard no more about (lost-transfers.ts decides when): the call is ended as
 * Twilio's final status would end it — claimed once, so a late or replayed status, transfer result
 * or whisper changes nothing — and the lead says the truth: nobody knows how the transfer ended,
 * so its owner calls the caller back now. False when the call moved on or ended meanwhile.
 */
export async function onTransferLost(
  ctx: Pick<VoiceCtx, "sys" | "now">,
  seen: LostTransferCall,
  quietMinutes: number,
): Promise<boolean> {
  const now = ctx.now ? ctx.now() : new Date();
  // The claim matches the transfer as the sweep saw it, whether the on-call person took it included.
  return closeEndedCall(
    ctx.sys,
    seen.tenantId,
    now,
    (tx) => claimLostTransfer(tx, seen, CALL_MOVES.transferLost, now),
    { kind: "transfer_lost", quietMinutes, onCallTookIt: !!seen.transferAcceptedAt },
  );
}

/** How a call ended: Twilio's final status, or a transfer we heard no more about. */
type CallEnding =
  | { kind: "status"; callStatus: string; duration: string | null }
  | { kind: "transfer_lost"; quietMinutes: number; onCallTookIt: boolean };

/** The lead's change when a transfer is lost: an urgent callback for its owner, now (unless closed). */
async function lostTransferChange(
  tx: TenantTx,
  call: Call,
  lead: Lead,
  state: CallState,
  ending: Extract<CallEnding, { kind: "transfer_lost" }>,
  now: Date,
  ended: LeadEventInput,
): Promise<LeadChange> {
  const lost: LeadEventInput = {
    type: "call.transfer_outcome_unknown",
    data: { quietMinutes: ending.quietMinutes, onCallTookIt: ending.onCallTookIt },
  };
  if (lead.status === "closed") return { patch: {}, events: [ended, lost] };
  // Nothing slips: a lead nobody owns goes to whoever receives its kind of lead.
  const ownerId = lead.ownerId ?? (await routingTarget(tx, routingKindFor(lead)));
  const callBack: CreateTaskAction = {
    type: "create_task",
    kind: "urgent_callback",
    dueInMinutes: 0,
    title: ending.onCallTookIt ? LOST_TAKEN_TRANSFER_ACTION : LOST_TRANSFER_ACTION,
    notes: state.fields.notes ?? "",
  };
  return actionsChange(tx, call, { ...lead, ownerId }, state, [callBack], now, {
    patch: { status: "followup_needed", ...(ownerId !== lead.ownerId ? { ownerId } : {}) },
    events: [ended, lost],
  });
}

/**
 * The end of a call, however it ended, in one transaction: the claim, then the lead closed for the
 * office and the call's last step. Nothing is claimed unless the lead's change commits with it, so
 * a failure leaves the call to the next status delivery, the spool's recovery or the next sweep.
 * Then the after-call work. False when the end was already claimed.
 */
async function closeEndedCall(
  sys: SystemDb,
  tenantId: string,
  now: Date,
  claim: (tx: TenantTx) => Promise<{ call: Call; lead: Lead | null } | null>,
  ending: CallEnding,
): Promise<boolean> {
  const db = forTenant(sys, tenantId);
  const clock = await clockOf(db, tenantId);
  // The lead is read locked with the claim, so the writer's version check cannot fail here: no retry.
  const call = await db.$transaction(async (tx) => {
    const claimed = await claim(tx);
    if (!claimed) return null;
    const { call, lead } = claimed;
    await writeStepInTransaction(
      tx,
      call,
      now,
      lead,
      (tx, lead) => endedCallChange(tx, call, lead, now, ending, clock),
      !isEnded(call) ? { data: { stage: CALL_MOVES.callEnd.to } } : undefined,
    );
    return call;
  }, CALL_TRANSACTION);
  if (!call) return false;
  const aiHandled = parseCallState(call.state, call.promptProfile).stage !== "new";
  // The call is over and nobody is on the line: what follows from it runs side by side, each on
  // its own (none throws; each has a sweep behind it).
  await Promise.all([
    // usage (billing): one ledger row per AI-handled call; test calls are recorded as credited, never billed.
    aiHandled ? enqueueUsageForCall(db, { tenantId: call.tenantId, callSid: call.callSid }) : null,
    queueTextsForEndedCall(db, call.id, now), // messaging: missed-call text-back or booking texts
    emitCallCompleted(db, call.id), // integrations: call.completed webhook
    // QA: the whole transcript read again (emergency rules, the model when configured) — the safety net under the live call.
    aiHandled
      ? enqueueAfterCallCheck({ tenantId: call.tenantId, callId: call.id, callSid: call.callSid })
      : null,
  ]);
  return true;
}

/** The lead's change when its call ends: closed for the office as the call left it. */
async function endedCallChange(
  tx: TenantTx,
  call: Call,
  lead: Lead,
  now: Date,
  ending: CallEnding,
  clock: BusinessClock,
): Promise<LeadChange> {
  const state = parseCallState(call.state, call.promptProfile);
  const aiHandled = state.stage !== "new";
  // Hung up mid-intake or mid-transfer, or the agent gave up on a silent line: close the lead for
  // the office. A call already ended elsewhere (recovered after an outage) is left as it is.
  const silentEnd = state.stage === "ended" && !state.outcome;
  const open = !isEnded(call) || silentEnd;
  const ended: LeadEventInput = {
    type: "call.ended",
    data:
      ending.kind === "status"
        ? { callStatus: ending.callStatus, duration: ending.duration }
        : { callStatus: null, duration: null, transferOutcome: "unknown" },
  };
  if (ending.kind === "transfer_lost") return lostTransferChange(tx, call, lead, state, ending, now, ended);
  // (A visit booked whose read-back the caller said "no" to, then hung up, still gets its task.)
  const unconfirmed = state.outcome === "booked" && state.stage === "confirm" && state.misses > 0;
  // (So does a booked call that then turned into an emergency, whose transfer nobody finished.)
  const escalatedAfterBooking =
    state.outcome === "booked" && !!state.escalation && !state.escalation.callbackTaskCreated;
  if (!(open && aiHandled && (!state.outcome || unconfirmed || escalatedAfterBooking)))
    return { patch: {}, events: [ended] };
  // Closed on the call as not a customer (a salesperson, a recording, a wrong number): it stays
  // closed, with no callback task, whenever the caller hangs up.
  if (lead.status === "closed" && lead.closeReason === NOT_A_CUSTOMER) return { patch: {}, events: [ended] };
  // The spool recovery got there first (the call was cut off while our system was down): its
  // urgent callback stands, not an ordinary hang-up's callback.
  if (lead.nextAction === RECOVERY_TASK_TITLE) return { patch: {}, events: [ended] };
  const { status, task } = closeOnHangup(state);
  const hungUp: LeadEventInput = { type: "call.caller_hung_up", data: { status } };
  // After an emergency the urgent callback (and its next action) already stands: only the status changes.
  if (task || state.escalation)
    return actionsChange(
      tx,
      call,
      lead,
      state,
      task ? [task] : [],
      now,
      { patch: { status }, events: [ended] },
      [hungUp],
      clock,
    );
  return statusChange(status, now, [ended, hungUp], clock);
}

/** A caller ID that came through (a withheld one is "anonymous", "restricted", …). */
const E164 = /^\+?\d{10,15}$/;

// ── one intake turn, applied ────────────────────────────────────────────────────────────────

async function callContext(
  db: TenantDb,
  tenantId: string,
  now: Date,
  callerPhone: string | null,
): Promise<CallContext & { speechHints: string[] }> {
  const tenant = await settingsForTurn(db, tenantId);
  return {
    businessName: tenant.name,
    assistantBrand: greetingBrandOf(tenant),
    serviceZips: tenant.serviceZips.map((z) => z.zip),
    bookingSlots: tenant.bookingSlots,
    businessHours: tenant.businessHours,
    answers: tenant.callAnswers ?? undefined,
    timeZone: tenant.timeZone,
    now,
    onCallPhone: tenant.onCallPhone,
    callerPhone,
    askSafetyQuestion: env.INTAKE_SAFETY_QUESTION !== "off",
    speechHints: await speechHintsFor(db, tenantId, {
      businessName: tenant.name,
      services: tenant.callAnswers?.servicesOffered ?? [],
      serviceZips: tenant.serviceZips.map((z) => z.zip),
    }),
  };
}

/**
 * Runs one turn for a call whose step is already claimed, in one transaction: the transcript
 * turns, the lead's change (with `before`, what this webhook changed ahead of the turn) through
 * the leads writer, then the call's new state together with the TwiML, which is what a replay waits for.
 */
async function runTurn(
  ctx: VoiceCtx,
  db: TenantDb,
  call: Call,
  state: CallState,
  input: IntakeInput,
  key: string,
  before?: CallLeadChange,
  read?: ReadWithClaim,
): Promise<string> {
  const now = nowOf(ctx);
  const seen = state.transcript.length;
  const { speechHints, ...callCtx } = await callContext(
    db,
    call.tenantId,
    now,
    E164.test(call.fromNumber) ? call.fromNumber : null,
  );
  const turn = await takeIntakeTurn({
    state,
    input,
    ctx: callCtx,
    engine: ctx.engine,
    baseUrl: ctx.baseUrl,
    intakeQuery: { turn: String(call.turn) },
    speechHints,
  });
  const next = turn.result.state;
  const stage = moveAfterTurn(next.stage).to;
  const newTurns = next.transcript.slice(seen).map((t, i) => ({
    tenantId: call.tenantId,
    callId: call.id,
    seq: seen + i,
    speaker: t.speaker,
    text: t.text,
  }));
  const fellBack: LeadEventInput[] = turn.extract?.fellBack
    ? [
        {
          type: "intake.model_fallback",
          data: { model: turn.extract.modelUsed, error: turn.extract.error ?? null },
        },
      ]
    : [];
  const write: CallWrite = {
    key,
    twiml: turn.twiml,
    turns: newTurns,
    data: {
      state: next as unknown as Prisma.InputJsonValue,
      stage,
      ...(turn.extract ? { modelUsed: turn.extract.modelUsed } : {}),
      // The clock of a transfer we might hear no more about (lost-transfers.ts).
      ...(stage === CALL_MOVES.transferStarted.to ? { transferStartedAt: now } : {}),
    },
  };
  await writeCallStep(
    db,
    call,
    now,
    async (tx, lead) => {
      const first = { patch: before?.patch ?? {}, events: [...(before?.events ?? []), ...fellBack] };
      return actionsChange(tx, call, lead, next, turn.result.actions, now, first, [], {
        timeZone: callCtx.timeZone,
        hours: callCtx.businessHours ?? [],
      });
    },
    write,
    ctx.deadline,
    read,
  );
  return turn.twiml;
}

/**
 * A turn's actions as one change to the lead: fields with evidence, the owner from the routing
 * rule (an emergency goes to the emergency owner; never moved once accepted), tasks assigned to
 * that owner (created in the same transaction), the outcome, and the next step (a task's own
 * title and due time win). `first` is what the webhook changed before the actions; `last` are
 * timeline events after them.
 */
async function actionsChange(
  tx: TenantTx,
  call: Pick<Call, "tenantId">,
  lead: Lead,
  state: CallState,
  actions: CallAction[],
  now: Date,
  first: CallLeadChange,
  last: LeadEventInput[] = [],
  /** The business's clock: a routine callback is office work, due while the office is open. */
  clock?: BusinessClock,
): Promise<LeadChange> {
  const patch: LeadPatch = { ...first.patch, transcriptExcerpt: transcriptExcerpt(state) };
  const events: LeadEventInput[] = [...first.events];
  let evidence: Record<string, string> | undefined;
  const owned = { ownerId: lead.ownerId, urgency: lead.urgency };
  let taskStep: NextStep | null = null;
  let end: EndAction | null = null;
  let transferring = false;
  for (const action of actions) {
    if (action.type === "set_fields") {
      const f = action.fields;
      Object.assign(patch, {
        ...(f.zip !== undefined ? { zip: f.zip } : {}),
        ...(f.inArea !== undefined ? { inArea: f.inArea } : {}),
        ...(f.issueSummary !== undefined ? { issueSummary: f.issueSummary } : {}),
        ...(f.urgency !== undefined ? { urgency: f.urgency } : {}),
        ...(f.callerName !== undefined ? { callerName: f.callerName } : {}),
        ...(f.address !== undefined ? { address: f.address } : {}),
        // (null: the caller took the visit back at the read-back.)
        ...(f.appointmentAt !== undefined
          ? { appointmentAt: f.appointmentAt === null ? null : new Date(f.appointmentAt) }
          : {}),
        ...(f.notes !== undefined ? { notes: f.notes } : {}),
      });
      evidence = state.evidence as Record<string, string>;
      if (f.urgency !== undefined) {
        const kind = routingKindFor({ urgency: f.urgency });
        if (!lead.acceptedAt && kind !== routingKindFor({ urgency: owned.urgency })) {
          const ownerId = await routingTarget(tx, kind);
          if (ownerId) patch.ownerId = owned.ownerId = ownerId;
        }
        owned.urgency = f.urgency;
      }
    } else if (action.type === "close_tasks") {
      // A callback asked for, then a visit chosen at its read-back: the office need not call back.
      const open = await tx.task.findMany({
        where: { leadId: lead.id, kind: action.kind, doneAt: null },
        select: { id: true, title: true },
      });
      if (open.length) {
        await tx.task.updateMany({ where: { id: { in: open.map((o) => o.id) } }, data: { doneAt: now } });
        for (const o of open) events.push({ type: "task.closed", data: { title: o.title, why: action.why } });
      }
    } else if (action.type === "create_task") {
      // An urgent callback is the on-call plumber's, at once; a routine one waits for the office
      // (the caller was told when it opens).
      const plain = new Date(now.getTime() + action.dueInMinutes * 60_000);
      const dueAt = action.kind === "callback" && clock ? officeDueAt(now, plain, clock) : plain;
      await tx.task.create({
        data: {
          tenantId: call.tenantId,
          leadId: lead.id,
          kind: action.kind,
          title: action.title,
          dueAt,
          assigneeId: owned.ownerId,
        },
      });
      events.push({
        type: "task.created",
        data: {
          kind: action.kind,
          title: action.title,
          dueAt: dueAt.toISOString(),
          notes: action.notes,
          assigneeId: owned.ownerId,
        },
      });
      if (!taskStep || action.kind === "urgent_callback") taskStep = { nextAction: action.title, dueAt };
    } else if (action.type === "transfer") {
      transferring = true;
      events.push({
        type: "call.escalated",
        data: { via: "transfer", to: action.to, reason: action.reason, emergencyKind: action.emergencyKind },
      });
    } else if (action.type === "end") {
      end = action;
      patch.status = action.outcome;
      // Not a customer (a sales call, a recording, a wrong number): closed with a reason the office sees.
      if (action.reason === "not_a_customer") {
        const kind = /Not a customer: ([a-z ]+)/.exec(state.fields.notes ?? "")?.[1] ?? "not a customer";
        Object.assign(patch, {
          closeReason: "not_a_customer",
          closeNote: kind.charAt(0).toUpperCase() + kind.slice(1),
        });
      }
      events.push({ type: "call.outcome", data: { outcome: action.outcome, reason: action.reason } });
    }
  }
  // A withheld caller ID: the number the caller gave to be called back at becomes the lead's phone,
  // so the office can tap to call it (a caller ID that came through is never replaced).
  if (state.callbackNumber && !E164.test(lead.callerPhone)) patch.callerPhone = `+1${state.callbackNumber}`;
  const finished = end as EndAction | null;
  const appointmentAt = state.fields.appointmentAt ? new Date(state.fields.appointmentAt) : null;
  // After an emergency's urgent callback, its title and 5-minute due time stay the next step.
  const urgentStands = !!state.escalation?.callbackTaskCreated;
  const step: NextStep | null =
    taskStep ??
    (finished && !urgentStands
      ? nextStepFor(finished.outcome, { now, reason: finished.reason, appointmentAt, clock })
      : transferring
        ? {
            nextAction: TRANSFER_IN_PROGRESS_ACTION,
            dueAt: new Date(now.getTime() + URGENT_CALLBACK_MINUTES * 60_000),
          }
        : null);
  if (step) Object.assign(patch, step);
  return { patch, events: [...events, ...last], ...(evidence ? { evidence } : {}) };
}
