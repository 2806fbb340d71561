// Twilio webhooks: the signature is checked against the URL Twilio called (PUBLIC_BASE_URL +
// path + query, never the request's own host) and the form fields; anything forged or unsigned
// is refused with 403 before a single row is written.
import twilio from "twilio";
import { env } from "@/server/env";

export type TwilioForm = Record<string, string>;

export function publicUrl(pathAndQuery: string): string {
  return `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}${pathAndQuery}`;
}

export function signTwilioRequest(url: string, params: TwilioForm, authToken = env.TWILIO_AUTH_TOKEN): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** Caller ID Twilio sends when the caller withheld their number: accepted, never a reason to drop a caller. */
export const WITHHELD_CALLER_IDS = ["anonymous", "restricted", "unknown", "private", "unavailable"] as const;
const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** The first phone field that is not E.164, as a message naming it; From may be a withheld caller ID. */
export function badPhoneField(form: TwilioForm, fields: readonly string[]): string | null {
  for (const field of fields) {
    const value = form[field]?.trim();
    if (value === undefined || isE164(value)) continue;
    if (field === "From" && (WITHHELD_CALLER_IDS as readonly string[]).includes(value.toLowerCase())) continue;
    return `${field} "${value.slice(0, 40)}" is not an E.164 phone number like +15125550100.`;
  }
  return null;
}

export const twiml = (xml: string, status = 200) => new Response(xml, { status, headers: { "content-type": "text/xml; charset=utf-8" } });
const plain = (status: number, message: string) => new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * Reads and verifies a Twilio webhook. Returns the form fields, or the Response to send
 * (403 bad signature, 400 malformed form, missing required field or a phone field that is not E.164).
 */
export async function readTwilioWebhook(req: Request, required: readonly string[], phoneFields: readonly string[] = []): Promise<{ form: TwilioForm } | { response: Response }> {
  const url = new URL(req.url);
  const signature = req.headers.get("x-twilio-signature");
  if (!signature) return { response: plain(403, "Missing X-Twilio-Signature.") };
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return { response: plain(400, "Body must be application/x-www-form-urlencoded.") };
  let form: TwilioForm;
  try {
    form = Object.fromEntries(new URLSearchParams(await req.text()));
  } catch {
    return { response: plain(400, "Body is not a form.") };
  }
  const signedUrl = publicUrl(url.pathname + url.search);
  if (!twilio.validateRequest(env.TWILIO_AUTH_TOKEN, signature, signedUrl, form)) {
    return { response: plain(403, "Invalid Twilio signature.") };
  }
  const missing = required.filter((f) => !form[f]?.trim());
  if (missing.length) return { response: plain(400, `Missing required field${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`) };
  const badPhone = badPhoneField(form, phoneFields);
  if (badPhone) return { response: plain(400, badPhone) };
  return { form };
}
