// The Twilio REST client. Real credentials → api.twilio.com. TWILIO_API_BASE_URL → that
// Twilio-compatible server. Local mode (the dev auth token) → the local Twilio fake
// (server/integrations/twilio-fake/) inside this process. The real SDK is used in every case:
// a RequestClient subclass rewrites each request's origin to the fake.
import twilio from "twilio";
import RequestClient from "twilio/lib/base/RequestClient";
import { DEV_TWILIO_AUTH_TOKEN, env } from "@/server/env";
import { startTwilioFake, type TwilioFake } from "./twilio-fake/server";

export type TwilioClient = ReturnType<typeof twilio>;
export type TwilioHandle = {
  client: TwilioClient;
  mode: "live" | "custom" | "local";
  fake: TwilioFake | null;
};

const g = globalThis as unknown as { __leadrescueTwilio?: Promise<TwilioHandle> };

/** Sends every SDK request to `baseUrl` instead of https://*.twilio.com. */
class RedirectingRequestClient extends RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(this.baseUrl);
    const uri = new URL(opts.uri);
    uri.protocol = target.protocol;
    uri.host = target.host;
    return super.request({ ...opts, uri: uri.toString() });
  }
}

export function twilioClientFor(
  baseUrl: string,
  accountSid = env.TWILIO_ACCOUNT_SID,
  authToken = env.TWILIO_AUTH_TOKEN,
): TwilioClient {
  return twilio(accountSid, authToken, {
    httpClient: new RedirectingRequestClient(baseUrl),
    autoRetry: false,
  });
}

async function open(): Promise<TwilioHandle> {
  if (env.TWILIO_API_BASE_URL)
    return { client: twilioClientFor(env.TWILIO_API_BASE_URL), mode: "custom", fake: null };
  if (env.TWILIO_AUTH_TOKEN !== DEV_TWILIO_AUTH_TOKEN)
    return {
      client: twilio(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, { autoRetry: true }),
      mode: "live",
      fake: null,
    };
  const fake = await startTwilioFake({
    accountSid: env.TWILIO_ACCOUNT_SID,
    autoProvisionVoiceUrl: `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/api/twilio/voice`,
    autoProvisionSmsUrl: `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/api/twilio/sms`,
    log: (m) => console.log(m),
  });
  return { client: twilioClientFor(fake.url), mode: "local", fake };
}

export function getTwilioHandle(): Promise<TwilioHandle> {
  g.__leadrescueTwilio ??= open().catch((err) => {
    g.__leadrescueTwilio = undefined;
    throw err;
  });
  return g.__leadrescueTwilio;
}

export async function getTwilioClient(): Promise<TwilioClient> {
  return (await getTwilioHandle()).client;
}

/** Tests: use this client (e.g. one aimed at a fake the test started), or reset. */
export function setTwilioHandle(handle: TwilioHandle | undefined): void {
  g.__leadrescueTwilio = handle ? Promise.resolve(handle) : undefined;
}
