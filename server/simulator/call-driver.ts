// The call simulator's engine: plays Twilio's part by following the TwiML the app answers
// (Dial → dial-result, Gather → intake, Redirect, Hangup), while a person (or a test) plays the
// caller and the plumber. Its state is plain JSON so the browser can hold it between steps.
import { randomBytes } from "node:crypto";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { phoneLabel } from "@/server/leads/labels";
import { twimlSteps } from "./parse-twiml";

export type Post = (url: string, form: TwilioForm) => Promise<{ status: number; body: string }>;

export type SimLine =
  | { who: "agent"; text: string }
  | { who: "caller"; text: string }
  | { who: "system"; text: string }
  | { who: "twiml"; url: string; status: number; xml: string };

export type Pending =
  | {
      kind: "dial";
      action: string | null;
      number: string;
      whisperUrl: string | null;
      purpose: "ring_first" | "transfer";
    }
  | { kind: "gather"; action: string; input: string }
  | { kind: "ended" };

export type SimCall = {
  callSid: string;
  from: string;
  to: string;
  isTest: boolean;
  pending: Pending;
  lines: SimLine[];
};

export function newCallSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

// `LeadRescueTest=1` marks a simulated call (isTest: shown as "Test", never billed, left out of
// reports). A real caller cannot set it: Twilio builds the webhook form itself from fixed call
// parameters, and every form is signed — the voice routes refuse (403) any form whose
// X-Twilio-Signature was not made with our TWILIO_AUTH_TOKEN. So only Twilio and this server-side
// driver can produce a signed form, and only this driver adds the field.
function baseForm(call: SimCall): TwilioForm {
  return {
    CallSid: call.callSid,
    From: call.from,
    To: call.to,
    Direction: "inbound",
    ...(call.isTest ? { LeadRescueTest: "1" } : {}),
  };
}

/**
 * A step of the call our system could not answer. Its message is for the person testing; what went
 * wrong technically (the address, the answer) is in `details` and in the step's own line.
 */
export class CallStepFailed extends Error {
  constructor(readonly details: string) {
    super("our system could not answer this step of the call (its details are in the last step shown)");
    this.name = "CallStepFailed";
  }
}

async function request(post: Post, call: SimCall, url: string, form: TwilioForm): Promise<string> {
  let res: { status: number; body: string };
  try {
    res = await post(url, form);
  } catch (err) {
    const details = (err as Error).message ?? String(err);
    call.lines.push({ who: "twiml", url, status: 0, xml: details });
    throw new CallStepFailed(details);
  }
  call.lines.push({ who: "twiml", url, status: res.status, xml: res.body });
  if (res.status !== 200) throw new CallStepFailed(`${url} answered ${res.status}: ${res.body}`);
  return res.body;
}

/** Whose phone a Dial rings, in the tester's words. */
const phoneOf = (purpose: "ring_first" | "transfer") =>
  purpose === "transfer" ? "the on-call phone" : "the plumber's phone";

/** Executes TwiML until it waits for someone: a Dial to answer, a Gather to speak to, or the end. */
async function follow(post: Post, call: SimCall, xml: string): Promise<SimCall> {
  for (;;) {
    let redirect: string | null = null;
    for (const step of twimlSteps(xml)) {
      if (step.kind === "say" && step.text) call.lines.push({ who: "agent", text: step.text });
      if (step.kind === "gather") {
        for (const p of step.prompt) call.lines.push({ who: "agent", text: p });
        call.pending = { kind: "gather", action: step.action, input: step.input };
        return call;
      }
      if (step.kind === "dial") {
        const n = step.numbers[0];
        const purpose = step.action?.includes("leg=transfer") ? "transfer" : "ring_first";
        call.lines.push({
          who: "system",
          text: `Ringing ${phoneOf(purpose)}${n?.number ? `, ${phoneLabel(n.number)},` : ""} for ${step.timeout} seconds (${purpose === "transfer" ? "warm transfer" : "ring first"})`,
        });
        call.pending = {
          kind: "dial",
          action: step.action,
          number: n?.number ?? "",
          whisperUrl: n?.whisperUrl ?? null,
          purpose,
        };
        return call;
      }
      if (step.kind === "redirect") redirect = step.url;
      if (step.kind === "hangup") return end(post, call);
    }
    if (!redirect) return end(post, call);
    xml = await request(post, call, redirect, baseForm(call));
  }
}

