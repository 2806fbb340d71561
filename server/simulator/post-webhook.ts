// Posting signed Twilio webhooks to the real route handlers, in process, exactly as Twilio
// would: the call simulator and the integration tests both drive calls through this.
import { env } from "@/server/env";
import { publicUrl, signTwilioRequest, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { POST as voice } from "@/app/api/twilio/voice/route";
import { POST as screen } from "@/app/api/twilio/voice/screen/route";
import { POST as dialResult } from "@/app/api/twilio/voice/dial-result/route";
import { POST as intake } from "@/app/api/twilio/voice/intake/route";
import { POST as status } from "@/app/api/twilio/voice/status/route";

const ROUTES: Record<string, (req: Request) => Promise<Response>> = {
  "/api/twilio/voice": voice,
  "/api/twilio/voice/screen": screen,
  "/api/twilio/voice/dial-result": dialResult,
  "/api/twilio/voice/intake": intake,
  "/api/twilio/voice/status": status,
};

export function signedRequest(
  url: string,
  form: TwilioForm,
  opts: { signature?: string | null; authToken?: string } = {},
): Request {
  const body = new URLSearchParams(form).toString();
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const signature =
    opts.signature === undefined
      ? signTwilioRequest(url, form, opts.authToken ?? env.TWILIO_AUTH_TOKEN)
      : opts.signature;
  if (signature) headers["x-twilio-signature"] = signature;
  return new Request(url, { method: "POST", headers, body });
}

/** POSTs to a voice webhook by absolute URL (as found in TwiML) or by path. */
export async function postTwilio(
  urlOrPath: string,
  form: TwilioForm,
  opts: { signature?: string | null; authToken?: string } = {},
) {
  const url = urlOrPath.startsWith("http") ? urlOrPath : publicUrl(urlOrPath);
  const route = ROUTES[new URL(url).pathname];
  if (!route) throw new Error(`No voice route for ${url}`);
  const res = await route(signedRequest(url, form, opts));
  return { status: res.status, body: await res.text() };
}

/**
 * The simulator's transport. It calls the route handlers in process rather than fetching
 * PUBLIC_BASE_URL: the server may not be able to reach its own public URL (a tunnel, a load
 * balancer, another port), yet the request is still the real thing — the Request's URL is
 * PUBLIC_BASE_URL + path + query, signed with TWILIO_AUTH_TOKEN by twilio's own function, and the
 * handler's signature check runs unchanged. Only URLs under PUBLIC_BASE_URL are followed
 * (every chained URL in TwiML is absolute under it), so a TwiML bug shows up here.
 */
export async function postVoiceWebhook(urlOrPath: string, form: TwilioForm) {
  const base = env.PUBLIC_BASE_URL.replace(/\/+$/, "");
  const url = urlOrPath.startsWith("/") ? publicUrl(urlOrPath) : urlOrPath;
  if (!url.startsWith(`${base}/api/twilio/voice`)) {
    throw new Error(
      `The TwiML sends the call to ${url}, which is not a voice webhook under PUBLIC_BASE_URL (${base}).`,
    );
  }
  return postTwilio(url, form);
}
