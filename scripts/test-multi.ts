// `npm run test:multi`: the deployment shape under a burst — two app instances (`next start` from
// the production build in .next) behind a round-robin load balancer, two `npm run worker`
// processes, one PostgreSQL database (a throwaway one on TEST_DATABASE_URL's server, default
// 127.0.0.1:5432, dropped after), and one local Twilio fake and one Stripe fake shared by all.
//
// It plays 200 calls of the intake corpus arriving within a minute, split across both instances, through the real
// signed Twilio webhooks; every webhook of a call also goes to the other instance at the same time,
// and once the call is over each of its webhooks is replayed 50 more times, alternating between the
// instances, in shuffled order. Then it waits for the workers to drain and asserts: no 5xx and no
// exception in any process log; exactly one call, one lead, at most one task (exactly one where a
// callback is due), one usage ledger row and, when billable, one meter event at the Stripe fake per
// CallSid; every due escalation fired exactly once (one Escalation row, one timeline event, one
// notification per channel, one SMS to the on-call phone); no text sent twice.
//
// Skips (exit 0) when no PostgreSQL answers. Needs `npx next build` first (`npm test` runs it after
// its build step). Settings: MULTI_CALLS (200), MULTI_REPLAYS (50), MULTI_RAMP_MS (60000),
// MULTI_REPLAY_CONCURRENCY (16), MULTI_SEED, MULTI_OUTPUT_DIR, MULTI_PROFILE (CPU profiles of the apps).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { loadCases, playCase } from "@/eval/intake/corpus";
import type { Post } from "@/server/simulator/call-driver";
import { localAppEnv } from "@/server/test/local-app-env";
import { startLoadBalancer } from "@/server/test/load-balancer";

const CALLS = Number(process.env.MULTI_CALLS ?? 200);
const REPLAYS = Number(process.env.MULTI_REPLAYS ?? 50);
const SEED = Number(process.env.MULTI_SEED ?? Date.now() % 100_000);
/** The calls arrive within this many milliseconds, one after another at a steady rate. */
const RAMP_MS = Number(process.env.MULTI_RAMP_MS ?? 60_000);
/** Replays in flight at once, over all calls (the live webhooks are not limited). */
const REPLAY_CONCURRENCY = Number(process.env.MULTI_REPLAY_CONCURRENCY ?? 16);
/** Twilio gives up on a webhook after 15 s; an answer slower than this counts as an error. */
const SLOW_MS = 13_000;
const DRAIN_TIMEOUT_MS = 180_000;
const OUT = path.resolve(process.env.MULTI_OUTPUT_DIR ?? path.join(".data", "test-multi"));
const started = Date.now();
const phases: string[] = [];
const phase = (name: string, since: number) =>
  phases.push(`${name} ${((Date.now() - since) / 1000).toFixed(1)} s`);

// ── PostgreSQL, or skip ─────────────────────────────────────────────────────────────────────
const serverUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const shownUrl = serverUrl.replace(/\/\/[^@/]*@/, "//…@");
try {
  const probe = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await probe.connect();
  await probe.end();
} catch (err) {
  console.log(
    `test:multi skipped: no PostgreSQL answers at ${shownUrl} (${(err as Error).message}). Start PostgreSQL or set TEST_DATABASE_URL.`,
  );
  process.exit(0);
}
if (!existsSync(path.resolve(".next", "BUILD_ID"))) {
  console.error("test:multi needs the production build: run `npx next build` first.");
  process.exit(1);
}
process.env.TEST_DATABASE_URL = serverUrl;

// ── ports, the load balancer, and this process's env (before the app modules load) ──────────
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
const appPorts = [await freePort(), await freePort()];
const lb = await startLoadBalancer(appPorts);
Object.assign(process.env, { PUBLIC_BASE_URL: lb.url, DEMO_SEED: "off", NEXT_TELEMETRY_DISABLED: "1" });

