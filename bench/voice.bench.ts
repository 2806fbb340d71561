// `npm run bench -- voice`: latency and throughput of the voice webhooks, in process, on the
// embedded database (PGlite; PostgreSQL with TEST_DATABASE_URL=postgresql://…), side by side with a route that answers a constant TwiML string.
// An http server dispatches to the REAL route handlers; autocannon drives it with correctly
// signed Twilio requests (a new CallSid per /voice request; a fresh call at the ZIP question per
// /intake request, so every request is a real first delivery, never a replay).
// Targets: /voice p99 ≤ 1.5× the constant route; one intake turn p95 ≤ 50 ms.
process.env.DEMO_SEED = "off";
process.env.PUBLIC_BASE_URL ??= "http://127.0.0.1:3999";
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";

const { createTestDatabase, engineName } = await import("@/server/test/test-db");
const { setDb } = await import("@/server/db");
const { makeTestBusiness } = await import("@/server/test/test-business");
const { newCallSid, VOICE_ROUTES } = await import("@/server/test/webhook-test-kit");
const { publicUrl, signTwilioRequest } = await import("@/server/integrations/twilio-webhook");
const { newCallState, transition } = await import("@/server/voice/state-machine");
const { renderTransition } = await import("@/server/voice/twiml");

/** One connection measures latency; ten measure throughput (and the queueing it causes). */
const LEVELS = (process.env.BENCH_CONNECTIONS ?? "1,10").split(",").map(Number);
const AMOUNT = Number(process.env.BENCH_AMOUNT ?? 3000);
const WARMUP = 300;
const CONSTANT_PATH = "/bench/constant";
const CONSTANT_TWIML = renderTransition(
  {
    say: "Hi, thanks for calling. What's the ZIP code where you need the work done?",
    actions: [{ type: "listen", stage: "zip" }],
  },
  { baseUrl: process.env.PUBLIC_BASE_URL!, intakeQuery: { turn: "0" } },
);

// ── the database, a business, and a Prisma operation counter ────────────────────────────────
// PGlite in memory; a throwaway PostgreSQL database when TEST_DATABASE_URL is set.
const raw = await createTestDatabase();
let operations = 0;
const counted = raw.prisma.$extends({
  query: {
    async $allOperations({ args, query }) {
      operations += 1;
      return query(args);
    },
  },
}) as unknown as typeof raw.prisma;
setDb({ ...raw, prisma: counted });
const biz = await makeTestBusiness(raw.prisma, { name: "Bench Plumbing" });
const tenant = biz.tenant;

// ── the server ──────────────────────────────────────────────────────────────────────────────
async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? "/", "http://bench.local");
  const text = await body(req);
  if (url.pathname === CONSTANT_PATH) {
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
    res.end(CONSTANT_TWIML);
    return;
  }
  const route = VOICE_ROUTES[url.pathname];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const answer = await route(
    new Request(`http://bench.local${req.url}`, { method: "POST", headers, body: text }),
  );
  res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
  res.end(await answer.text());
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const { port } = server.address() as AddressInfo;

// ── signed requests ─────────────────────────────────────────────────────────────────────────
function signed(path: string, form: Record<string, string>) {
  return {
    method: "POST" as const,
    path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signTwilioRequest(publicUrl(path), form),
    },
    body: new URLSearchParams(form).toString(),
  };
}

const incomingCall = () =>
  signed("/api/twilio/voice", {
    CallSid: newCallSid(),
    From: "+15125559876",
    To: biz.trackingNumber,
    CallStatus: "ringing",
    Direction: "inbound",
  });

/** Calls already at the ZIP question (as the real flow leaves them), one per intake request. */
async function callsAtZip(n: number): Promise<string[]> {
  const started = transition(
    newCallState("standard"),
    { type: "start" },
    {
      businessName: tenant.name,
      serviceZips: [],
      bookingSlots: [],
      timeZone: tenant.timeZone,
      now: new Date(),
    },
  );
  const sids = Array.from({ length: n }, () => newCallSid());
  for (let i = 0; i < n; i += 500) {
    const batch = sids.slice(i, i + 500);
    await raw.prisma.lead.createMany({
      data: batch.map((sid) => ({
        tenantId: tenant.id,
        callerPhone: "+15125559876",
        status: "answered_by_ai" as const,
        source: "phone" as const,
        sourceRef: sid,
        ownerId: biz.officeId,
      })),
    });
    const leads = await raw.prisma.lead.findMany({
      where: { tenantId: tenant.id, sourceRef: { in: batch } },
      select: { id: true, sourceRef: true },
    });
    await raw.prisma.call.createMany({
      data: leads.map((l) => ({
        tenantId: tenant.id,
        leadId: l.id,
        callSid: l.sourceRef,
        fromNumber: "+15125559876",
        toNumber: biz.trackingNumber,
        stage: "intake",
        dialStatus: "no-answer",
        state: started.state as object,
      })),
    });
    await raw.prisma.callTurn.createMany({
      data: (await raw.prisma.call.findMany({ where: { callSid: { in: batch } }, select: { id: true } })).map(
        (c) => ({ tenantId: tenant.id, callId: c.id, seq: 0, speaker: "agent", text: started.say ?? "" }),
      ),
    });
  }
  return sids;
}