async function end(post: Post, call: SimCall): Promise<SimCall> {
  call.pending = { kind: "ended" };
  call.lines.push({ who: "system", text: "Call ended" });
  await request(post, call, "/api/twilio/voice/status", { ...baseForm(call), CallStatus: "completed" });
  return call;
}

export function newSimCall(input: { from: string; to: string; isTest?: boolean; callSid?: string }): SimCall {
  return {
    callSid: input.callSid ?? newCallSid(),
    from: input.from,
    to: input.to,
    isTest: input.isTest ?? true,
    pending: { kind: "ended" },
    lines: [],
  };
}

/** Twilio's first webhook for a new call; `call` collects the lines even if a step fails. */
export async function placeCall(post: Post, call: SimCall): Promise<SimCall> {
  const xml = await request(post, call, "/api/twilio/voice", baseForm(call));
  return follow(post, call, xml);
}

export async function startCall(
  post: Post,
  input: { from: string; to: string; isTest?: boolean; callSid?: string },
): Promise<SimCall> {
  return placeCall(post, newSimCall(input));
}

/** The dialled person picks up and presses 1 (answer), picks up without a key (voicemail), or never answers. */
export async function answerDial(
  post: Post,
  call: SimCall,
  how: "answer" | "voicemail" | "no-answer" | "busy",
): Promise<SimCall> {
  if (call.pending.kind !== "dial") throw new Error("Nobody is being dialled right now.");
  const pending = call.pending;
  const childSid = newCallSid();
  let dialStatus: string = how === "busy" ? "busy" : how === "no-answer" ? "no-answer" : "completed";
  if ((how === "answer" || how === "voicemail") && pending.whisperUrl) {
    const child: TwilioForm = {
      CallSid: childSid,
      ParentCallSid: call.callSid,
      From: call.from,
      To: pending.number,
    };
    const whisper = await request(post, call, pending.whisperUrl, child);
    const gather = twimlSteps(whisper).find((s) => s.kind === "gather");
    if (gather && gather.kind === "gather") {
      const hears = phoneOf(pending.purpose).replace(/^t/, "T");
      call.lines.push({ who: "system", text: `${hears} hears: “${gather.prompt.join(" ")}”` });
      if (how === "answer") await request(post, call, gather.action, { ...child, Digits: "1" });
      else call.lines.push({ who: "system", text: "No key pressed (voicemail picked up)" });
    }
  }
  if (how === "answer")
    call.lines.push({ who: "system", text: `${phoneLabel(pending.number)} answered and pressed 1` });
  if (!pending.action) return end(post, call);
  if (how === "answer") dialStatus = "completed";
  const xml = await request(post, call, pending.action, {
    ...baseForm(call),
    DialCallStatus: dialStatus,
    DialCallSid: childSid,
    ...(how === "answer" ? { DialBridged: "true" } : {}),
  });
  return follow(post, call, xml);
}

/** The caller says something (or stays silent with an empty string). */
export async function say(post: Post, call: SimCall, text: string): Promise<SimCall> {
  if (call.pending.kind !== "gather") throw new Error("The agent is not listening right now.");
  if (text.trim()) call.lines.push({ who: "caller", text });
  const form: TwilioForm = {
    ...baseForm(call),
    ...(text.trim() ? { SpeechResult: text, Confidence: "0.92" } : {}),
  };
  const xml = await request(post, call, call.pending.action, form);
  return follow(post, call, xml);
}

export async function hangUp(post: Post, call: SimCall): Promise<SimCall> {
  if (call.pending.kind === "ended") return call;
  call.lines.push({ who: "caller", text: "(hangs up)" });
  return end(post, call);
}
