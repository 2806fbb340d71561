// `npm run bench -- followups`: the follow-up sweeps at scale on PostgreSQL (when 127.0.0.1:5432
// answers): 100,000 leads in follow-up sequences across 1,000 businesses.
// - Due steps (a quarter due): one sweep batch = the due-step lookup (up to 500, oldest first, on
//   the nextDueAt index) + one pg-boss insert of their step jobs (singleton key per enrollment,
//   generation and step).
// - Going quiet (a quarter silent 1 to 10 days): one sweep batch = the quiet lookup (up to 500, on
//   the quietAt index) + one pg-boss insert of their quiet jobs.
// Between batches the batch's rows are claimed as the jobs would (not timed), so every batch reads
// fresh due rows. Prints p50/p95 per batch and each lookup's plan. Target: p95 ≤ 200 ms.
process.env.DEMO_SEED = "off";
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { benchTenantsSql, pct, scansOf, withThrowawayPostgres } from "./bench-kit";

const { openDatabase } = await import("@/server/db/engine");
const { applyMigrations } = await import("@/server/db/migrate");
const { systemDb } = await import("@/server/db/system");
const { createBoss } = await import("@/server/jobs/boss");
const {
  FOLLOWUP_STEP_JOB,
  followUpStepJob,
  QUIET_JOB,
  quietJob,
  sweepFollowUps,
  sweepQuietLeads,
  SWEEP_BATCH,
} = await import("@/server/followups/jobs");
type EnqueueMany = import("@/server/followups/jobs").EnqueueMany;
type PrismaClient = import("@/server/db/generated/client").PrismaClient;

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const LEADS = 100_000;
const TENANTS = 1_000;

/** Times RUNS batches (after 3 warm-ups); `claim` moves the batch's rows on, untimed. */
async function timeBatches(
  label: string,
  sweep: (enqueueMany: EnqueueMany) => Promise<number>,
  insert: (name: string, jobs: { data: object; singletonKey: string }[]) => Promise<number>,
  claim: (jobs: object[]) => Promise<void>,
) {
  let inserted = 0;
  let last: object[] = [];
  const enqueueMany: EnqueueMany = async (name, jobs) => {
    last = jobs.map((j) => j.data);
    if (jobs.length) inserted += await insert(name, jobs);
  };
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const start = performance.now();
    const n = await sweep(enqueueMany);
    const ms = performance.now() - start;
    if (i >= 3) times.push(ms);
    if (n !== SWEEP_BATCH) throw new Error(`${label}: batch ${i} found ${n} rows, expected ${SWEEP_BATCH}`);
    await claim(last);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label} (${SWEEP_BATCH} → ${SWEEP_BATCH} jobs)   p50 ${pct(times, 50).toFixed(1).padStart(6)} ms   p95 ${pct(times, 95).toFixed(1).padStart(6)} ms   max ${times.at(-1)!.toFixed(1)} ms   (${RUNS} batches, ${inserted.toLocaleString("en-US")} jobs queued)`,
  );
  return pct(times, 95);
}

async function explain(prisma: PrismaClient, label: string, sql: string) {
  const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN (ANALYZE, COSTS OFF) ${sql}`,
  );
  console.log(`    EXPLAIN ${label}: ${scansOf(plan.map((r) => r["QUERY PLAN"]))}`);
}

