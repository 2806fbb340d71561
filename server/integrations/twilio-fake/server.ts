// A small Twilio-compatible REST server (plain node:http) for local mode and tests; the real
// `twilio` SDK is pointed at it (server/integrations/twilio-client.ts). Resources are a route
// table over one in-memory account: IncomingPhoneNumbers today; add Messages etc. the same way
// (a `routes` entry + a state collection).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { messageRoutes } from "./messages";

export type FakeIncomingNumber = {
  sid: string;
  account_sid: string;
  phone_number: string;
  friendly_name: string;
  voice_url: string;
  voice_method: string;
  voice_fallback_url: string;
  status_callback: string;
  sms_url: string;
  sms_method: string;
  date_created: string;
  date_updated: string;
  uri: string;
  capabilities: { voice: boolean; sms: boolean; mms: boolean };
};

export type TwilioFakeState = {
  incomingPhoneNumbers: Record<string, FakeIncomingNumber>;
  requests: { method: string; path: string; form: Record<string, string> }[];
};

export type TwilioFakeOptions = {
  port?: number;
  accountSid: string;
  /** Local mode: a number the app asks about is owned by the fake account (voice URL = this). */
  autoProvisionVoiceUrl?: string | null;
  /** …and its messaging URL = this. */
  autoProvisionSmsUrl?: string | null;
  log?: (message: string) => void;
};

export type TwilioFake = {
  url: string;
  state: TwilioFakeState;
  addIncomingNumber(phoneNumber: string, fields?: Partial<FakeIncomingNumber>): FakeIncomingNumber;
  close(): Promise<void>;
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

class TwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

// Twilio's form parameter → JSON field, for the fields an update may set.
const NUMBER_FIELDS: Record<string, keyof FakeIncomingNumber> = {
  FriendlyName: "friendly_name",
  VoiceUrl: "voice_url",
  VoiceMethod: "voice_method",
  VoiceFallbackUrl: "voice_fallback_url",
  StatusCallback: "status_callback",
  SmsUrl: "sms_url",
  SmsMethod: "sms_method",
};

export async function startTwilioFake(opts: TwilioFakeOptions): Promise<TwilioFake> {
  const state: TwilioFakeState = { incomingPhoneNumbers: {}, requests: [] };
  const base = `/2010-04-01/Accounts/${opts.accountSid}`;
  const rfc2822 = () => new Date().toUTCString().replace("GMT", "+0000");

  function addIncomingNumber(
    phoneNumber: string,
    fields: Partial<FakeIncomingNumber> = {},
  ): FakeIncomingNumber {
    const sid = `PN${randomBytes(16).toString("hex")}`;
    const n: FakeIncomingNumber = {
      sid,
      account_sid: opts.accountSid,
      phone_number: phoneNumber,
      friendly_name: phoneNumber,
      voice_url: "",
      voice_method: "POST",
      voice_fallback_url: "",
      status_callback: "",
      sms_url: "",
      sms_method: "POST",
      date_created: rfc2822(),
      date_updated: rfc2822(),
      uri: `${base}/IncomingPhoneNumbers/${sid}.json`,
      capabilities: { voice: true, sms: true, mms: false },
      ...fields,
    };
    state.incomingPhoneNumbers[sid] = n;
    return n;
  }
  const numberBySid = (sid: string) => {
    const n = state.incomingPhoneNumbers[sid];
    if (!n)
      throw new TwilioError(
        404,
        20404,
        `The requested resource ${base}/IncomingPhoneNumbers/${sid}.json was not found`,
      );
    return n;
  };
  const page = (key: string, items: unknown[], path: string, query: URLSearchParams) => {
    const size = Number(query.get("PageSize") ?? 50);
    const shown = items.slice(0, size);
    const uri = `${path}?${query.toString()}`;
    return {
      [key]: shown,
      page: 0,
      page_size: size,
      start: 0,
      end: Math.max(0, shown.length - 1),
      uri,
      first_page_uri: uri,
      next_page_uri: null,
      previous_page_uri: null,
    };
  };

  const routes: Route[] = [
    ...messageRoutes({ base, accountSid: opts.accountSid, state }),
    {
      method: "GET",
      pattern: new RegExp(`^${base}/IncomingPhoneNumbers\\.json$`),
      handle: (_m, _f, q) => {
        const wanted = q.get("PhoneNumber");
        if (
          wanted &&
          opts.autoProvisionVoiceUrl != null &&
          !Object.values(state.incomingPhoneNumbers).some((n) => n.phone_number === wanted)
        ) {
          addIncomingNumber(wanted, {
            voice_url: opts.autoProvisionVoiceUrl,
            sms_url: opts.autoProvisionSmsUrl ?? "",
          });
        }
        const items = Object.values(state.incomingPhoneNumbers).filter(
          (n) => !wanted || n.phone_number === wanted,
        );
        return { body: page("incoming_phone_numbers", items, `${base}/IncomingPhoneNumbers.json`, q) };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`^${base}/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json$`),
      handle: ([sid]) => ({ body: numberBySid(sid!) }),
    },
    {
      method: "POST",
      pattern: new RegExp(`^${base}/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json$`),
      handle: ([sid], form) => {
        const n = numberBySid(sid!);
        for (const [param, field] of Object.entries(NUMBER_FIELDS))
          if (param in form) (n as Record<string, unknown>)[field] = form[param];
        n.date_updated = rfc2822();
        return { body: n };
      },
    },
  ];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      try {
        if (url.pathname === "/_fake/health") return send(res, 200, { ok: true, fake: "twilio" });
        if (!(req.headers.authorization ?? "").startsWith("Basic "))
          throw new TwilioError(401, 20003, "Authenticate");
        const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
        if (!route)
          throw new TwilioError(
            404,
            20404,
            `The local Twilio fake does not implement ${req.method} ${url.pathname}`,
          );
        const form = Object.fromEntries(
          new URLSearchParams(req.method === "POST" ? await readBody(req) : ""),
        );
        state.requests.push({ method: req.method!, path: url.pathname, form });
        const out = route.handle(route.pattern.exec(url.pathname)!.slice(1), form, url.searchParams);
        send(res, out.status ?? 200, out.body);
      } catch (err) {
        const e = err instanceof TwilioError ? err : new TwilioError(500, 20500, (err as Error).message);
        send(res, e.status, {
          code: e.code,
          message: e.message,
          more_info: `https://www.twilio.com/docs/errors/${e.code}`,
          status: e.status,
        });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  opts.log?.(`Twilio fake listening on ${url}.`);
  return {
    url,
    state,
    addIncomingNumber,
    close: () =>
      new Promise<void>((resolve) => {
        (state as { closed?: boolean }).closed = true;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
