// `npm run bench -- textback`: time from a call's final status webhook (POST /api/twilio/voice/status)
// to the missed-call text-back's SDK request reaching the local Twilio fake, over 200 calls, on the
// embedded database (PGlite; PostgreSQL with TEST_DATABASE_URL=postgresql://…). The jobs run as in
// the app: pg-boss workers polling every second, the real `twilio` SDK, the fake's signed status
// callbacks back through the real route. Targets: ≤ 1 s to queue, ≤ 5 s end to end.
process.env.DEMO_SEED = "off";
process.env.PUBLIC_BASE_URL ??= "http://127.0.0.1:3999";
process.env.NEXT_TELEMETRY_DISABLED = "1";

export {};

const { createTestDatabase, engineName } = await import("@/server/test/test-db");
const { setDb } = await import("@/server/db");
const { env } = await import("@/server/env");
const { makeTestBusiness } = await import("@/server/test/test-business");
const { TwilioCall, signedTwilioRequest } = await import("@/server/test/webhook-test-kit");
const { setTwilioHandle, twilioClientFor } = await import("@/server/integrations/twilio-client");
const { startTwilioFake } = await import("@/server/integrations/twilio-fake/server");
const { configureFakeSms, fakeMessages } = await import("@/server/integrations/twilio-fake/messages");
const { startJobs, stopJobs } = await import("@/server/jobs/runtime");
const { MESSAGING_JOBS } = await import("@/server/messaging/jobs");
const { updateMessagingSettings } = await import("@/server/messaging/messaging-settings");
const { tenantScoped } = await import("@/server/db/tenant-scope");
const { POST: smsStatus } = await import("@/app/api/twilio/sms/status/route");

// The billing usage queue is not started here; its "not queued" notice is expected noise.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) =>
  String(args[0]).startsWith("Usage for call") ? undefined : consoleError(...args);

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
/** Milliseconds between two calls ending (default 200 ms: 5 missed calls a second, far above one business's load). */
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 200);

const db = await createTestDatabase();
setDb(db);
const biz = await makeTestBusiness(db.prisma, { name: "Bench Plumbing" });
await updateMessagingSettings(tenantScoped(db.prisma, biz.tenant.id), biz.tenant.id, {
  bookingUrl: "https://bench.example/book",
  quietStartMinute: 0,
  quietEndMinute: 0,
});
const fake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
setTwilioHandle({ client: twilioClientFor(fake.url), mode: "local", fake });
configureFakeSms({
  stepDelayMs: 50,
  deliver: async (url, form, signature) =>
    void (await smsStatus(signedTwilioRequest(url, form, { signature }))),
});
await startJobs(db, MESSAGING_JOBS as never);

// Every call rings the plumber, is missed, and the AI answers; the caller hangs up in silence.
const calls = [];
for (let i = 0; i < CALLS; i++) {
  const call = new TwilioCall(biz.trackingNumber, `+1737${String(5550000 + i).padStart(7, "0")}`);
  await call.missed("no-answer");
  calls.push(call);
}

const started = new Map<string, number>();
const queueMs: number[] = [];
for (const call of calls) {
  const t0 = Date.now();
  started.set(call.from, t0);
  await call.ended("completed");
  queueMs.push(Date.now() - t0);
  await new Promise((r) => setTimeout(r, GAP_MS));
}
const deadline = Date.now() + 120_000;
while (fakeMessages(fake.state).length < CALLS && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 100));

const endToEnd = fakeMessages(fake.state)
  .filter((m) => started.has(m.to))
  .map((m) => m.received_at_ms - started.get(m.to)!);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const settle = Date.now() + 10_000;
while (
  (await db.prisma.message.count({ where: { purpose: "text_back", status: { not: "delivered" } } })) > 0 &&
  Date.now() < settle
)
  await new Promise((r) => setTimeout(r, 100));
const texted = await db.prisma.message.count({ where: { purpose: "text_back" } });
const delivered = await db.prisma.message.count({ where: { purpose: "text_back", status: "delivered" } });
console.log(`${CALLS} missed calls, one ending every ${GAP_MS} ms, ${engineName}, pg-boss polling every 1 s`);
console.log(
  `status webhook → text-back queued (webhook answered): p50 ${pct(queueMs, 50)} ms, p95 ${pct(queueMs, 95)} ms (target ≤ 1000 ms: ${pct(queueMs, 95) <= 1000 ? "met" : "NOT met"})`,
);
console.log(
  `status webhook → SDK request at the fake:           p50 ${pct(endToEnd, 50)} ms, p95 ${pct(endToEnd, 95)} ms (target ≤ 5000 ms: ${pct(endToEnd, 95) <= 5000 ? "met" : "NOT met"})`,
);
console.log(
  `check: ${endToEnd.length}/${CALLS} texts reached the fake, ${texted} text-back rows, ${delivered} delivered by status callback`,
);
await stopJobs();
configureFakeSms(undefined);
await fake.close();
await db.drop();
process.exit(endToEnd.length === CALLS ? 0 : 1);
