// Twilio webhooks: the signature is checked against the URL Twilio called (PUBLIC_BASE_URL +
// path + query, never the request's own host) and the form fields; anything forged or unsigned
// is refused with 403 before a single row is written. Once verified, every field is cleaned of
// control characters (a NUL byte cannot be stored) and integer query parameters are checked, so
// what reaches the database is always storable.
import { timingSafeEqual } from "node:crypto";
import twilio from "twilio";
import { env } from "@/server/env";

export type TwilioForm = Record<string, string>;

export function publicUrl(pathAndQuery: string): string {
  return `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}${pathAndQuery}`;
}

export function signTwilioRequest(
  url: string,
  params: TwilioForm,
  authToken = env.TWILIO_AUTH_TOKEN,
): string {
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
    if (field === "From" && (WITHHELD_CALLER_IDS as readonly string[]).includes(value.toLowerCase()))
      continue;
    return `${field} "${value.slice(0, 40)}" is not a full phone number with its country code, like +15125550100.`;
  }
  return null;
}

export const twiml = (xml: string, status = 200) =>
  new Response(xml, { status, headers: { "content-type": "text/xml; charset=utf-8" } });
const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** C0 controls but tab, line feed and carriage return (a text may have line breaks), DEL and C1. */
function isControlCharacter(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

/** The value without NUL and other control characters. */
export function stripControlCharacters(value: string): string {
  let out = "";
  for (const ch of value) if (!isControlCharacter(ch.charCodeAt(0))) out += ch;
  return out;
}

/** Every field (names and values) of a form, cleaned of control characters. */
export function cleanForm(form: TwilioForm): TwilioForm {
  const out: TwilioForm = {};
  for (const [key, value] of Object.entries(form))
    out[stripControlCharacters(key)] = stripControlCharacters(value);
  return out;
}

/** Query parameters that carry a number, with their upper bound (a call never has 10,000 turns). */
export const INTEGER_QUERY_PARAMS: Readonly<Record<string, number>> = { turn: 10_000 };

/** The first integer query parameter that is not a whole number within its bounds, as a message naming it. */
export function badQueryParam(params: URLSearchParams): string | null {
  for (const [name, max] of Object.entries(INTEGER_QUERY_PARAMS)) {
    const value = params.get(name);
    if (value === null) continue;
    if (!/^\d{1,9}$/.test(value) || Number(value) > max)
      return `Query parameter ${name} "${stripControlCharacters(value).slice(0, 20)}" must be a whole number from 0 to ${max}.`;
  }
  return null;
}

/**
 * The signature checked against the URL exactly as configured, one HMAC. twilio.validateRequest
 * tries that URL too, among its variants (with and without the port, normalised, with the legacy
 * query string), but not always first: with a port in PUBLIC_BASE_URL it computed the HMAC of the
 * URL without it first. A request this refuses still goes to validateRequest, so the same requests
 * are accepted as before.
 */
function signedAsIs(signature: string, url: string, form: TwilioForm): boolean {
  const expected = Buffer.from(twilio.getExpectedTwilioSignature(env.TWILIO_AUTH_TOKEN, url, form));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Reads and verifies a Twilio webhook. Returns the form fields, or the Response to send
 * (403 bad signature, 400 malformed form, missing required field, a phone field that is not E.164
 * or an integer query parameter out of bounds). The fields come back cleaned of control characters.
 */
export async function readTwilioWebhook(
  req: Request,
  required: readonly string[],
  phoneFields: readonly string[] = [],
): Promise<{ form: TwilioForm } | { response: Response }> {
  const url = new URL(req.url);
  const signature = req.headers.get("x-twilio-signature");
  if (!signature) return { response: plain(403, "Missing X-Twilio-Signature.") };
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded"))
    return { response: plain(400, "Body must be application/x-www-form-urlencoded.") };
  let form: TwilioForm;
  try {
    form = Object.fromEntries(new URLSearchParams(await req.text()));
  } catch {
    return { response: plain(400, "Body is not a form.") };
  }
  const signedUrl = publicUrl(url.pathname + url.search);
  if (
    !signedAsIs(signature, signedUrl, form) &&
    !twilio.validateRequest(env.TWILIO_AUTH_TOKEN, signature, signedUrl, form)
  ) {
    return { response: plain(403, "Invalid Twilio signature.") };
  }
  const badQuery = badQueryParam(url.searchParams);
  if (badQuery) return { response: plain(400, badQuery) };
  // The signature covers the form as sent; from here on only the cleaned fields are used.
  form = cleanForm(form);
  const missing = required.filter((f) => !form[f]?.trim());
  if (missing.length)
    return {
      response: plain(400, `Missing required field${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`),
    };
  const badPhone = badPhoneField(form, phoneFields);
  if (badPhone) return { response: plain(400, badPhone) };
  return { form };
}
