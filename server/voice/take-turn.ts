// One intake webhook turn without the database: read the caller's answer with the intake engine,
// step the state machine, render the TwiML. The route loads and saves the state and applies actions.
import { EMPTY_EXTRACTION } from "@/server/intake/extraction";
import { heardAsWritten } from "@/server/intake/rules-extract";
import type { ExtractResult, IntakeEngine } from "@/server/intake/engine";
import {
  extractionStage,
  transition,
  type CallContext,
  type CallEvent,
  type CallState,
  type TransitionResult,
} from "@/server/voice/state-machine";
import { renderTransition, type SayVoice } from "@/server/voice/twiml";

export type IntakeInput =
  | { kind: "start" }
  | { kind: "speech"; text: string }
  | { kind: "silence" }
  /** The warm transfer's Dial ended; answered = the on-call person pressed 1 and was bridged. */
  | { kind: "transfer_result"; answered: boolean };

/** A Gather post: SpeechResult, or the ZIP or a number to call back keyed in as Digits; nothing heard is silence. */
export function intakeInputFromForm(form: Readonly<Record<string, string | undefined>>): IntakeInput {
  const text = (form.SpeechResult ?? "").trim() || (form.Digits ?? "").trim();
  return text ? { kind: "speech", text } : { kind: "silence" };
}

export type IntakeTurn = { result: TransitionResult; twiml: string; extract: ExtractResult | null };

export async function takeIntakeTurn(args: {
  state: CallState;
  input: IntakeInput;
  ctx: CallContext;
  engine: Pick<IntakeEngine, "extract">;
  baseUrl: string;
  voice?: SayVoice;
  intakeQuery?: Record<string, string>;
  /** The business's own words for speech recognition (server/voice/speech-hints.ts). */
  speechHints?: readonly string[];
}): Promise<IntakeTurn> {
  const { state, input, ctx, engine } = args;
  let event: CallEvent;
  let extract: ExtractResult | null = null;
  switch (input.kind) {
    case "start":
      event = { type: "start" };
      break;
    case "silence":
      event = { type: "silence" };
      break;
    case "transfer_result":
      event = { type: input.answered ? "transfer_answered" : "transfer_failed" };
      break;
    case "speech": {
      const stage = extractionStage(state);
      const text = heardAsWritten(input.text);
      if (stage)
        extract = await engine.extract({
          stage,
          utterance: text,
          profile: state.profile,
          slotsOffered: state.slotsOffered,
          slotsMentioned: state.slotsMentioned,
          slotsDeclined: state.slotsDeclined,
        });
      event = { type: "heard", text, extraction: extract?.extraction ?? EMPTY_EXTRACTION };
      break;
    }
  }
  const result = transition(state, event, ctx);
  return {
    result,
    twiml: renderTransition(result, {
      baseUrl: args.baseUrl,
      voice: args.voice,
      intakeQuery: args.intakeQuery,
      speechHints: args.speechHints,
    }),
    extract,
  };
}
