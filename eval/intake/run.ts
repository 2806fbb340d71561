// `npm run eval:intake`: plays every call of the corpus through the REAL, signed voice webhooks
// in process (the simulator's driver), on a fresh embedded database, and scores the leads they
// leave. Prints a table and one closing line; exits non-zero below 100 % on the tuned cases.
//
//   npm run eval:intake                     the local rules model (what `npm test` runs)
//   npm run eval:intake -- --model fake     AI_PROVIDER=openai-compatible against a local fake
//                                           OpenAI server that answers after --latency ms (400):
//                                           counts model calls per call and the per-turn time
//   npm run eval:intake -- --only slot      cases whose id or class contains "slot"
//   npm run eval:intake -- --verbose        every conversation, not only failed ones
process.env.DEMO_SEED = "off";
process.env.PUBLIC_BASE_URL ??= "http://127.0.0.1:3999";
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { parseArgs } from "node:util";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { EvalCase } from "./case-schema";
import { loadCases, playCase } from "./corpus";
import { expectsEmergency, scoreCall, type Check, type PlayedCall } from "./score";

const { values: args } = parseArgs({
  options: {
    model: { type: "string", default: "local" },
    latency: { type: "string", default: "400" },
    only: { type: "string" },
    verbose: { type: "boolean", default: false },
    json: { type: "string" },
  },
});

const { createTestDatabase } = await import("@/server/test/test-db");
const { setDb } = await import("@/server/db");
const { voiceRouteSettings, setIntakeEngine } = await import("@/server/calls/voice-route");
const { postVoiceWebhook } = await import("@/server/simulator/post-webhook");
const { createIntakeEngine } = await import("@/server/intake/engine");
const { parseCallState } = await import("@/server/voice/state-machine");
const { upcomingSlots } = await import("@/server/voice/booking-slots");
const { isSafetyQuestion } = await import("@/server/voice/scripts");
const { makeTenant, makeUser, completeSetup, setCallAnswers } = await import("@/prisma/factories");
const { DEMO } = await import("@/prisma/seed-demo");

/** Every call is played on Monday, March 2, 2026 at 10:00 AM in Austin. */
export const EVAL_NOW = new Date("2026-03-02T16:00:00Z");
const TIME_ZONE = "America/Chicago";
const SLOTS = [
  { weekday: 2, start: "09:00", end: "11:00" },
  { weekday: 3, start: "13:00", end: "15:00" },
  { weekday: 4, start: "09:00", end: "11:00" },
];
export const EVAL_ANSWERS = {
  priceAnswer:
    "Our plumber gives you an exact price on site before any work starts, and there's no charge to book the visit.",
  servicesOffered: [
    "Leak repair",
    "Drain cleaning",
    "Water heaters",
    "Toilets and faucets",
    "Sewer lines",
    "Gas lines",
    "Garbage disposals",
  ],
  servicesNotOffered: ["Commercial buildings", "Septic tanks", "Well pumps"],
};

const filter = <T extends EvalCase>(cases: T[]): T[] =>
  args.only ? cases.filter((c) => c.id.includes(args.only!) || c.class.includes(args.only!)) : cases;
const tuned = filter(loadCases("cases"));
const heldOut = filter(loadCases("held-out"));

// ── the business: Demo Plumbing, with and without an on-call phone ──────────────────────────
const db = await createTestDatabase();
setDb(db);
const prisma = db.prisma;
voiceRouteSettings.now = () => EVAL_NOW;

async function business(name: string, trackingNumber: string, onCallPhone: string | null) {
  const owner = await makeUser(prisma, { name: `${name} Owner` });
  const tenant = await makeTenant(prisma, { name: "Demo Plumbing", timeZone: TIME_ZONE, ownerId: owner.id });
  await completeSetup(prisma, tenant.id, {
    trackingNumber,
    plumberPhone: DEMO.plumberPhone,
    onCallPhone,
    zips: [...DEMO.zips],
    slots: SLOTS,
  });
  await setCallAnswers(prisma, tenant.id, EVAL_ANSWERS);
  return { tenantId: tenant.id, trackingNumber };
}
const withOnCall = await business("On-call", "+15125550100", DEMO.onCallPhone);
const withoutOnCall = await business("No on-call", "+15125550300", null);
const bookable = upcomingSlots(
  SLOTS.map((s) => ({
    weekday: s.weekday,
    startMinute: Number(s.start.slice(0, 2)) * 60,
    endMinute: Number(s.end.slice(0, 2)) * 60,
  })),
  { timeZone: TIME_ZONE, now: EVAL_NOW },
).map((s) => s.startsAt);

