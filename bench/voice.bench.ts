// `npm run bench -- voice`: latency and throughput of the voice webhooks, in process, on the
// embedded database (PGlite; PostgreSQL with TEST_DATABASE_URL=postgresql://…), side by side with
// the floor: a route that does one INSERT … ON CONFLICT through the same adapter (and, for
// reference, one that answers a constant TwiML string without touching the database).
// An http server dispatches to the REAL route handlers; autocannon drives it with correctly
// signed Twilio requests (a new CallSid per /voice and floor request; a fresh call at the ZIP
// question per /intake request, so every request is a real first delivery, never a replay).
// Targets: /voice p99 ≤ 2× the floor and throughput ≥ 50 % of it, at 1 and 10 connections; one
// intake turn p95 ≤ 50 ms at 10 connections. The ratio is what counts on a shared machine: both
// run in the same process, one after the other, under the same load.
process.env.DEMO_SEED = "off";
process.env.PUBLIC_BASE_URL ??= "http://127.0.0.1:3999";
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { loadavg } from "node:os";
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
const { rawClient } = await import("@/server/db/system");
const { CALL_MOVES } = await import("@/server/calls/call-steps");
const { voiceRoute } = await import("@/server/calls/voice-route");

/** One connection measures latency; ten measure throughput (and the queueing it causes). */
const LEVELS = (process.env.BENCH_CONNECTIONS ?? "1,10").split(",").map(Number);
const AMOUNT = Number(process.env.BENCH_AMOUNT ?? 3000);
const WARMUP = 300;
const CONSTANT_PATH = "/bench/constant";
const FLOOR_PATH = "/bench/floor";
const FLOOR_ROUTE_PATH = "/bench/floor-route";
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
await raw.prisma.$executeRawUnsafe(
  `CREATE TABLE "BenchFloor" ("callSid" text PRIMARY KEY, "receivedAt" timestamp(3) NOT NULL)`,
);

/** The floor: the least a first webhook can do — record the CallSid once (one INSERT … ON CONFLICT, autocommit) and answer. */
async function floor(sys: Parameters<typeof rawClient>[0], callSid: string): Promise<string> {
  await rawClient(sys)
    .$executeRaw`INSERT INTO "BenchFloor" ("callSid", "receivedAt") VALUES (${callSid}, now()) ON CONFLICT DO NOTHING`;
  return CONSTANT_TWIML;
}
const { getSystemDb } = await import("@/server/db");
/**
 * The floor as a webhook route: the same transport every Twilio webhook goes through (the request
 * read, its signature and fields checked, the deadline and spool guard, the TwiML response) around
 * the floor's one INSERT. What /voice does beyond this is the call's own work.
 */
const floorRoute = voiceRoute(
  { required: ["CallSid", "From", "To"], phones: ["From", "To"] },
  (ctx, _q, form) => floor(ctx.sys, form.CallSid!),
);