function intakeTurns(sids: string[]) {
  let next = 0;
  return () => {
    const sid = sids[next++ % sids.length]!;
    return signed("/api/twilio/voice/intake?turn=0", {
      CallSid: sid,
      From: "+15125559876",
      To: biz.trackingNumber,
      SpeechResult: "my zip is seven eight seven oh one",
      Confidence: "0.9",
    });
  };
}

// ── running ─────────────────────────────────────────────────────────────────────────────────
type Run = {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function run(
  name: string,
  amount: number,
  request: () => ReturnType<typeof signed>,
  connections = 1,
): Promise<Run> {
  const latencies: number[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        amount,
        requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const rps = result.requests.total / ((performance.now() - started) / 1000);
  return {
    name,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

const constant = () => signed(CONSTANT_PATH, {});

// How much work one request does.
operations = 0;
await VOICE_ROUTES["/api/twilio/voice"]!(new Request(publicUrl("/api/twilio/voice"), incomingCall()));
const voiceOps = operations;
const [oneSid] = await callsAtZip(1);
operations = 0;
const one = intakeTurns([oneSid!])();
await VOICE_ROUTES["/api/twilio/voice/intake"]!(new Request(publicUrl(one.path), one));
const intakeOps = operations;

console.log(`${AMOUNT} requests per route and level (after ${WARMUP} warm-up), ${engineName}`);
console.log(`Prisma operations per request: /voice ${voiceOps}, /intake turn ${intakeOps}`);
await run("warm-up constant", WARMUP, constant);
await run("warm-up voice", WARMUP, incomingCall);
await run("warm-up intake", WARMUP, intakeTurns(await callsAtZip(WARMUP)));

const fmt = (n: number) => n.toFixed(2).padStart(8);
for (const connections of LEVELS) {
  const pool = await callsAtZip(AMOUNT);
  const results = [
    await run("constant TwiML", AMOUNT, constant, connections),
    await run("/api/twilio/voice", AMOUNT, incomingCall, connections),
    await run("/intake turn", AMOUNT, intakeTurns(pool), connections),
  ];
  console.log(`\n── ${connections} connection${connections > 1 ? "s" : ""} ──`);
  console.log(
    `${"route".padEnd(20)}${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"req/s".padStart(8)}  errors`,
  );
  for (const r of results)
    console.log(
      `${r.name.padEnd(20)}${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.p99)} ${fmt(r.rps)}   ${r.errors + r.non2xx}`,
    );
  const [c, v, i] = results as [Run, Run, Run];
  // A floor of 1 ms keeps the ratio meaningful when the constant route rounds to 0.
  const floor = (ms: number) => Math.max(ms, 1);
  console.log(
    `p99 ratio /voice ÷ constant: ${(floor(v.p99) / floor(c.p99)).toFixed(1)}× (target ≤ 1.5×: ${floor(v.p99) / floor(c.p99) <= 1.5 ? "met" : "NOT met"})`,
  );
  console.log(`p99 ratio /intake ÷ constant: ${(floor(i.p99) / floor(c.p99)).toFixed(1)}×`);
  console.log(
    `throughput ratio constant ÷ /voice: ${(c.rps / v.rps).toFixed(1)}×, constant ÷ /intake: ${(c.rps / i.rps).toFixed(1)}×`,
  );
  console.log(`intake turn p95: ${i.p95.toFixed(1)} ms (target ≤ 50 ms: ${i.p95 <= 50 ? "met" : "NOT met"})`);
}

const leads = await raw.prisma.lead.count({ where: { tenantId: tenant.id, zip: "78701" } });
console.log(
  `\ncheck: ${leads} leads got their ZIP from an intake turn (expected ${AMOUNT * LEVELS.length + WARMUP + 1})`,
);
server.close();
await raw.drop();
process.exit(0);
