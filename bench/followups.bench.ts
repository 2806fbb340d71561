// `npm run bench -- followups`: the follow-up sweep at scale on PostgreSQL (when 127.0.0.1:5432
// answers): 100,000 leads in follow-up sequences across 1,000 businesses, a quarter of them due.
// One sweep batch = the due-step lookup (up to 500, oldest first, on the nextDueAt index) + one
// pg-boss insert of their step jobs (singleton key per enrollment, generation and step). Between
// batches the batch's steps are claimed as the step jobs would (not timed), so every batch reads
// fresh due rows. Prints p50/p95 per batch and the lookup's plan. Target: p95 ≤ 200 ms.
process.env.DEMO_SEED = "off";
process.env.NEXT_TELEMETRY_DISABLED = "1";

import pg from "pg";

const { openDatabase } = await import("@/server/db/engine");
const { applyMigrations } = await import("@/server/db/migrate");
const { systemDb } = await import("@/server/db/system");
const { createBoss } = await import("@/server/jobs/boss");
const { FOLLOWUP_STEP_JOB, followUpStepJob, sweepFollowUps, SWEEP_BATCH } =
  await import("@/server/followups/jobs");

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const LEADS = 100_000;
const TENANTS = 1_000;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
const reachable = await admin.connect().then(
  () => true,
  () => false,
);
if (!reachable) {
  console.log(
    "PostgreSQL: 127.0.0.1:5432 does not answer — skipped (set BENCH_PG_URL to use another server).",
  );
  process.exit(0);
}
const name = `lr_bench_followups_${Date.now()}`;
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(PG_URL);
url.pathname = `/${name}`;
const db = await openDatabase({ url: url.toString() });
try {
  await applyMigrations(db.adapterFactory);
  const t0 = performance.now();
  const prisma = db.prisma;
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Tenant" (id, slug, name, "timeZone", "updatedAt") SELECT 't' || i, 'bench-' || i, 'Bench ' || i, 'America/Chicago', now() FROM generate_series(0, ${TENANTS - 1}) i`,
  );
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Lead" (id, "tenantId", "callerPhone", "callerName", status, source, "sourceRef", "createdAt", "updatedAt", "lastActivityAt", temperature)
    SELECT 'l' || i, 't' || (i % ${TENANTS}), '+1512' || lpad(i::text, 7, '0'), 'Caller ' || i, 'followup_needed', (CASE WHEN i % 3 = 0 THEN 'web_form' ELSE 'phone' END)::"LeadSource",
      'CA' || i, now() - ((i % 240) || ' hours')::interval, now(), now(), 55
    FROM generate_series(0, ${LEADS - 1}) i`);
  // A quarter due (in the last ten minutes), most later, one in ten already stopped.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "FollowUpEnrollment" (id, "tenantId", "leadId", "sequenceKey", generation, "nextStep", "nextDueAt", status, "startedAt")
    SELECT 'e' || i, 't' || (i % ${TENANTS}), 'l' || i, CASE WHEN i % 3 = 0 THEN 'web_form' ELSE 'missed_call' END, 1, i % 3,
      CASE WHEN i % 10 = 9 THEN NULL WHEN i % 4 = 0 THEN now() - ((i % 600) || ' seconds')::interval ELSE now() + ((i % 2000) || ' hours')::interval END,
      CASE WHEN i % 10 = 9 THEN 'stopped' ELSE 'active' END, now() - ((i % 240) || ' hours')::interval
    FROM generate_series(0, ${LEADS - 1}) i`);
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "FollowUpEnrollment"`);
  const due = await prisma.followUpEnrollment.count({ where: { nextDueAt: { lte: new Date() } } });
  console.log(
    `PostgreSQL: ${LEADS.toLocaleString("en-US")} leads in sequences across ${TENANTS.toLocaleString("en-US")} businesses, ${due.toLocaleString("en-US")} steps due (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  const boss = createBoss(db, { schedule: false });
  boss.on("error", (err) => console.error("pg-boss:", err.message));
  await boss.start();
  await boss.createQueue(FOLLOWUP_STEP_JOB, followUpStepJob.queue ?? {});
  const sys = systemDb(prisma);
  let inserted = 0;
  let lastIds: string[] = [];
  const enqueueMany = async (n: string, jobs: { data: object; singletonKey: string }[]) => {
    lastIds = jobs.map((j) => (j.data as { enrollmentId: string }).enrollmentId);
    if (jobs.length) inserted += (await boss.insert(n, jobs))?.length ?? jobs.length;
  };
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const start = performance.now();
    const n = await sweepFollowUps(sys, new Date(), enqueueMany, SWEEP_BATCH);
    const ms = performance.now() - start;
    if (i >= 3) times.push(ms);
    if (n !== SWEEP_BATCH) throw new Error(`batch ${i} found ${n} due steps, expected ${SWEEP_BATCH}`);
    // Not timed: the step jobs claim their steps, moving each enrollment to its next due time.
    await prisma.followUpEnrollment.updateMany({
      where: { id: { in: lastIds } },
      data: { nextStep: { increment: 1 }, nextDueAt: new Date(Date.now() + 86_400_000) },
    });
  }
  times.sort((a, b) => a - b);
  console.log(
    `  sweep batch (${SWEEP_BATCH} due steps → ${SWEEP_BATCH} step jobs)   p50 ${pct(times, 50).toFixed(1).padStart(6)} ms   p95 ${pct(times, 95).toFixed(1).padStart(6)} ms   max ${times.at(-1)!.toFixed(1)} ms   (${RUNS} batches, ${inserted.toLocaleString("en-US")} jobs queued)`,
  );
  const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN (ANALYZE, COSTS OFF) SELECT id, "tenantId", generation, "nextStep" FROM "FollowUpEnrollment" WHERE "nextDueAt" <= now() ORDER BY "nextDueAt" ASC LIMIT ${SWEEP_BATCH}`,
  );
  const lines = plan.map((r) => r["QUERY PLAN"]);
  console.log(
    `    EXPLAIN due-step lookup: ${[...new Set(lines.join("\n").match(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)[^\n]*?(using|on) "?[\w"]+/g) ?? [])].join("; ")} — ${lines.find((l) => l.startsWith("Execution Time")) ?? ""}`,
  );
  console.log(`  target p95 ≤ 200 ms: ${pct(times, 95) <= 200 ? "met" : "NOT met"}`);
  await boss.stop({ graceful: false, close: true });
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
