// Runs once when the server starts: opens (and on the embedded database, migrates and, when it is
// empty and DEMO_SEED is on, seeds with the demo data) the database before the first request, so
// nobody waits for it, and starts the job queue.
// The embedded database lives in this process, so its workers must too; on PostgreSQL the
// workers run here unless JOBS_IN_PROCESS=off (then run `npm run worker` separately).
// Every web process recovers its own spool folder (webhooks kept while the database was down):
// at start and then every minute, whatever the job settings.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: every request carries its connection's address (sign-in throttling; no proxy header is trusted by default).
  const { stampPeerAddresses } = await import("@/server/http/client-address");
  stampPeerAddresses();
  const { env, refusePublishedSecretsInProduction } = await import("@/server/env");
  refusePublishedSecretsInProduction();
  const { getDb, getSystemDb } = await import("@/server/db");
  const started = Date.now();
  const db = await getDb();
  if (!db.url && env.DEMO_SEED === "on") {
    const { seedDemoIfEmpty } = await import("@/prisma/seed-demo");
    if (await seedDemoIfEmpty(db.prisma))
      console.log("LeadRescue: seeded the demo data (see README for logins)");
  }
  console.log(
    `LeadRescue: ${db.url ? "PostgreSQL" : "embedded PGlite database"} ready in ${Date.now() - started} ms`,
  );
  const { startJobs } = await import("@/server/jobs/runtime");
  const { ALL_JOBS } = await import("@/server/jobs/all-jobs");
  const work = !db.url || env.JOBS_IN_PROCESS === "on";
  await startJobs(db, ALL_JOBS, { work });
  const { startSpoolRecovery } = await import("@/server/calls/jobs");
  startSpoolRecovery(getSystemDb);
}
