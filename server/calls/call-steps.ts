// The call's steps between Twilio's webhooks, and which webhook may move a call from which step to
// which: the one table the voice flow (voice-flow.ts), its claims by CallSid (server/db/cross-tenant.ts)
// and the spool's recovery follow. A step is where the call is in the webhook flow; the agent's
// question on the line (ZIP, name, …) is the intake's own stage, kept in the call's state.
import type { CallStep } from "@/server/db/generated/enums";
import type { StepMove } from "@/server/db/cross-tenant";
import type { CallStage as AgentStage } from "@/server/voice/state-machine";

export type { CallStep, StepMove };

/** Every step, in the order a call goes through them, with what it means for the caller. */
export const CALL_STEPS = {
  ringing: "the plumber's phone rings first",
  dialed: "the plumber's ring is over; its result is being handled",
  intake: "the agent is taking the caller's details",
  transferring: "the caller is being put through to the on-call person",
  transfer_result: "the transfer is over; its result is being handled",
  ended: "nobody is on the line any more",
} as const satisfies Record<CallStep, string>;

export const FIRST_STEP = "ringing" satisfies CallStep;
export const LAST_STEP = "ended" satisfies CallStep;
const EVERY_STEP = Object.keys(CALL_STEPS) as CallStep[];

/**
 * The moves. `webhook` is the Twilio webhook that makes the move; `from` the steps it may start
 * from and `to` the step it leaves the call in. `check` is what the claim's one conditional UPDATE
 * by CallSid checks besides the step (`turn`: the turn counter the Gather posted back; a time: still
 * unset), so only the first delivery of a webhook makes its move and a replay changes nothing.
 * Moves without a claim are the step's answer, stored with its TwiML once the claimed step ran.
 */
export const CALL_MOVES = {
  /** A new call: the call row is created ringing (one per CallSid, whatever Twilio delivers twice). */
  incoming: { webhook: "/api/twilio/voice", from: [], to: "ringing", check: "new" },
  /** The plumber pressed 1 on the ring-first whisper. */
  ringAccepted: {
    webhook: "/api/twilio/voice/screen",
    from: ["ringing"],
    to: "ringing",
    check: "plumberAcceptedAt",
  },
  /** The ring-first leg is over (answered, voicemail, no answer): claimed once. */
  dialResult: { webhook: "/api/twilio/voice/dial-result", from: ["ringing"], to: "dialed", check: "step" },
  /** The plumber took the call, or the service is closed: the call is over for us. */
  dialEnded: { webhook: "/api/twilio/voice/dial-result", from: ["dialed"], to: "ended", check: "answer" },
  /** Nobody took the call: the agent answers, or ends it at once. */
  agentAnswers: {
    webhook: "/api/twilio/voice/dial-result",
    from: ["dialed"],
    to: "intake",
    check: "answer",
  },
  /** One intake turn: the Gather's turn number is claimed once. */
  intakeTurn: { webhook: "/api/twilio/voice/intake", from: ["intake"], to: "intake", check: "turn" },
  /** A turn's answer: the agent asks on, puts the caller through, or ends the call. */
  turnAnswered: {
    webhook: "/api/twilio/voice/intake",
    from: ["dialed", "intake", "transfer_result"],
    to: "intake",
    check: "answer",
  },
  transferStarted: {
    webhook: "/api/twilio/voice/intake",
    from: ["dialed", "intake"],
    to: "transferring",
    check: "answer",
  },
  turnEnded: {
    webhook: "/api/twilio/voice/intake",
    from: ["dialed", "intake", "transfer_result"],
    to: "ended",
    check: "answer",
  },
  /** The on-call person pressed 1 on the transfer whisper. */
  transferAccepted: {
    webhook: "/api/twilio/voice/screen",
    from: ["transferring"],
    to: "transferring",
    check: "transferAcceptedAt",
  },
  /** The transfer leg is over: claimed once. */
  transferResult: {
    webhook: "/api/twilio/voice/intake",
    from: ["transferring"],
    to: "transfer_result",
    check: "step",
  },
  /** Twilio's final status: the call's end is claimed once, from wherever it was. */
  callEnd: { webhook: "/api/twilio/voice/status", from: EVERY_STEP, to: "ended", check: "endedAt" },
  /**
   * A transfer we heard no more about (no result, no final status) for longer than Twilio could
   * still be putting it through: ended once, by the lost-transfer sweep (lost-transfers.ts).
   */
  transferLost: {
    webhook: "lost-transfer sweep",
    from: ["transferring", "transfer_result"],
    to: "ended",
    check: "endedAt",
  },
  /** The spool's recovery of a call cut off while our system was down. */
  recovered: {
    webhook: "spool recovery",
    from: EVERY_STEP.filter((s) => s !== "ended"),
    to: "ended",
    check: "step",
  },
} as const satisfies Record<string, StepMove & { webhook: string }>;

export type CallMoveName = keyof typeof CALL_MOVES;

/** Whether a call is at one of the move's starting steps. */
export const canMove = (move: StepMove, step: CallStep): boolean => move.from.includes(step);

export const isEnded = (call: { stage: CallStep }): boolean => call.stage === LAST_STEP;
export const isRinging = (call: { stage: CallStep }): boolean => call.stage === FIRST_STEP;

/** Where a turn's answer leaves the call, from where the agent is on the line: asking on, unless it ended the call or is putting the caller through. */
const AFTER_AGENT_STAGE: Partial<Record<AgentStage, StepMove>> = {
  ended: CALL_MOVES.turnEnded,
  transferring: CALL_MOVES.transferStarted,
};

export const moveAfterTurn = (agentStage: AgentStage): StepMove =>
  AFTER_AGENT_STAGE[agentStage] ?? CALL_MOVES.turnAnswered;
