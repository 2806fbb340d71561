// Renders call decisions to TwiML with twilio.twiml.VoiceResponse. Every chained URL is absolute
// under PUBLIC_BASE_URL, because Twilio signs (and we verify) the exact URL it calls.
import twilio from "twilio";
import type VoiceResponse from "twilio/lib/twiml/VoiceResponse";
import { EMERGENCY_KINDS, type EmergencyKind } from "@/server/intake/extraction";
import { transferWhisper, type EscalationReason } from "@/server/voice/scripts";
import type { CallAction, TerminalAction, TransitionResult } from "@/server/voice/state-machine";
import { hintsForStage, SPEECH_LANGUAGE, SPEECH_MODEL } from "@/server/voice/speech-hints";

export const VOICE_PATHS = {
  voice: "/api/twilio/voice",
  screen: "/api/twilio/voice/screen",
  dialResult: "/api/twilio/voice/dial-result",
  intake: "/api/twilio/voice/intake",
  status: "/api/twilio/voice/status",
} as const;

/** The plumber's phone rings for 10 seconds before the AI takes over. */
export const RING_FIRST_SECONDS = 10;
const SCREEN_KEY_SECONDS = 6;

export type SayVoice = VoiceResponse.SayAttributes["voice"];
/**
 * intakeQuery goes on the Gather action (the turn number), so a replayed turn is recognised.
 * speechHints are the business's own words (server/voice/speech-hints.ts), given to every Gather.
 */
export type RenderOptions = {
  baseUrl: string;
  voice?: SayVoice;
  intakeQuery?: Record<string, string>;
  speechHints?: readonly string[];
};

/** `${baseUrl}${path}` with any trailing slash of baseUrl removed, plus an optional query. */
export function voiceUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const url = `${baseUrl.replace(/\/+$/, "")}${path}`;
  const qs = query ? new URLSearchParams(query).toString() : "";
  return qs ? `${url}?${qs}` : url;
}

function response() {
  return new twilio.twiml.VoiceResponse();
}

function say(
  target: { say(attributes: VoiceResponse.SayAttributes, message: string): unknown },
  text: string,
  voice?: SayVoice,
) {
  target.say(voice ? { voice } : {}, text);
}

export function terminalAction(actions: readonly CallAction[]): TerminalAction {
  const terminal = [...actions]
    .reverse()
    .find((a): a is TerminalAction => a.type === "listen" || a.type === "transfer" || a.type === "hangup");
  return terminal ?? { type: "hangup" };
}

/** One intake turn: the line to say, then listen (Gather), transfer (Dial) or hang up. */
export function renderTransition(
  result: Pick<TransitionResult, "say" | "actions">,
  opts: RenderOptions,
): string {
  const r = response();
  const next = terminalAction(result.actions);
  switch (next.type) {
    case "listen": {
      // The ZIP and a number to call back may also be keyed in: their digits end the Gather at once.
      const keyed = next.stage === "zip" ? 5 : next.stage === "phone" ? 10 : null;
      const hints = hintsForStage(next.stage, opts.speechHints ?? []);
      const gather = r.gather({
        input: keyed ? ["dtmf", "speech"] : ["speech"],
        ...(keyed ? { numDigits: keyed } : {}),
        // Phone-call audio in US English (ADR 0006), biased towards the business's own words.
        speechModel: SPEECH_MODEL,
        language: SPEECH_LANGUAGE,
        ...(hints ? { hints } : {}),
        speechTimeout: "auto",
        actionOnEmptyResult: true,
        action: voiceUrl(opts.baseUrl, VOICE_PATHS.intake, opts.intakeQuery),
        method: "POST",
      });
      if (result.say) say(gather, result.say, opts.voice);
      break;
    }
    case "transfer": {
      if (result.say) say(r, result.say, opts.voice);
      const dial = r.dial({
        timeout: next.timeoutSeconds,
        answerOnBridge: true,
        action: voiceUrl(opts.baseUrl, VOICE_PATHS.intake, { leg: "transfer" }),
        method: "POST",
      });
      const brief: Record<string, string> = { purpose: "transfer", reason: next.reason };
      if (next.emergencyKind) brief.kind = next.emergencyKind;
      dial.number({ url: voiceUrl(opts.baseUrl, VOICE_PATHS.screen, brief), method: "POST" }, next.to);
      break;
    }
    case "hangup":
      if (result.say) say(r, result.say, opts.voice);
      r.hangup();
      break;
  }
  return r.toString();
}

