// Messages for the local Twilio fake: POST …/Messages.json (the SDK's messages.create), GET the
// list and one message. Every message "sent" is kept in the fake's state (the dev page and the
// tests read it), and signed status callbacks (queued → sent → delivered) go to its StatusCallback,
// like Twilio's. Magic numbers, as at Twilio: To +15005550001 → 21211 invalid number,
// +15005550009 → 21614 not a mobile; and here +15005550030 → undelivered with 30003.
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { env } from "@/server/env";

export type FakeMessage = {
  sid: string;
  account_sid: string;
  to: string;
  from: string;
  body: string;
  status: string;
  direction: "outbound-api";
  num_segments: string;
  num_media: string;
  error_code: number | null;
  error_message: string | null;
  date_created: string;
  date_updated: string;
  date_sent: string | null;
  price: string | null;
  price_unit: string;
  api_version: string;
  messaging_service_sid: string | null;
  uri: string;
  subresource_uris: Record<string, string>;
  /** Not Twilio fields (the SDK ignores them): where callbacks go and when the request arrived. */
  status_callback: string | null;
  received_at_ms: number;
};

type Route = {
  method: string;
  pattern: RegExp;
  handle(
    m: string[],
    form: Record<string, string>,
    query: URLSearchParams,
  ): { status?: number; body: unknown };
};

/** How the fake delivers status callbacks: a signed POST by default; tests hand it to the route directly. */
export type FakeSmsConfig = {
  authToken: string;
  /** Milliseconds between callbacks. */
  stepDelayMs: number;
  deliver: (url: string, form: Record<string, string>, signature: string) => Promise<void>;
};

const g = globalThis as unknown as { __leadrescueFakeSms?: Partial<FakeSmsConfig> };

async function postCallback(url: string, form: Record<string, string>, signature: string): Promise<void> {
  await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(form),
  });
}

function config(): FakeSmsConfig {
  return {
    authToken: env.TWILIO_AUTH_TOKEN,
    stepDelayMs: 100,
    deliver: postCallback,
    ...(g.__leadrescueFakeSms ?? {}),
  };
}

/** Tests: change how callbacks are delivered (or reset with undefined). */
export function configureFakeSms(cfg: Partial<FakeSmsConfig> | undefined): void {
  g.__leadrescueFakeSms = cfg;
}

type StateWithMessages = { messages?: FakeMessage[] };

/** Every message the fake accepted, oldest first. */
export function fakeMessages(state: object): FakeMessage[] {
  return ((state as StateWithMessages).messages ??= []);
}

const error = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

export const UNDELIVERABLE_TEST_NUMBER = "+15005550030";

export function messageRoutes(ctx: { base: string; accountSid: string; state: object }): Route[] {
  const { base, accountSid } = ctx;
  const list = () => fakeMessages(ctx.state);
  const rfc2822 = () => new Date().toUTCString().replace("GMT", "+0000");

  async function runCallbacks(m: FakeMessage) {
    if (!m.status_callback) return;
    const cfg = config();
    const steps: [string, number | null][] = [
      ["queued", null],
      ["sent", null],
      m.to === UNDELIVERABLE_TEST_NUMBER ? ["undelivered", 30003] : ["delivered", null],
    ];
    for (const [status, code] of steps) {
      await new Promise((r) => setTimeout(r, cfg.stepDelayMs));
      // A closed fake calls back no more (a test that has ended hears nothing after it).
      if ((ctx.state as { closed?: boolean }).closed) return;
      m.status = status;
      m.date_updated = rfc2822();
      if (status === "sent") m.date_sent = m.date_updated;
      if (code) {
        m.error_code = code;
        m.error_message = "Unreachable destination handset";
      }
      const form: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: "2010-04-01",
        From: m.from,
        To: m.to,
        MessageSid: m.sid,
        SmsSid: m.sid,
        MessageStatus: status,
        SmsStatus: status,
        ...(code ? { ErrorCode: String(code) } : {}),
      };
      try {
        await cfg.deliver(
          m.status_callback,
          form,
          twilio.getExpectedTwilioSignature(cfg.authToken, m.status_callback, form),
        );
      } catch (err) {
        if ((ctx.state as { closed?: boolean }).closed) return;
        console.error(`Twilio fake: status callback to ${m.status_callback} failed:`, (err as Error).message);
      }
    }
  }

  return [
    {
      method: "POST",
      pattern: new RegExp(`^${base}/Messages\\.json$`),
      handle: (_m, form) => {
        if (!form.To) return error(400, 21604, "A 'To' phone number is required.");
        if (!form.From && !form.MessagingServiceSid)
          return error(400, 21603, "A 'From' phone number is required.");
        if (!form.Body && !form.MediaUrl) return error(400, 21602, "Message body is required.");
        if (form.To === "+15005550001" || !/^\+[1-9]\d{6,14}$/.test(form.To))
          return error(400, 21211, `The 'To' number ${form.To} is not a valid phone number.`);
        if (form.To === "+15005550009")
          return error(400, 21614, `'To' number ${form.To} is not a mobile number`);
        const sid = `SM${randomBytes(16).toString("hex")}`;
        const now = rfc2822();
        const m: FakeMessage = {
          sid,
          account_sid: accountSid,
          to: form.To,
          from: form.From ?? "",
          body: form.Body ?? "",
          status: "queued",
          direction: "outbound-api",
          num_segments: String(Math.max(1, Math.ceil((form.Body ?? "").length / 153))),
          num_media: "0",
          error_code: null,
          error_message: null,
          date_created: now,
          date_updated: now,
          date_sent: null,
          price: null,
          price_unit: "USD",
          api_version: "2010-04-01",
          messaging_service_sid: form.MessagingServiceSid ?? null,
          uri: `${base}/Messages/${sid}.json`,
          subresource_uris: { media: `${base}/Messages/${sid}/Media.json` },
          status_callback: form.StatusCallback ?? null,
          received_at_ms: Date.now(),
        };
        list().push(m);
        void runCallbacks(m);
        return { status: 201, body: m };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`^${base}/Messages\\.json$`),
      handle: (_m, _f, q) => {
        const items = list()
          .filter(
            (m) => (!q.get("To") || m.to === q.get("To")) && (!q.get("From") || m.from === q.get("From")),
          )
          .reverse();
        const size = Number(q.get("PageSize") ?? 50);
        const uri = `${base}/Messages.json?${q.toString()}`;
        return {
          body: {
            messages: items.slice(0, size),
            page: 0,
            page_size: size,
            start: 0,
            end: Math.max(0, Math.min(size, items.length) - 1),
            uri,
            first_page_uri: uri,
            next_page_uri: null,
            previous_page_uri: null,
          },
        };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`^${base}/Messages/(SM[0-9a-f]{32})\\.json$`),
      handle: ([sid]) => {
        const m = list().find((x) => x.sid === sid);
        return m
          ? { body: m }
          : error(404, 20404, `The requested resource ${base}/Messages/${sid}.json was not found`);
      },
    },
  ];
}
