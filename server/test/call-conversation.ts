// Playing a caller's words through the rules model and the pure call state machine, for the state
// machine's unit tests: `conversation(ctx)` gives `hear` (one answer) and `converse` (a whole call
// from its start), both against that business unless a test passes another.
import { extraction, type Extraction, type PromptProfileName } from "@/server/intake/extraction";
import { extractByRules } from "@/server/intake/rules-extract";
import {
  extractionStage,
  newCallState,
  transition,
  type CallContext,
  type CallState,
  type TransitionResult,
} from "@/server/voice/state-machine";

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

  return { hear, converse };
}

export const last = <T>(items: T[]): T => items[items.length - 1]!;