// ── the model ───────────────────────────────────────────────────────────────────────────────
let fake: Awaited<ReturnType<typeof import("@/server/test/fake-openai-server").fakeOpenAI>> | null = null;
const latencyMs = Number(args.latency);
if (args.model === "fake") {
  const { fakeOpenAI, chatCompletion } = await import("@/server/test/fake-openai-server");
  const { answerPrompt } = await import("@/server/intake/rules-model");
  // A stand-in for a real model: answers like the rules would, after a realistic delay.
  const server = await fakeOpenAI((res, body) => {
    const messages = (body.messages ?? []) as Array<{ role: string; content: string }>;
    const content = answerPrompt({
      prompt: messages
        .filter((m) => m.role === "user")
        .map((m) => ({ role: "user" as const, content: [{ type: "text" as const, text: m.content }] })),
    } as never);
    server.later(latencyMs, () => chatCompletion(res, content));
  });
  fake = server;
  setIntakeEngine(
    createIntakeEngine({
      provider: "openai-compatible",
      model: "fake-llm",
      baseURL: server.baseURL,
      timeoutMs: 2500,
    }),
  );
} else if (args.model !== "local") {
  throw new Error(`--model ${args.model}: use local or fake`);
}

// ── one call ────────────────────────────────────────────────────────────────────────────────
type Played = PlayedCall & { lines: string[]; modelCalls: number; turnMs: number[] };

async function play(c: EvalCase, index: number): Promise<Played> {
  const biz = c.onCall ? withOnCall : withoutOnCall;
  const from = c.from ?? `+1512555${String(2000 + index).padStart(4, "0")}`;
  const before = fake?.seen.length ?? 0;
  const turnMs: number[] = [];
  const post: typeof postVoiceWebhook = async (url, form) => {
    const t0 = performance.now();
    const res = await postVoiceWebhook(url, form);
    if (url.includes("/intake")) turnMs.push(performance.now() - t0);
    return res;
  };
  const { call, error } = await playCase(post, c, { from, to: biz.trackingNumber });
  const row = await prisma.call.findUnique({
    where: { callSid: call.callSid },
    include: { lead: { include: { tasks: { where: { doneAt: null } } } } },
  });
  const state = row ? parseCallState(row.state) : null;
  const lead = row?.lead ?? null;
  return {
    lead,
    appointmentDay: lead?.appointmentAt ? format(new TZDate(lead.appointmentAt, TIME_ZONE), "EEEE") : null,
    appointmentIsSlot: !!lead?.appointmentAt && bookable.includes(lead.appointmentAt.toISOString()),
    escalation: state?.escalation
      ? {
          reason: state.escalation.reason,
          emergencyKind: state.escalation.emergencyKind,
          via: state.escalation.via,
        }
      : null,
    openTasks: lead?.tasks.map((t) => t.kind) ?? [],
    agentLines: call.lines.filter((l) => l.who === "agent").map((l) => l.text),
    safetyAsked: call.lines.some((l) => l.who === "agent" && isSafetyQuestion(l.text)),
    callerLines: call.lines.filter((l) => l.who === "caller").map((l) => l.text),
    lines: call.lines
      .filter((l) => l.who !== "twiml")
      .map(
        (l) =>
          `${l.who === "agent" ? "AI" : l.who === "caller" ? "Caller" : "—"}: ${"text" in l ? l.text : ""}`,
      ),
    error,
    modelCalls: (fake?.seen.length ?? 0) - before,
    turnMs,
  };
}

type Result = { c: EvalCase; checks: Check[]; played: Played; ok: boolean };

async function runAll(cases: EvalCase[], offset: number): Promise<Result[]> {
  const results: Result[] = [];
  for (const [i, c] of cases.entries()) {
    const played = await play(c, offset + i);
    const checks = scoreCall(c, played);
    results.push({ c, checks, played, ok: checks.every((k) => k.ok) });
  }
  return results;
}

