// No Twilio webhook answers 500, and none keeps Twilio waiting past its limit: 1,000 correctly
// signed random bodies (control characters, huge numbers, odd unicode, missing and repeated
// fields, random query strings) over all seven Twilio routes, a few at a time. The generator is
// seeded, so a failure names the seed and the request that reproduce it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { env } from "@/server/env";
import { publicUrl, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { POST as smsRoute } from "@/app/api/twilio/sms/route";
import { POST as smsStatusRoute } from "@/app/api/twilio/sms/status/route";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { newCallSid, signedTwilioRequest, TwilioCall, VOICE_ROUTES } from "@/server/test/webhook-test-kit";

const ROUTES: Record<string, (req: Request) => Promise<Response>> = {
  ...VOICE_ROUTES,
  "/api/twilio/sms": smsRoute,
  "/api/twilio/sms/status": smsStatusRoute,
};
const BODIES = 1_000;
const AT_ONCE = 8;
/** Twilio gives up after 15 s; every answer must come well before. */
const LIMIT_MS = 13_000;

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
const knownCallSids: string[] = [];

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
  // A few real calls, so some random webhooks land on calls that exist (mid-intake, ended).
  for (let i = 0; i < 3; i++) {
    const call = new TwilioCall(biz.trackingNumber);
    await call.missed();
    if (i === 2) await call.ended();
    knownCallSids.push(call.callSid);
  }
});
afterAll(() => db?.drop());

/** mulberry32: small, seeded, good enough to pick test inputs. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

type Rng = ReturnType<typeof random>;

function junk(r: Rng): string {
  const kind = r.int(10);
  const len = r.pick([0, 1, 5, 40, 300, 5_000]);
  switch (kind) {
    case 0:
      return "\u0000".repeat(Math.max(1, len % 50));
    case 1:
      return Array.from({ length: len }, () => String.fromCharCode(r.int(0x20))).join("");
    case 2:
      return String(r.pick([2 ** 31, 2 ** 53, -1, 1e308, Number.MAX_SAFE_INTEGER * 10, 99999999999]));
    case 3:
      return Array.from({ length: Math.min(len, 500) }, () =>
        String.fromCodePoint(r.pick([0x1f6b0, 0x202e, 0xfeff, 0x0301, 0xfffd, 0xd7ff, 0x10ffff])),
      ).join("");
    case 4:
      return `'; DROP TABLE "Lead"; --${"\u0000"}`;
    case 5:
      return "<Say>hi</Say>]]>&amp;&#0;";
    case 6:
      return `+1${String(r.int(1e10)).padStart(10, "0")}`;
    case 7:
      return "x".repeat(len * 3);
    default:
      return Array.from({ length: len % 80 }, () => String.fromCharCode(32 + r.int(95))).join("");
  }
}

function randomForm(r: Rng): TwilioForm {
  const form: TwilioForm = {};
  const sid = () => r.pick([newCallSid(), ...knownCallSids, junk(r)]);
  const fields: Array<[string, () => string]> = [
    ["AccountSid", () => r.pick([env.TWILIO_ACCOUNT_SID, junk(r)])],
    ["CallSid", sid],
    ["ParentCallSid", sid],
    ["MessageSid", () => r.pick([`SM${newCallSid().slice(2)}`, junk(r)])],
    ["From", () => r.pick(["+15125559876", "anonymous", biz.trackingNumber, junk(r)])],
    ["To", () => r.pick([biz.trackingNumber, "+19995550123", junk(r)])],
    [
      "CallStatus",
      () =>
        r.pick(["ringing", "in-progress", "completed", "no-answer", "busy", "failed", "canceled", junk(r)]),
    ],
    [
      "DialCallStatus",
      () => r.pick(["completed", "answered", "no-answer", "busy", "failed", "canceled", junk(r)]),
    ],
    ["DialCallDuration", () => junk(r)],
    ["CallDuration", () => junk(r)],
    ["SpeechResult", () => r.pick(["78701", "my water heater burst", "a person please", junk(r)])],
    ["Confidence", () => junk(r)],
    ["Digits", () => r.pick(["1", "2", "78701", junk(r)])],
    ["Body", () => r.pick(["STOP", "START", "HELP", "reschedule", junk(r)])],
    ["MessageStatus", () => r.pick(["queued", "sent", "delivered", "undelivered", "failed", junk(r)])],
    ["ErrorCode", () => r.pick(["30003", junk(r)])],
    ["LeadRescueTest", () => r.pick(["1", junk(r)])],
    [junk(r) || "Extra", () => junk(r)],
  ];
  for (const [name, value] of fields) if (r.next() < 0.6) form[name] = value();
  return form;
}

function randomQuery(r: Rng): string {
  const params = new URLSearchParams();
  if (r.next() < 0.5)
    params.set("turn", r.pick(["0", "1", "3", "10000", "10001", "-1", "99999999999", "1.5", junk(r)]));
  if (r.next() < 0.2) params.set("leg", r.pick(["transfer", junk(r)]));
  if (r.next() < 0.2) params.set("step", r.pick(["result", junk(r)]));
  if (r.next() < 0.2) params.set("purpose", r.pick(["transfer", junk(r)]));
  if (r.next() < 0.2) params.set("reason", r.pick(["emergency", "asked_for_person", junk(r)]));
  if (r.next() < 0.2) params.set("kind", junk(r));
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

describe(`webhook fuzz (${engineName})`, () => {
  it(`answers ${BODIES} signed random webhooks over all seven Twilio routes without a 5xx, each within ${LIMIT_MS / 1000} s`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const r = random(seed);
    const paths = Object.keys(ROUTES);
    expect(paths).toHaveLength(7);
    const requests = Array.from({ length: BODIES }, (_, i) => ({
      i,
      path: paths[i % paths.length]!,
      query: randomQuery(r),
      form: randomForm(r),
    }));
    const results: Array<{ i: number; path: string; status: number; ms: number }> = [];
    let next = 0;
    async function lane() {
      while (next < requests.length) {
        const req = requests[next++]!;
        const started = Date.now();
        const res = await ROUTES[req.path]!(signedTwilioRequest(publicUrl(req.path + req.query), req.form));
        await res.text();
        results.push({ i: req.i, path: req.path, status: res.status, ms: Date.now() - started });
      }
    }
    await Promise.all(Array.from({ length: AT_ONCE }, lane));

    expect(results).toHaveLength(BODIES);
    const bad = results.filter((x) => x.status >= 500 || x.ms >= LIMIT_MS);
    const first = bad[0] && requests[bad[0].i];
    expect(
      bad,
      `seed ${seed}; first: ${JSON.stringify({ ...bad[0], query: first?.query, form: first?.form }).slice(0, 2000)}`,
    ).toEqual([]);
    const byStatus = results.reduce<Record<number, number>>(
      (acc, x) => ({ ...acc, [x.status]: (acc[x.status] ?? 0) + 1 }),
      {},
    );
    console.log(
      `webhook fuzz (seed ${seed}): ${JSON.stringify(byStatus)}; slowest ${Math.max(...results.map((x) => x.ms))} ms`,
    );
    // The app still works afterwards.
    const call = new TwilioCall(biz.trackingNumber);
    expect(await call.incoming()).toContain("<Dial");
  }, 600_000);
});
