// Runs once when the server starts: opens (and on the embedded database, migrates and seeds)
// the database before the first request, so nobody waits for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/server/db");
  const started = Date.now();
  const db = await getDb();
  console.log(`LeadRescue: ${db.url ? "PostgreSQL" : "embedded PGlite database"} ready in ${Date.now() - started} ms`);
}