const { createTestDatabase } = await import("@/server/test/test-db");
const { setDb } = await import("@/server/db");
const { env } = await import("@/server/env");
const { publicUrl, signTwilioRequest } = await import("@/server/integrations/twilio-webhook");
const { startTwilioFake } = await import("@/server/integrations/twilio-fake/server");
const { fakeMessages } = await import("@/server/integrations/twilio-fake/messages");
const { startStripeFake } = await import("@/server/integrations/stripe-fake/server");
const { setStripeHandle, stripeClientFor, stripePlan } = await import("@/server/integrations/stripe");
const { makeTestBusiness } = await import("@/server/test/test-business");
const { startTrial } = await import("@/server/billing/start-trial");
const { tenantScoped } = await import("@/server/db/tenant-scope");
const { updateMessagingSettings, getMessagingSettings } =
  await import("@/server/messaging/messaging-settings");
const { textBackDecision } = await import("@/server/messaging/text-back-rules");
const { dueEscalations, RULE_LABEL } = await import("@/server/leads/escalation-rules");
const { parseCallState } = await import("@/server/voice/state-machine");
const { DEMO } = await import("@/prisma/seed-demo");

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const t0 = Date.now();
const db = await createTestDatabase();
setDb(db);
const prisma = db.prisma;
const twilioFake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
const plan = stripePlan();
const stripeFake = await startStripeFake({
  webhookUrl: `${lb.url}/api/stripe/webhook`,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET,
  prices: { baseId: plan.basePriceId, usageId: plan.usagePriceId, meterEventName: plan.meterEventName },
});
setStripeHandle({ stripe: stripeClientFor(stripeFake.url), mode: "local", fake: stripeFake });

// ── the processes ───────────────────────────────────────────────────────────────────────────
type Proc = { name: string; child: ChildProcess; lines: string[]; exited: boolean };
const procs: Proc[] = [];
const processEnv = (name: string): NodeJS.ProcessEnv => {
  const base = { ...process.env };
  for (const k of ["TEST_DATABASE_URL", "PGLITE_DATA_DIR", "VITEST", "NODE_OPTIONS"]) delete base[k];
  return {
    ...base,
    ...localAppEnv(lb.url),
    NODE_ENV: "production",
    DATABASE_URL: db.url!,
    JOBS_IN_PROCESS: "off",
    DEMO_SEED: "off",
    TWILIO_API_BASE_URL: twilioFake.url,
    STRIPE_FAKE_PORT: String(stripeFake.port),
    SPOOL_DIR: path.join(OUT, `spool-${name}`),
  };
};

