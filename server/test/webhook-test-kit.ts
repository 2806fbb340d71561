// Plays Twilio in tests and benchmarks: builds correctly signed form POSTs (X-Twilio-Signature
// over PUBLIC_BASE_URL + path + query with TWILIO_AUTH_TOKEN) and hands them to the REAL route
// handlers, then follows the TwiML they answer (Dial action, Number whisper url, Gather action).
import { randomBytes } from "node:crypto";
import { env } from "@/server/env";
import { publicUrl, signTwilioRequest, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { POST as voice } from "@/app/api/twilio/voice/route";
import { POST as screen } from "@/app/api/twilio/voice/screen/route";
import { POST as dialResult } from "@/app/api/twilio/voice/dial-result/route";
import { POST as intake } from "@/app/api/twilio/voice/intake/route";
import { POST as status } from "@/app/api/twilio/voice/status/route";

export const VOICE_ROUTES: Record<string, (req: Request) => Promise<Response>> = {
  "/api/twilio/voice": voice,
  "/api/twilio/voice/screen": screen,
  "/api/twilio/voice/dial-result": dialResult,
  "/api/twilio/voice/intake": intake,
  "/api/twilio/voice/status": status,
};

export type SignOptions = { signature?: string | null; authToken?: string; contentType?: string };

export function newCallSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

/** The form of a text a caller sends to `to` (Twilio's "A message comes in" webhook), with a fresh MessageSid. */
export function inboundSmsForm(from: string, to: string, body: string): TwilioForm {
  return {
    AccountSid: env.TWILIO_ACCOUNT_SID,
    MessageSid: `SM${randomBytes(16).toString("hex")}`,
    From: from,
    To: to,
    Body: body,
    NumMedia: "0",
  };
}

/** A POST exactly as Twilio sends it; `signature: null` leaves the header out. */
export function signedTwilioRequest(url: string, form: TwilioForm, opts: SignOptions = {}): Request {
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? "application/x-www-form-urlencoded",
  };
  const signature =
    opts.signature === undefined
      ? signTwilioRequest(url, form, opts.authToken ?? env.TWILIO_AUTH_TOKEN)
      : opts.signature;
  if (signature) headers["x-twilio-signature"] = signature;
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(form).toString() });
}

export type WebhookAnswer = { status: number; body: string; contentType: string | null };

/** POSTs to a voice webhook by absolute URL (as found in TwiML) or by path under PUBLIC_BASE_URL. */
export async function postVoice(
  urlOrPath: string,
  form: TwilioForm,
  opts: SignOptions = {},
): Promise<WebhookAnswer> {
  const url = urlOrPath.startsWith("http") ? urlOrPath : publicUrl(urlOrPath);
  const route = VOICE_ROUTES[new URL(url).pathname];
  if (!route) throw new Error(`No voice route for ${url}`);
  const res = await route(signedTwilioRequest(url, form, opts));
  return { status: res.status, body: await res.text(), contentType: res.headers.get("content-type") };
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

/** Every `action` and `url` attribute in a TwiML document. */
export function twimlUrls(xml: string): string[] {
  return [...xml.matchAll(/\s(?:action|url)="([^"]*)"/g)].map((m) => decode(m[1]!));
}

function attr(xml: string, tag: string, name: string): string | null {
  const el = new RegExp(`<${tag}\\b[^>]*>`).exec(xml)?.[0];
  const value = el ? new RegExp(`\\s${name}="([^"]*)"`).exec(el)?.[1] : undefined;
  return value === undefined ? null : decode(value);
}

export const gatherAction = (xml: string) => attr(xml, "Gather", "action");
export const dialAction = (xml: string) => attr(xml, "Dial", "action");
export const dialTimeout = (xml: string) => attr(xml, "Dial", "timeout");
export const whisperUrl = (xml: string) => attr(xml, "Number", "url");
/** The number a Dial rings. */
export const dialedNumber = (xml: string) => /<Number\b[^>]*>([^<]*)<\/Number>/.exec(xml)?.[1] ?? null;
/** What the caller hears, Say by Say. */
export const spoken = (xml: string) =>
  [...xml.matchAll(/<Say\b[^>]*>([^<]*)<\/Say>/g)].map((m) => decode(m[1]!)).join(" ");

/** One inbound call, driven webhook by webhook like Twilio would. */
export class TwilioCall {
  readonly callSid = newCallSid();
  readonly childSid = newCallSid();
  last = "";
  readonly answers: WebhookAnswer[] = [];

  constructor(
    readonly to: string,
    readonly from = "+15125559876",
  ) {}

  form(extra: TwilioForm = {}): TwilioForm {
    return {
      AccountSid: env.TWILIO_ACCOUNT_SID,
      CallSid: this.callSid,
      From: this.from,
      To: this.to,
      Direction: "inbound",
      CallStatus: "in-progress",
      ...extra,
    };
  }

  private async post(url: string, form: TwilioForm): Promise<string> {
    const answer = await postVoice(url, form);
    this.answers.push(answer);
    if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${answer.body}`);
    this.last = answer.body;
    return answer.body;
  }

  /** Twilio's first webhook: the call arrives. */
  incoming(): Promise<string> {
    return this.post("/api/twilio/voice", this.form({ CallStatus: "ringing" }));
  }

  /** The plumber's (or on-call person's) leg: the whisper, then the key they press (or none). */
  async screen(whisper: string, digits: string | null): Promise<string> {
    const leg = {
      CallSid: this.childSid,
      ParentCallSid: this.callSid,
      From: this.to,
      To: "+15125550101",
      Direction: "outbound-api",
      CallStatus: "in-progress",
    };
    const prompt = await postVoice(whisper, leg);
    if (prompt.status !== 200) throw new Error(`whisper answered ${prompt.status}`);
    const action = gatherAction(prompt.body);
    if (!action) throw new Error(`whisper has no Gather: ${prompt.body}`);
    if (digits === null) return prompt.body;
    return (await postVoice(action, { ...leg, Digits: digits })).body;
  }

  /** The Dial in the last TwiML ended with this DialCallStatus. */
  dialEnded(dialStatus: string): Promise<string> {
    const action = dialAction(this.last);
    if (!action) throw new Error(`the last TwiML has no Dial: ${this.last}`);
    return this.post(action, this.form({ DialCallStatus: dialStatus, DialCallSid: this.childSid }));
  }

  /** The caller says something to the last Gather ("" = silence). */
  say(speech: string): Promise<string> {
    const action = gatherAction(this.last);
    if (!action) throw new Error(`the last TwiML has no Gather: ${this.last}`);
    return this.post(action, this.form(speech ? { SpeechResult: speech, Confidence: "0.92" } : {}));
  }

  /** Twilio's status callback: the call is over. */
  ended(callStatus = "completed"): Promise<string> {
    return this.post("/api/twilio/voice/status", this.form({ CallStatus: callStatus, CallDuration: "42" }));
  }

  /** Rings the plumber, who does not answer: the AI intake starts (when the gate is open). */
  async missed(dialStatus = "no-answer"): Promise<string> {
    await this.incoming();
    return this.dialEnded(dialStatus);
  }
}