/** How many ring-first answers are kept (one per plumber's phone and base URL in practice). */
export const RING_FIRST_KEPT = 1_000;
const ringFirstKept = new Map<string, string>();

/**
 * Ring first: the plumber's phone for 10 s, screened so a voicemail pickup never counts as answered.
 * The XML depends only on its arguments and building it cost ~30 µs of every first webhook, so the
 * last RING_FIRST_KEPT answers are kept (the oldest goes first).
 */
export function ringFirstTwiml(args: { plumberPhone: string; baseUrl: string; callerId?: string }): string {
  const key = JSON.stringify([args.plumberPhone, args.baseUrl, args.callerId ?? null]);
  let xml = ringFirstKept.get(key);
  if (xml === undefined) {
    xml = buildRingFirstTwiml(args);
    if (ringFirstKept.size >= RING_FIRST_KEPT) ringFirstKept.delete(ringFirstKept.keys().next().value!);
    ringFirstKept.set(key, xml);
  }
  return xml;
}

function buildRingFirstTwiml({
  plumberPhone,
  baseUrl,
  callerId,
}: {
  plumberPhone: string;
  baseUrl: string;
  callerId?: string;
}): string {
  const r = response();
  const dial = r.dial({
    timeout: RING_FIRST_SECONDS,
    answerOnBridge: true,
    action: voiceUrl(baseUrl, VOICE_PATHS.dialResult),
    method: "POST",
    ...(callerId ? { callerId } : {}),
  });
  dial.number({ url: voiceUrl(baseUrl, VOICE_PATHS.screen), method: "POST" }, plumberPhone);
  return r.toString();
}

/** Who is being screened: the ring-first plumber, or the on-call person of a warm transfer. */
export type ScreenBrief =
  | { purpose: "ring_first"; businessName?: string }
  | { purpose: "transfer"; reason: EscalationReason; emergencyKind: EmergencyKind | null };

/** Reads the screen URL's query (set by renderTransition for transfers). */
export function parseScreenBrief(params: URLSearchParams): ScreenBrief {
  if (params.get("purpose") !== "transfer") return { purpose: "ring_first" };
  const reason = params.get("reason") === "emergency" ? "emergency" : "asked_for_person";
  const kind = params.get("kind");
  const emergencyKind = (EMERGENCY_KINDS as readonly string[]).includes(kind ?? "")
    ? (kind as EmergencyKind)
    : null;
  return { purpose: "transfer", reason, emergencyKind };
}

/** True when the screen webhook is the whisper's key-press result rather than the whisper itself. */
export function isScreenResult(params: URLSearchParams): boolean {
  return params.get("step") === "result";
}

/** True when the intake webhook is the warm transfer's Dial result rather than a speech turn. */
export function isTransferResult(params: URLSearchParams): boolean {
  return params.get("leg") === "transfer";
}

export function screenWhisper(brief: ScreenBrief = { purpose: "ring_first" }): string {
  if (brief.purpose === "transfer") return transferWhisper(brief.reason, brief.emergencyKind);
  return `${brief.businessName ? `Customer call for ${brief.businessName}` : "Customer call"} from LeadRescue. Press 1 to take this call.`;
}

/**
 * The whisper to whoever picks up. Twilio bridges the legs as soon as this TwiML ends, so when
 * no key comes (a voicemail greeting, say) it must end with Hangup: that leg never counts as answered.
 */
export function screenTwiml(baseUrl: string, brief?: ScreenBrief, voice?: SayVoice): string {
  const r = response();
  const gather = r.gather({
    input: ["dtmf"],
    numDigits: 1,
    timeout: SCREEN_KEY_SECONDS,
    action: voiceUrl(baseUrl, VOICE_PATHS.screen, { step: "result" }),
    method: "POST",
  });
  say(gather, screenWhisper(brief), voice);
  r.hangup();
  return r.toString();
}

/** The key pressed during the whisper: 1 connects (empty TwiML ends the whisper), anything else hangs up. */
export function screenResultTwiml(digits: string | null | undefined): string {
  const r = response();
  if (digits?.trim() !== "1") r.hangup();
  return r.toString();
}

/** The message, then hang up; no message just hangs up (Twilio rejects an empty Say). */
export function politeHangupTwiml(message: string, voice?: SayVoice): string {
  const r = response();
  if (message.trim()) say(r, message, voice);
  r.hangup();
  return r.toString();
}