function launch(name: string, cmd: string, args: string[]): Proc {
  const child = spawn(cmd, args, {
    env: processEnv(name),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc: Proc = { name, child, lines: [], exited: false };
  for (const [stream, tag] of [
    [child.stdout, ""],
    [child.stderr, "[stderr] "],
  ] as const) {
    createInterface({ input: stream! }).on("line", (line) => proc.lines.push(`${tag}${line}`));
  }
  child.on("exit", () => (proc.exited = true));
  procs.push(proc);
  return proc;
}

async function waitFor(what: string, ok: () => Promise<boolean> | boolean, timeoutMs: number, proc?: Proc) {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (proc?.exited)
      throw new Error(`${proc.name} exited while starting:\n${proc.lines.slice(-20).join("\n")}`);
    if (Date.now() > until)
      throw new Error(
        `${what} not ready after ${timeoutMs / 1000} s${proc ? `:\n${proc.lines.slice(-20).join("\n")}` : ""}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** CPU seconds used so far by a process and its children (its process group). */
function cpuSeconds(proc: Proc): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((f) => /^\d+$/.test(f))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      // After "pid (comm) ": state ppid pgrp … utime (12th) stime (13th), in clock ticks.
      if (Number(fields[2]) === proc.child.pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

async function stopAll() {
  for (const p of procs) if (!p.exited && p.child.pid) process.kill(-p.child.pid, "SIGTERM");
  const until = Date.now() + 10_000;
  while (procs.some((p) => !p.exited) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  for (const p of procs) if (!p.exited && p.child.pid) process.kill(-p.child.pid, "SIGKILL");
  for (const p of procs) writeFileSync(path.join(OUT, `${p.name}.log`), `${p.lines.join("\n")}\n`);
}

let exitCode = 1;
try {
  const prof = process.env.MULTI_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(OUT, "prof")}`] : [];
  const apps = appPorts.map((port, i) => ({
    port,
    url: `http://127.0.0.1:${port}`,
    proc: launch(`app-${"ab"[i]}`, process.execPath, [
      ...prof,
      path.resolve("node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ]),
  }));
  const workers = [1, 2].map((n) => launch(`worker-${n}`, "npm", ["run", "--silent", "worker"]));
  await Promise.all([
    ...apps.map((a) =>
      waitFor(
        a.proc.name,
        () =>
          fetch(`${a.url}/sign-in`).then(
            (r) => r.ok,
            () => false,
          ),
        180_000,
        a.proc,
      ),
    ),
    ...workers.map((w) =>
      waitFor(w.name, () => w.lines.some((l) => l.startsWith("LeadRescue worker:")), 180_000, w),
    ),
  ]);
  phase("start (database, fakes, 2 apps, 2 workers)", t0);

  // ── two businesses on a trial (a Stripe customer, so billable calls send meter events) ────
  const t1 = Date.now();
  const allDays = [0, 1, 2, 3, 4, 5, 6];
  // Open and bookable every day, so the AI offers times whenever the test runs.
  const hours = allDays.map((weekday) => ({ weekday, start: "07:00", end: "19:00" }));
  const slots = allDays.flatMap((weekday) => [
    { weekday, start: "08:00", end: "12:00" },
    { weekday, start: "13:00", end: "17:00" },
  ]);
  async function business(name: string, trackingNumber: string, onCallPhone: string | null) {
    const biz = await makeTestBusiness(prisma, {
      name,
      setup: { trackingNumber, onCallPhone, zips: [...DEMO.zips], hours, slots },
    });
    await startTrial(tenantScoped(prisma, biz.tenant.id), biz.tenant.id);
    // Texts go out at once whatever the hour (no quiet hours), so the drain does not wait for morning.
    await updateMessagingSettings(tenantScoped(prisma, biz.tenant.id), biz.tenant.id, {
      quietStartMinute: 0,
      quietEndMinute: 0,
    });
    return { ...biz, onCallPhone };
  }
  const withOnCall = await business("Burst Plumbing", "+15125550100", DEMO.onCallPhone);
  const withoutOnCall = await business("Burst Plumbing Nights", "+15125550300", null);
  await stripeFake.idle();
  phase("businesses", t1);

  // ── the burst ─────────────────────────────────────────────────────────────────────────────
  let rand = SEED;
  const random = () => (rand = (rand * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const shuffle = <T>(xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };

  // Short calls of the tuned corpus (up to four turns: emergencies, callbacks, out-of-area callers,
  // hang-ups) in a seeded random order, and every eighth call a booking of up to five turns, so
  // 50 replays of every webhook stay within a few minutes.
  // The tuned cases only: their expectations (an urgent callback task for an emergency…) hold.
  const corpus = loadCases("cases");
  const books = (c: (typeof corpus)[number]) => [c.expect.status].flat().includes("booked");
  const bookings = corpus.filter((c) => books(c) && c.turns.length <= 5);
  const short = shuffle(corpus.filter((c) => !books(c) && c.turns.length <= 4));
  const caseFor = (i: number) =>
    i % 8 === 7 ? bookings[Math.floor(i / 8) % bookings.length]! : short[i % short.length]!;

  type Kind = "live" | "duplicate" | "replay";
  const latency: Record<Kind, number[]> = { live: [], duplicate: [], replay: [] };
  const errors: string[] = [];
  const slow: string[] = [];
  let active = 0;
  const waiting: (() => void)[] = [];
  async function limited<T>(fn: () => Promise<T>): Promise<T> {
    while (active >= REPLAY_CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
    active += 1;
    try {
      return await fn();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  }

  /** A webhook as Twilio sends it: the form, signed over PUBLIC_BASE_URL (the balancer) + path + query. */
  type Webhook = { pathAndQuery: string; sid: string; body: string; signature: string };
  const webhook = (pathAndQuery: string, form: Record<string, string>): Webhook => ({
    pathAndQuery,
    sid: form.CallSid ?? "",
    body: new URLSearchParams(form).toString(),
    signature: signTwilioRequest(publicUrl(pathAndQuery), form),
  });

  // Plain node:http with keep-alive: the client's own cost per request stays far below the server's.
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const send = (port: number, w: Webhook, retried = false): Promise<{ status: number; body: string }> =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers = {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": Buffer.byteLength(w.body),
        "x-twilio-signature": w.signature,
      };
      const req = request(
        { host: "127.0.0.1", port, path: w.pathAndQuery, method: "POST", agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", (err: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed as idle just as this request went out: the request
        // never reached the app, and is sent again on a fresh socket (Node's documented pattern).
        if (req.reusedSocket && err.code === "ECONNRESET" && !retried)
          send(port, w, true).then(resolve, reject);
        else reject(err);
      });
      req.end(w.body);
    });

  /** One delivery of a webhook straight to one instance. */
  async function deliver(app: number, w: Webhook, kind: Kind): Promise<{ status: number; body: string }> {
    const began = performance.now();
    let answer: { status: number; body: string };
    try {
      answer = await send(apps[app]!.port, w);
    } catch (err) {
      answer = { status: 0, body: (err as Error).message };
    }
    const ms = performance.now() - began;
    latency[kind].push(ms);
    const what = `${kind} ${w.pathAndQuery} (${w.sid}) to ${apps[app]!.proc.name}`;
    if (answer.status !== 200) errors.push(`${what} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    if (ms > SLOW_MS) slow.push(`${what} took ${(ms / 1000).toFixed(1)} s`);
    return answer;
  }

  type Played = {
    sid: string;
    caseId: string;
    tenantId: string;
    onCallPhone: string | null;
    expectTask: string | undefined;
    error: string | null;
    webhooks: number;
  };
  const mismatches: string[] = [];
  async function runCall(i: number): Promise<Played> {
    const c = caseFor(i);
    const biz = c.onCall ? withOnCall : withoutOnCall;
    const app = i % 2;
    const sent: Webhook[] = [];
    // Every webhook goes to this call's instance and, at the same moment, to the other one.
    const post: Post = async (url, form) => {
      const pathAndQuery = url.startsWith("http") ? url.slice(new URL(url).origin.length) : url;
      const w = webhook(pathAndQuery, form);
      sent.push(w);
      const [primary, twin] = await Promise.all([deliver(app, w, "live"), deliver(1 - app, w, "duplicate")]);
      if (primary.status === 200 && twin.status === 200 && primary.body !== twin.body)
        mismatches.push(
          `${form.CallSid} ${pathAndQuery}: the two instances answered differently:\n  ${primary.body}\n  ${twin.body}`,
        );
      return primary;
    };
    const from = c.from ?? `+1737555${String(i).padStart(4, "0")}`;
    const { call, error } = await playCase(post, c, { from, to: biz.trackingNumber });
    // Then every webhook of the call 50 more times, alternating instances, interleaved.
    const replays = shuffle(
      sent.flatMap((w) => Array.from({ length: REPLAYS }, (_, k) => ({ w, app: (app + k) % 2 }))),
    );
    await Promise.all(replays.map((r) => limited(() => deliver(r.app, r.w, "replay"))));
    return {
      sid: call.callSid,
      caseId: c.id,
      tenantId: biz.tenant.id,
      onCallPhone: biz.onCallPhone,
      expectTask: c.expect.task,
      error,
      webhooks: sent.length,
    };
  }

  const t2 = Date.now();
  const cpuBefore = apps.map((a) => cpuSeconds(a.proc));
  const played = await Promise.all(
    Array.from({ length: CALLS }, (_, i) =>
      new Promise((r) => setTimeout(r, (i * RAMP_MS) / CALLS)).then(() => runCall(i)),
    ),
  );
  phase(`burst (${CALLS} calls, live + replays)`, t2);
  const burstCpu = apps.reduce((sum, a, i) => sum + cpuSeconds(a.proc) - cpuBefore[i]!, 0);
  for (const p of played) if (p.error) errors.push(`call ${p.sid} (${p.caseId}) failed: ${p.error}`);
  const sids = played.map((p) => p.sid);

  // ── drain: text-backs, usage, escalations and their notifications ───────────────────────────
  const t3 = Date.now();
  const SCALE = Number(localAppEnv(lb.url).ESCALATION_TIME_SCALE);
  async function pending(): Promise<string[]> {
    const now = new Date();
    const out: string[] = [];
    const texts = await prisma.message.count({
      where: { direction: "outbound", status: { in: ["pending", "sending"] }, sendAfter: { lte: now } },
    });
    if (texts) out.push(`${texts} texts to send`);
    const unconfirmed = fakeMessages(twilioFake.state).filter(
      (m) => m.status_callback && m.status !== "delivered" && m.status !== "undelivered",
    ).length;
    if (unconfirmed) out.push(`${unconfirmed} texts awaiting status callbacks`);
    const notes = await prisma.notification.count({ where: { status: "queued" } });
    if (notes) out.push(`${notes} notifications`);
    const usage = await prisma.usageLedgerEntry.count({ where: { meterStatus: "pending" } });
    const aiCalls = await prisma.call.count({
      where: {
        callSid: { in: sids },
        endedAt: { not: null },
        lead: { events: { some: { type: "call.ai_answered" } } },
      },
    });
    const ledger = await prisma.usageLedgerEntry.count({ where: { callSid: { in: sids } } });
    if (usage || ledger < aiCalls) out.push(`${aiCalls - ledger} usage rows, ${usage} meter events`);
    // Every escalation due a few seconds ago (one sweep interval) has fired.
    const asOf = new Date(now.getTime() - 4000);
    const leads = await prisma.lead.findMany({
      where: { sourceRef: { in: sids } },
      include: { escalations: true, tenant: { select: { timeZone: true } } },
    });
    const due = leads.flatMap((l) =>
      dueEscalations(l, asOf, l.tenant.timeZone, { timeScale: SCALE }).filter(
        (d) => !l.escalations.some((e) => e.rule === d.rule && e.period === d.period),
      ),
    );
    if (due.length) out.push(`${due.length} escalations`);
    // The slowest timer of a call lead (15 minutes, scaled) must have come for the last lead.
    const newest = Math.max(...leads.map((l) => l.createdAt.getTime()));
    if (now.getTime() < newest + 15 * 60_000 * SCALE + 4000) out.push("the standard escalation timer");
    return out;
  }
  let left: string[] = [];
  for (let calm = 0; calm < 2;) {
    left = await pending();
    calm = left.length ? 0 : calm + 1;
    if (Date.now() - t3 > DRAIN_TIMEOUT_MS) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stripeFake.idle();
  phase("drain", t3);

  // ── the checks ────────────────────────────────────────────────────────────────────────────
  const failures: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) failures.push(message);
  };
  if (left.length)
    failures.push(`the workers did not drain in ${DRAIN_TIMEOUT_MS / 1000} s: ${left.join(", ")}`);
  check(
    errors.length === 0,
    `${errors.length} webhook errors, e.g.\n    ${errors.slice(0, 10).join("\n    ")}`,
  );
  check(
    slow.length === 0,
    `${slow.length} webhooks answered after ${SLOW_MS / 1000} s, e.g.\n    ${slow.slice(0, 10).join("\n    ")}`,
  );
  check(
    mismatches.length === 0,
    `${mismatches.length} webhooks answered differently by the two instances, e.g.\n    ${mismatches.slice(0, 5).join("\n    ")}`,
  );

  const calls = await prisma.call.findMany({ select: { callSid: true, leadId: true, state: true } });
  const leads = await prisma.lead.findMany({
    include: {
      tasks: true,
      escalations: true,
      events: { select: { type: true, data: true } },
      tenant: { select: { timeZone: true, onCallPhone: true } },
    },
  });
  const ledger = await prisma.usageLedgerEntry.findMany();
  const perSid = <T>(rows: T[], sid: (r: T) => string | null) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(sid(r) ?? "", (m.get(sid(r) ?? "") ?? 0) + 1);
    return m;
  };
  const callsBySid = perSid(calls, (c) => c.callSid);
  const leadsBySid = perSid(leads, (l) => l.sourceRef);
  const ledgerBySid = perSid(ledger, (e) => e.callSid);
  check(
    calls.length === CALLS && sids.every((s) => callsBySid.get(s) === 1),
    `calls: ${calls.length} rows for ${CALLS} CallSids`,
  );
  check(
    leads.length === CALLS && sids.every((s) => leadsBySid.get(s) === 1),
    `leads: ${leads.length} rows for ${CALLS} CallSids`,
  );

  const callBySid = new Map(calls.map((c) => [c.callSid, c]));
  const leadBySid = new Map(leads.map((l) => [l.sourceRef ?? "", l]));
  const taskProblems: string[] = [];
  const ledgerProblems: string[] = [];
  for (const p of played) {
    const lead = leadBySid.get(p.sid);
    if (!lead) continue;
    const tasks = lead.tasks;
    if (
      p.expectTask === "none"
        ? tasks.length !== 0
        : p.expectTask
          ? tasks.length !== 1 || tasks[0]!.kind !== p.expectTask
          : tasks.length > 1
    ) {
      taskProblems.push(
        `${p.sid} (${p.caseId}): tasks ${JSON.stringify(tasks.map((t) => t.kind))}, expected ${p.expectTask ?? "at most one"}`,
      );
    }
    const aiHandled = lead.events.some((e) => e.type === "call.ai_answered");
    const rows = ledgerBySid.get(p.sid) ?? 0;
    if (rows !== (aiHandled ? 1 : 0))
      ledgerProblems.push(`${p.sid} (${p.caseId}): ${rows} usage rows, AI-handled ${aiHandled}`);
  }
  check(taskProblems.length === 0, `tasks:\n    ${taskProblems.slice(0, 10).join("\n    ")}`);
  check(ledgerProblems.length === 0, `usage ledger:\n    ${ledgerProblems.slice(0, 10).join("\n    ")}`);
  const billable = ledger.filter((e) => e.outcome === "billable");
  const sends = stripeFake.state.meterEventSends;
  const meterProblems = [
    ...billable
      .filter((e) => e.meterStatus !== "sent" || sends[e.callSid] !== 1)
      .map((e) => `${e.callSid}: meter ${e.meterStatus}, ${sends[e.callSid] ?? 0} meter event requests`),
    ...Object.entries(sends)
      .filter(([sid]) => !billable.some((e) => e.callSid === sid))
      .map(([sid, n]) => `${sid}: ${n} meter event requests for a call that is not billable`),
  ];
  check(meterProblems.length === 0, `meter events:\n    ${meterProblems.slice(0, 10).join("\n    ")}`);

  // Escalations: in the call (one warm transfer or urgent callback per call) and by the timers.
  const smsSent = fakeMessages(twilioFake.state);
  const escalationProblems: string[] = [];
  let timerEscalations = 0;
  let callEscalations = 0;
  const notifications = await prisma.notification.findMany();
  for (const lead of leads) {
    const state = parseCallState(callBySid.get(lead.sourceRef ?? "")?.state ?? {});
    const inCall = lead.events.filter((e) => e.type === "call.escalated").length;
    callEscalations += state.escalation ? 1 : 0;
    if (inCall > 1 || (state.escalation?.via === "transfer" && inCall !== 1))
      escalationProblems.push(
        `lead ${lead.id}: ${inCall} in-call escalations (via ${state.escalation?.via ?? "none"})`,
      );
    for (const d of dueEscalations(lead, new Date(Date.now() - 4000), lead.tenant.timeZone, {
      timeScale: SCALE,
    })) {
      if (!lead.escalations.some((e) => e.rule === d.rule && e.period === d.period))
        escalationProblems.push(
          `lead ${lead.id}: ${d.rule} was due at ${d.dueAt.toISOString()} and never fired`,
        );
    }
    for (const esc of lead.escalations) {
      timerEscalations += 1;
      const events = lead.events.filter(
        (e) =>
          e.type === "lead.escalated" &&
          (e.data as { rule?: string; period?: string }).rule === esc.rule &&
          (e.data as { period?: string }).period === esc.period,
      ).length;
      const key = `escalation.${esc.rule}:${lead.id}:${esc.period}`;
      const notes = notifications.filter((n) => n.key === key);
      const perChannel = perSid(notes, (n) => `${n.userId} ${n.channel}`);
      const texts = smsSent.filter(
        (m) =>
          m.to === lead.tenant.onCallPhone &&
          m.body.includes(`/leads/${lead.id}`) &&
          m.body.includes(RULE_LABEL[esc.rule]),
      ).length;
      const expectText =
        esc.rule === "urgent_unaccepted" && !!lead.tenant.onCallPhone && esc.targetId !== null;
      if (
        events !== 1 ||
        [...perChannel.values()].some((n) => n !== 1) ||
        texts !== (expectText ? 1 : 0) ||
        notes.some((n) => n.status !== "sent")
      ) {
        escalationProblems.push(
          `lead ${lead.id} ${esc.rule}: ${events} timeline events, notifications ${JSON.stringify(notes.map((n) => `${n.channel}:${n.status}`))}, ${texts} SMS to on-call`,
        );
      }
    }
  }
  check(
    escalationProblems.length === 0,
    `escalations:\n    ${escalationProblems.slice(0, 10).join("\n    ")}`,
  );

  // Texts: every text the fake got is a distinct (to, body), sent once for one outbox row.
  const outbound = await prisma.message.findMany({ where: { direction: "outbound" } });
  const staffSms = notifications.filter((n) => n.channel === "sms" && n.status === "sent").length;
  const byText = perSid(smsSent, (m) => `${m.to} ${m.body}`);
  const dupTexts = [...byText.entries()].filter(([, n]) => n > 1);
  check(
    dupTexts.length === 0,
    `${dupTexts.length} texts sent more than once, e.g.\n    ${dupTexts
      .slice(0, 5)
      .map(([k, n]) => `${n}× ${k.slice(0, 160)}`)
      .join("\n    ")}`,
  );
  const sentRows = outbound.filter((m) => m.twilioSid);
  check(
    smsSent.length === sentRows.length + staffSms,
    `${smsSent.length} texts reached Twilio for ${sentRows.length} sent outbox texts and ${staffSms} staff alerts`,
  );
  check(
    sentRows.every((m) => smsSent.some((s) => s.sid === m.twilioSid)),
    "an outbox text's Twilio sid is unknown to Twilio",
  );
  const textBackProblems: string[] = [];
  for (const p of played) {
    const lead = leadBySid.get(p.sid);
    if (!lead) continue;
    const settings = await getMessagingSettings(tenantScoped(prisma, lead.tenantId), lead.tenantId);
    const wanted = textBackDecision({
      status: lead.status,
      inArea: lead.inArea,
      appointmentAt: lead.appointmentAt,
      isTest: lead.isTest,
      callerPhone: lead.callerPhone,
      settings,
    }).send;
    const got = outbound.filter((m) => m.key === `text_back:${p.sid}`).length;
    if (got !== (wanted ? 1 : 0))
      textBackProblems.push(
        `${p.sid} (${p.caseId}, ${lead.status}): ${got} text-backs, expected ${wanted ? 1 : 0}`,
      );
  }
  check(textBackProblems.length === 0, `text-backs:\n    ${textBackProblems.slice(0, 10).join("\n    ")}`);
  const failedJobs = await db.prisma.$queryRawUnsafe<{ name: string; n: bigint }[]>(
    `SELECT name, count(*) AS n FROM pgboss.job WHERE state = 'failed' GROUP BY name`,
  );
  check(failedJobs.length === 0, `failed jobs: ${failedJobs.map((j) => `${j.name} ${j.n}`).join(", ")}`);
  const spooled = appPorts.flatMap((_, i) => {
    const dir = path.join(OUT, `spool-app-${"ab"[i]}`);
    return existsSync(dir)
      ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".json"))
      : [];
  });
  check(spooled.length === 0, `${spooled.length} webhooks were spooled (the database failed them)`);

  const cpu = procs.map((p) => `${p.name} ${cpuSeconds(p).toFixed(0)} s`).join(", ");

  // ── the logs ──────────────────────────────────────────────────────────────────────────────
  await stopAll();
  const logProblems = procs.flatMap((p) =>
    p.lines
      .filter((l) => l.startsWith("[stderr] ") || /\b(error|exception|unhandled)\b|⨯/i.test(l))
      .map((l) => `${p.name}: ${l}`),
  );
  check(
    logProblems.length === 0,
    `${logProblems.length} error lines in the process logs (${OUT}), e.g.\n    ${logProblems.slice(0, 15).join("\n    ")}`,
  );
  check(lb.failed === 0, `the load balancer could not reach an instance ${lb.failed} times`);

  // ── summary ───────────────────────────────────────────────────────────────────────────────
  const pct = (xs: number[], q: number) =>
    xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]! : 0;
  const lat = (k: Kind) =>
    `${latency[k].length} ${k} (p50 ${pct(latency[k], 0.5).toFixed(0)} ms, p95 ${pct(latency[k], 0.95).toFixed(0)} ms, max ${pct(latency[k], 1).toFixed(0)} ms)`;
  const booked = leads.filter((l) => l.status === "booked").length;
  const emergencies = leads.filter((l) => l.urgency === "emergency").length;
  console.log(`\ntest:multi — 2 app instances + 2 workers on one PostgreSQL database (seed ${SEED})`);
  console.log(
    `calls: ${CALLS} (${booked} booked, ${emergencies} emergencies, ${callEscalations} escalated in the call), ${played.reduce((a, p) => a + p.webhooks, 0)} webhooks, each also sent to the other instance and replayed ${REPLAYS}×`,
  );
  console.log(`requests: ${lat("live")}; ${lat("duplicate")}; ${lat("replay")}`);
  console.log(
    `after the calls: ${timerEscalations} timer escalations, ${outbound.length} texts to callers, ${staffSms} staff SMS, ${ledger.length} usage rows (${billable.length} billable, ${Object.keys(sends).length} meter events), ${lb.forwarded} callbacks through the load balancer`,
  );
  console.log(`timings: ${phases.join(", ")}, total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const requests = latency.live.length + latency.duplicate.length + latency.replay.length;
  console.log(
    `CPU time: ${cpu}, this script ${(process.cpuUsage().user / 1e6).toFixed(0)} s; the apps during the burst ${((1000 * burstCpu) / requests).toFixed(1)} ms per webhook`,
  );
  if (failures.length) {
    console.log(
      `\ntest:multi FAILED (${failures.length}):\n  ${failures.join("\n  ")}\nProcess logs: ${OUT}`,
    );
  } else {
    console.log(
      "test:multi passed: 0 errors, exactly one of everything per CallSid, every escalation fired once, no text sent twice.",
    );
    exitCode = 0;
  }
} catch (err) {
  console.error(`test:multi could not run: ${(err as Error).stack ?? err}`);
} finally {
  await stopAll();
  await twilioFake.close();
  await stripeFake.close();
  await lb.close();
  await db
    .drop()
    .catch((err: unknown) => console.error(`Could not drop the test database: ${(err as Error).message}`));
}
process.exit(exitCode);
