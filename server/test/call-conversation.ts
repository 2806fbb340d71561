// Playing a caller's words through the rules model and the pure call state machine, for the state
// machine's unit tests: `conversation(ctx)` gives `hear` (one answer) and `converse` (a whole call
// from its start), both against that business unless a test passes another.
import { extraction, type Extraction, type PromptProfileName } from "@/server/intake/extraction";
import { extractByRules, heardAsWritten } from "@/server/intake/rules-extract";
import {
  extractionStage,
  newCallState,
  transition,
  type CallContext,
  type CallState,
  type TransitionResult,
} from "@/server/voice/state-machine";

/** Demo Plumbing on Monday 2 March 2026, 10:00 AM in Austin; openings Tuesday 9–11, Wednesday 1–3, Thursday 9–11. */
export const MONDAY_MORNING: CallContext = {
  businessName: "Demo Plumbing",
  serviceZips: ["78701", "78702"],
  bookingSlots: [
    { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
    { weekday: 3, startMinute: 13 * 60, endMinute: 15 * 60 },
    { weekday: 4, startMinute: 9 * 60, endMinute: 11 * 60 },
  ],
  timeZone: "America/Chicago",
  now: "2026-03-02T16:00:00Z",
  onCallPhone: "+15125550199",
  callerPhone: "+15125550123",
};

export function conversation(defaultCtx: CallContext) {
  /** The caller says `text`; the rules model reads it unless a hand-made extraction is given. */
  function hear(
    state: CallState,
    text: string,
    ctx = defaultCtx,
    fields?: Partial<Extraction>,
  ): TransitionResult {
    const stage = extractionStage(state);
    const x = fields
      ? extraction(fields)
      : stage
        ? extractByRules({
            stage,
            utterance: text,
            slotsOffered: state.slotsOffered,
            slotsMentioned: state.slotsMentioned,
            slotsDeclined: state.slotsDeclined,
          })
        : extraction();
    return transition(state, { type: "heard", text, extraction: x }, ctx);
  }

  /** The call from its greeting, then each line the caller says. */
  function converse(
    lines: string[],
    ctx = defaultCtx,
    profile: PromptProfileName = "standard",
  ): TransitionResult[] {
    const results = [transition(newCallState(profile), { type: "start" }, ctx)];
    for (const line of lines) results.push(hear(results[results.length - 1]!.state, line, ctx));
    return results;
  }

  /**
   * Where a call ends up when its lines come in as speech recognition hands them over: each read as
   * a live call reads it (`heardAsWritten`: apostrophes put back, Spanish words heard in English)
   * before the rules do. The last turn's result.
   */
  function asHeard(lines: string[], ctx = defaultCtx): TransitionResult {
    return last(converse(lines.map(heardAsWritten), ctx));
  }

  /**
   * An emergency nobody on call picked up: the call at the name question. Throws if the problem
   * was not escalated, so a test of what follows cannot pass on a call that never got there.
   */
  function afterTransferFailed(problem: string, zip = "78701", ctx = defaultCtx): CallState {
    const escalated = converse([zip, problem], ctx).at(-1)!.state;
    if (escalated.stage !== "transferring")
      throw new Error(`not escalated: "${problem}" (${escalated.stage})`);
    const failed = transition(escalated, { type: "transfer_failed" }, ctx).state;
    if (failed.stage !== "name") throw new Error(`after the failed transfer the call is at ${failed.stage}`);
    return failed;
  }

  return { hear, converse, asHeard, afterTransferFailed };
}

export const last = <T>(items: T[]): T => items[items.length - 1]!;