// ── the server ──────────────────────────────────────────────────────────────────────────────
async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? "/", "http://bench.local");
  const text = await body(req);
  if (url.pathname === CONSTANT_PATH || url.pathname === FLOOR_PATH) {
    const answer =
      url.pathname === FLOOR_PATH
        ? await floor(await getSystemDb(), new URLSearchParams(text).get("CallSid")!)
        : CONSTANT_TWIML;
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
    res.end(answer);
    return;
  }
  const route = url.pathname === FLOOR_ROUTE_PATH ? floorRoute : VOICE_ROUTES[url.pathname];
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
        stage: CALL_MOVES.intakeTurn.to,
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
  latencies: number[];
  seconds: number;
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
  // autocannon ends a run at its next 1-second sampling tick, so its own duration is rounded up to
  // whole seconds (a 0.4 s run counted as 1 s capped every fast route near 1,000 req/s). The run's
  // time is taken from its start to its last response instead.
  let lastResponse = started;
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
    instance.on("response", (_client, _status, _bytes, ms) => {
      latencies.push(ms);
      lastResponse = performance.now();
    });
  });
  latencies.sort((a, b) => a - b);
  const seconds = (lastResponse - started) / 1000;
  const rps = result.requests.total / seconds;
  return {
    name,
    latencies,
    seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Slices of one route's runs as one: percentiles over all latencies, throughput over all the time. */
function merge(runs: Run[]): Run {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  return {
    name: runs[0]!.name,
    latencies,
    seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / seconds,
    errors: runs.reduce((t, r) => t + r.errors, 0),
    non2xx: runs.reduce((t, r) => t + r.non2xx, 0),
  };
}

const constant = () => signed(CONSTANT_PATH, {});
const floorCall = () =>
  signed(FLOOR_PATH, { CallSid: newCallSid(), From: "+15125559876", To: biz.trackingNumber });
const floorRouteCall = () =>
  signed(FLOOR_ROUTE_PATH, { CallSid: newCallSid(), From: "+15125559876", To: biz.trackingNumber });

// How much work one request does: the first call to a number in this process reads the business
// (and marks the number "Receiving calls"); the next ones find it in memory.
operations = 0;
await VOICE_ROUTES["/api/twilio/voice"]!(new Request(publicUrl("/api/twilio/voice"), incomingCall()));
const firstVoiceOps = operations;
// (Marking the number is a settings write: this process reads the business once more after it.)
await VOICE_ROUTES["/api/twilio/voice"]!(new Request(publicUrl("/api/twilio/voice"), incomingCall()));
operations = 0;
await VOICE_ROUTES["/api/twilio/voice"]!(new Request(publicUrl("/api/twilio/voice"), incomingCall()));
const voiceOps = operations;
const [oneSid] = await callsAtZip(1);
operations = 0;
const one = intakeTurns([oneSid!])();
await VOICE_ROUTES["/api/twilio/voice/intake"]!(new Request(publicUrl(one.path), one));
const intakeOps = operations;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
console.log(
  `${AMOUNT} requests per route and level (after ${WARMUP} warm-up), ${engineName}; load average ${load()}`,
);
console.log(
  `Prisma operations per request: floor 1, /voice ${voiceOps} (the number's first call in a process: ${firstVoiceOps}), /intake turn ${intakeOps}`,
);
await run("warm-up constant", WARMUP, constant);
await run("warm-up floor", WARMUP, floorCall);
await run("warm-up floor route", WARMUP, floorRouteCall);
await run("warm-up voice", WARMUP, incomingCall);
await run("warm-up intake", WARMUP, intakeTurns(await callsAtZip(WARMUP)));
// A live database has statistics (autovacuum analyzes a table after its first 50 rows and every
// 10 % after); the bench's tables were empty a moment ago and autovacuum wakes once a minute. Left
// without, the planner takes any index that starts with tenantId for a look-up by a unique key
// (it sees one row either way) and a prepared statement keeps that plan for the run.
await raw.prisma.$executeRawUnsafe(`ANALYZE`);

/** Runs the routes in ROUNDS alternating slices, so a burst of load on the machine hits each of them alike. */
const ROUNDS = 3;
async function interleaved(
  routes: { name: string; request: () => ReturnType<typeof signed> }[],
  connections: number,
): Promise<Run[]> {
  const slices: Run[][] = routes.map(() => []);
  for (let round = 0; round < ROUNDS; round++)
    for (const [k, r] of routes.entries())
      slices[k]!.push(await run(r.name, Math.round(AMOUNT / ROUNDS), r.request, connections));
  return slices.map((runs) => merge(runs));
}

const fmt = (n: number) => n.toFixed(2).padStart(8);
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
for (const connections of LEVELS) {
  const pool = await callsAtZip(AMOUNT);
  const results = await interleaved(
    [
      { name: "constant TwiML", request: constant },
      { name: "floor (1 INSERT)", request: floorCall },
      { name: "floor as a webhook", request: floorRouteCall },
      { name: "/api/twilio/voice", request: incomingCall },
      { name: "/intake turn", request: intakeTurns(pool) },
    ],
    connections,
  );
  console.log(`\n── ${connections} connection${connections > 1 ? "s" : ""} ──`);
  console.log(
    `${"route".padEnd(20)}${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"req/s".padStart(8)}  errors`,
  );
  for (const r of results)
    console.log(
      `${r.name.padEnd(20)}${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.p99)} ${fmt(r.rps)}   ${r.errors + r.non2xx}`,
    );
  const [, f, fr, v, i] = results as [Run, Run, Run, Run, Run];
  const p99Ratio = v.p99 / f.p99;
  const share = v.rps / f.rps;
  console.log(`/voice p99 ÷ floor p99: ${p99Ratio.toFixed(2)}× (target ≤ 2×: ${verdict(p99Ratio <= 2)})`);
  console.log(
    `/voice throughput ÷ floor: ${(share * 100).toFixed(0)} % (target ≥ 50 %: ${verdict(share >= 0.5)})`,
  );
  console.log(
    `/voice against the floor as a webhook: p99 ${(v.p99 / fr.p99).toFixed(2)}×, throughput ${((v.rps / fr.rps) * 100).toFixed(0)} %`,
  );
  console.log(
    `/intake turn p99 ÷ floor p99: ${(i.p99 / f.p99).toFixed(2)}×, throughput ${((i.rps / f.rps) * 100).toFixed(0)} % of the floor`,
  );
  console.log(
    `intake turn p95: ${i.p95.toFixed(1)} ms${connections >= 10 ? ` (target ≤ 50 ms: ${verdict(i.p95 <= 50)})` : ""}`,
  );
}

console.log(`\nload average at the end: ${load()}`);
const leads = await raw.prisma.lead.count({ where: { tenantId: tenant.id, zip: "78701" } });
console.log(
  `\ncheck: ${leads} leads got their ZIP from an intake turn (expected ${Math.round(AMOUNT / ROUNDS) * ROUNDS * LEVELS.length + WARMUP + 1})`,
);
server.close();
await raw.drop();
process.exit(0);