await withThrowawayPostgres("followups", async (url) => {
  const db = await openDatabase({ url });
  try {
    await applyMigrations(db.adapterFactory);
    const t0 = performance.now();
    const prisma = db.prisma;
    await prisma.$executeRawUnsafe(benchTenantsSql(TENANTS));
    // lastActivityAt: a quarter of the leads silent for 1 to 10 days (the trigger sets quietAt).
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Lead" (id, "tenantId", "callerPhone", "callerName", status, source, "sourceRef", "createdAt", "updatedAt", "lastActivityAt", temperature)
      SELECT 'l' || i, 't' || (i % ${TENANTS}), '+1512' || lpad(i::text, 7, '0'), 'Caller ' || i, 'followup_needed', (CASE WHEN i % 3 = 0 THEN 'web_form' ELSE 'phone' END)::"LeadSource",
        'CA' || i, now() - ((i % 240) || ' hours')::interval, now(),
        CASE WHEN i % 4 = 1 THEN now() - ((24 + i % 216) || ' hours')::interval ELSE now() END, 55
      FROM generate_series(0, ${LEADS - 1}) i`);
    // A quarter due (in the last ten minutes), most later, one in ten already stopped.
    await prisma.$executeRawUnsafe(`
      INSERT INTO "FollowUpEnrollment" (id, "tenantId", "leadId", "sequenceKey", generation, "nextStep", "nextDueAt", status, "startedAt")
      SELECT 'e' || i, 't' || (i % ${TENANTS}), 'l' || i, CASE WHEN i % 3 = 0 THEN 'web_form' ELSE 'missed_call' END, 1, i % 3,
        CASE WHEN i % 10 = 9 THEN NULL WHEN i % 4 = 0 THEN now() - ((i % 600) || ' seconds')::interval ELSE now() + ((i % 2000) || ' hours')::interval END,
        CASE WHEN i % 10 = 9 THEN 'stopped' ELSE 'active' END, now() - ((i % 240) || ' hours')::interval
      FROM generate_series(0, ${LEADS - 1}) i`);
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE "FollowUpEnrollment"`);
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Lead"`);
    const now = new Date();
    const due = await prisma.followUpEnrollment.count({ where: { nextDueAt: { lte: now } } });
    const quiet = await prisma.lead.count({ where: { quietAt: { lte: now } } });
    console.log(
      `PostgreSQL: ${LEADS.toLocaleString("en-US")} leads in sequences across ${TENANTS.toLocaleString("en-US")} businesses, ${due.toLocaleString("en-US")} steps due, ${quiet.toLocaleString("en-US")} leads gone quiet (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );

    const boss = createBoss(db, { schedule: false });
    boss.on("error", (err) => console.error("pg-boss:", err.message));
    await boss.start();
    await boss.createQueue(FOLLOWUP_STEP_JOB, followUpStepJob.queue ?? {});
    await boss.createQueue(QUIET_JOB, quietJob.queue ?? {});
    const insert = async (name: string, jobs: { data: object; singletonKey: string }[]) =>
      (await boss.insert(name, jobs))?.length ?? jobs.length;
    const sys = systemDb(prisma);
    const later = () => new Date(Date.now() + 86_400_000);

    const stepP95 = await timeBatches(
      "due-step sweep batch",
      (enqueueMany) => sweepFollowUps(sys, new Date(), enqueueMany, SWEEP_BATCH),
      insert,
      // The step jobs claim their steps, moving each enrollment to its next due time.
      async (jobs) => {
        await prisma.followUpEnrollment.updateMany({
          where: { id: { in: jobs.map((j) => (j as { enrollmentId: string }).enrollmentId) } },
          data: { nextStep: { increment: 1 }, nextDueAt: later() },
        });
      },
    );
    await explain(
      prisma,
      "due-step lookup",
      `SELECT id, "tenantId", generation, "nextStep" FROM "FollowUpEnrollment" WHERE "nextDueAt" <= now() ORDER BY "nextDueAt" ASC LIMIT ${SWEEP_BATCH}`,
    );

    const quietP95 = await timeBatches(
      "quiet sweep batch",
      (enqueueMany) => sweepQuietLeads(sys, new Date(), enqueueMany, SWEEP_BATCH),
      insert,
      // The quiet jobs claim their leads, moving each to its next threshold.
      async (jobs) => {
        await prisma.lead.updateMany({
          where: { id: { in: jobs.map((j) => (j as { leadId: string }).leadId) } },
          data: { quietDays: 1, quietAt: later() },
        });
      },
    );
    await explain(
      prisma,
      "quiet lookup",
      `SELECT id, "tenantId", "quietAt" FROM "Lead" WHERE "quietAt" <= now() ORDER BY "quietAt" ASC LIMIT ${SWEEP_BATCH}`,
    );
    console.log(`  target p95 ≤ 200 ms: ${Math.max(stepP95, quietP95) <= 200 ? "met" : "NOT met"}`);
    await boss.stop({ graceful: false, close: true });
  } finally {
    await db.close();
  }
});