function summary(results: Result[]) {
  const correct = results.filter((r) => r.ok).length;
  const emergencies = results.filter((r) => expectsEmergency(r.c));
  const caught = emergencies.filter(
    (r) => r.played.lead?.urgency === "emergency" && r.played.escalation?.reason === "emergency",
  ).length;
  const fieldChecks = results.flatMap((r) =>
    r.checks.filter((k) => k.kind === "field" && k.name !== "grounded"),
  );
  const ungrounded = results.flatMap((r) => r.checks.filter((k) => k.name === "grounded")).length;
  const pct = (a: number, b: number) => (b === 0 ? "100" : ((100 * a) / b).toFixed(b >= 1000 ? 1 : 0));
  // Routine: a caller with a plumbing problem and no emergency (not out of area, not a non-customer).
  const routine = results.filter(
    (r) =>
      !expectsEmergency(r.c) &&
      r.c.expect.urgency !== undefined &&
      r.c.expect.urgency !== null &&
      r.c.expect.inArea !== false,
  );
  const askedRoutine = routine.filter((r) => r.played.safetyAsked).length;
  return {
    correct,
    total: results.length,
    recall: pct(caught, emergencies.length),
    recallOk: caught === emergencies.length,
    fields: pct(fieldChecks.filter((k) => k.ok).length, fieldChecks.length),
    ungrounded,
    line: `${correct}/${results.length} calls correct, emergency recall ${pct(caught, emergencies.length)} % (${caught}/${emergencies.length}), fields ${pct(fieldChecks.filter((k) => k.ok).length, fieldChecks.length)} %, ungrounded ${ungrounded}, safety question on ${askedRoutine}/${routine.length} routine calls${routine.length ? ` (${pct(askedRoutine, routine.length)} %)` : ""}`,
  };
}

function printTable(title: string, results: Result[]) {
  const classes = [...new Set(results.map((r) => r.c.class))].sort();
  console.log(`\n${title}`);
  console.log(`${"class".padEnd(22)} ${"correct".padStart(9)}`);
  for (const cls of classes) {
    const of = results.filter((r) => r.c.class === cls);
    console.log(`${cls.padEnd(22)} ${`${of.filter((r) => r.ok).length}/${of.length}`.padStart(9)}`);
  }
  for (const r of results.filter((x) => !x.ok || args.verbose)) {
    console.log(`\n${r.ok ? "ok  " : "FAIL"} ${r.c.id} (${r.c.class}): ${r.c.description}`);
    for (const k of r.checks.filter((x) => !x.ok)) console.log(`     ✗ ${k.name}: ${k.detail}`);
    for (const line of r.played.lines) console.log(`       ${line}`);
  }
}

const started = performance.now();
const tunedResults = await runAll(tuned, 0);
const heldResults = await runAll(heldOut, tuned.length);
printTable("Tuned cases (eval/intake/cases)", tunedResults);
printTable(
  "Held-out cases (eval/intake/held-out: each batch written once, run once before rules were fixed for it)",
  heldResults,
);

const t = summary(tunedResults);
const h = summary(heldResults);
// Every held-out batch on its own line: each was written once and run once before rules changed for it.
for (const batch of [...new Set(heldOut.map((c) => c.batch))]) {
  console.log(
    `held-out ${batch}: ${summary(heldResults.filter((r) => (r.c as { batch?: string }).batch === batch)).line}`,
  );
}
console.log(`\nheld-out: ${h.line}`);
if (fake) {
  const all = [...tunedResults, ...heldResults];
  const perCall = all.map((r) => r.played.modelCalls).sort((a, b) => a - b);
  const turns = all.flatMap((r) => r.played.turnMs).sort((a, b) => a - b);
  const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
  const mean = perCall.reduce((a, b) => a + b, 0) / Math.max(1, perCall.length);
  console.log(
    `model: ${mean.toFixed(2)} model calls per call (p95 ${p(perCall, 0.95)}, max ${perCall[perCall.length - 1] ?? 0}; target ≤ 3); ` +
      `intake turn p50 ${p(turns, 0.5).toFixed(0)} ms, p95 ${p(turns, 0.95).toFixed(0)} ms with a model answering in ${latencyMs} ms (target ≤ ${latencyMs + 50} ms)`,
  );
  await fake.close();
}
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(`intake eval: ${t.line}`);
await db.drop();
const pass = t.correct === t.total && t.recallOk && t.ungrounded === 0;
process.exit(pass ? 0 : 1);
