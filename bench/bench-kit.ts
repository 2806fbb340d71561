// What the PostgreSQL benchmarks share: percentiles, a throwaway database on the server at
// BENCH_PG_URL (skipped with a note when it does not answer), the bench businesses inserted in
// SQL, and which indexes an EXPLAIN plan used.
import pg from "pg";

export const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The p-th percentile of an ascending list. */
export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Runs `work` on a fresh database named `lr_bench_<label>_<time>` and drops it afterwards.
 * Returns false (after saying so) when the server does not answer.
 */
export async function withThrowawayPostgres(
  label: string,
  work: (url: string) => Promise<void>,
): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!reachable) {
    console.log(
      "\nPostgreSQL: 127.0.0.1:5432 does not answer — skipped (set BENCH_PG_URL to use another server).",
    );
    return false;
  }
  const name = `lr_bench_${label}_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  return true;
}

/** Inserts businesses t0 … t(n-1) (slug bench-i, Central time). */
export const benchTenantsSql = (tenants: number) =>
  `INSERT INTO "Tenant" (id, slug, name, "timeZone", "updatedAt") SELECT 't' || i, 'bench-' || i, 'Bench ' || i, 'America/Chicago', now() FROM generate_series(0, ${tenants - 1}) i`;

/** The scans an EXPLAIN (ANALYZE) plan used, and its execution time, on one line. */
export function scansOf(planLines: string[]): string {
  const scans = [
    ...new Set(
      planLines
        .join("\n")
        .match(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)[^\n]*?(using|on) "?[\w"]+/g) ?? [],
    ),
  ];
  const time = planLines.find((l) => l.startsWith("Execution Time")) ?? "";
  return `${scans.join("; ") || "(no scan)"} — ${time}`;
}
