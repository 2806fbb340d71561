// `npm run bench -- inbox`: the inbox's tRPC calls (createCaller, the real router and tenant
// gate) at scale. PGlite: 100k leads in one tenant. PostgreSQL (when 127.0.0.1:5432 answers):
// 1M leads across 1,000 tenants — one big tenant with 100k, 999 with 901 each — in a throwaway
// database. Bulk data with generate_series SQL (the queue-group trigger fills queueGroup).
// Prints p50/p95 per call and the EXPLAIN plan's index use. Target: p95 ≤ 50 ms on PostgreSQL.
process.env.DEMO_SEED = "off";
process.env.NEXT_TELEMETRY_DISABLED = "1";

import type { PrismaClient } from "@/server/db/generated/client";
import { benchTenantsSql, pct, scansOf, withThrowawayPostgres } from "./bench-kit";

const { openDatabase } = await import("@/server/db/engine");
const { applyMigrations } = await import("@/server/db/migrate");
const { callerFor } = await import("@/server/test/caller");
const { inboxSqlForExplain } = await import("@/server/leads/list-inbox");

const RUNS = Number(process.env.BENCH_RUNS ?? 60);

type Scenario = { name: string; call: (c: ReturnType<typeof callerFor>) => Promise<unknown> };
const SCENARIOS: Scenario[] = [
  { name: "baseline: tenant gate + members (leads.owners)", call: (c) => c.leads.owners() },
  { name: "inbox first page", call: (c) => c.leads.inbox({ limit: 25 }) },
  { name: "inbox counts per group", call: (c) => c.leads.counts({}) },
  { name: "filtered: mine + overdue", call: (c) => c.leads.inbox({ mine: true, overdue: true, limit: 25 }) },
  {
    name: "filtered: urgency high, source web_form",
    call: (c) => c.leads.inbox({ urgency: "high", source: "web_form", limit: 25 }),
  },
  { name: "search by phone digits", call: (c) => c.leads.inbox({ q: "5550123", limit: 25 }) },
  {
    name: "page 3 (cursor)",
    call: async (c) => {
      let cursor: string | null = null;
      for (let i = 0; i < 3; i++) cursor = (await c.leads.inbox({ limit: 25, cursor })).nextCursor;
      return cursor;
    },
  },
];

async function measure(caller: ReturnType<typeof callerFor>, s: Scenario) {
  for (let i = 0; i < 5; i++) await s.call(caller);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await s.call(caller);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

/** Users, the tenants and their leads, all in SQL. Tenant 0 gets `big` leads, the others `each`. */
async function seed(prisma: PrismaClient, tenants: number, big: number, each: number) {
  await prisma.$executeRawUnsafe(
    `INSERT INTO "User" (id, email, name, "passwordHash") SELECT 'u' || i, 'u' || i || '@bench.test', 'User ' || i, 'x' FROM generate_series(0, 2) i`,
  );
  await prisma.$executeRawUnsafe(benchTenantsSql(tenants));
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Membership" (id, "tenantId", "userId", role) VALUES ('m0', 't0', 'u0', 'owner'), ('m1', 't0', 'u1', 'staff'), ('m2', 't0', 'u2', 'staff')`,
  );
  const insert = (tenantExpr: string, from: number, to: number) => `
    INSERT INTO "Lead" (id, "tenantId", "callerPhone", "callerName", zip, "issueSummary", urgency, status, source, "sourceRef", "ownerId", "nextAction", "dueAt", "createdAt", "updatedAt", "lastActivityAt", temperature, "isTest")
    SELECT 'l' || i, ${tenantExpr}, '+1512555' || lpad((i % 10000)::text, 4, '0'), 'Caller ' || i, (78700 + i % 60)::text, 'Issue ' || i,
      (CASE WHEN i % 50 = 0 THEN 'emergency' WHEN i % 12 = 0 THEN 'high' WHEN i % 10 = 1 THEN NULL WHEN i % 5 = 0 THEN 'low' ELSE 'normal' END)::"Urgency",
      (CASE WHEN i % 10 < 7 THEN 'closed' WHEN i % 10 = 7 THEN 'followup_needed' WHEN i % 10 = 8 THEN (CASE WHEN i % 3 = 0 THEN 'booked' ELSE 'not_booked' END) ELSE 'answered_by_ai' END)::"LeadStatus",
      (CASE WHEN i % 7 = 0 THEN 'web_form' WHEN i % 13 = 0 THEN 'referral' ELSE 'phone' END)::"LeadSource",
      'CA' || i, CASE WHEN i % 9 = 0 THEN NULL ELSE 'u' || (i % 3) END, 'Call back',
      now() - ((i % 720) || ' hours')::interval + ((i % 5) || ' hours')::interval,
      now() - ((i % 8760) || ' hours')::interval - ((i % 3600) || ' seconds')::interval, now(), now() - ((i % 2000) || ' hours')::interval, (i * 37) % 100, i % 97 = 0
    FROM generate_series(${from}, ${to}) i`;
  await prisma.$executeRawUnsafe(insert("'t0'", 0, big - 1));
  if (tenants > 1)
    await prisma.$executeRawUnsafe(
      insert(`'t' || (1 + (i - ${big}) / ${each})`, big, big + (tenants - 1) * each - 1),
    );
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Lead"`);
}

async function explain(prisma: PrismaClient, label: string, sql: { text: string; values: unknown[] }) {
  const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN (ANALYZE, COSTS OFF) ${sql.text}`,
    ...sql.values,
  );
  console.log(`    EXPLAIN ${label}: ${scansOf(rows.map((r) => r["QUERY PLAN"]))}`);
}

async function run(engine: string, prisma: PrismaClient, slug: string) {
  const owner = callerFor(prisma, "u0", slug);
  const staff = callerFor(prisma, "u1", slug);
  console.log(`  ${engine} — tenant ${slug}`);
  for (const s of SCENARIOS) {
    const r = await measure(s.name.startsWith("filtered: mine") ? staff : owner, s);
    console.log(
      `    ${s.name.padEnd(42)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms`,
    );
  }
  const tenantId = slug === "bench-0" ? "t0" : "t1";
  const now = new Date();
  const first = inboxSqlForExplain(tenantId, { userId: "u0", role: "owner" }, { limit: 25 }, now);
  await explain(prisma, "first page", first.page);
  await explain(prisma, "counts", first.counts);
  await explain(
    prisma,
    "mine + overdue (staff)",
    inboxSqlForExplain(
      tenantId,
      { userId: "u1", role: "staff" },
      { mine: true, overdue: true, limit: 25 },
      now,
    ).page,
  );
}

// ── PGlite: 100k leads in one tenant ────────────────────────────────────────────────────────
{
  const db = await openDatabase({ dataDir: "memory://" });
  await applyMigrations(db.adapterFactory);
  const t0 = performance.now();
  await seed(db.prisma, 1, 100_000, 0);
  console.log(
    `\nPGlite: 100,000 leads in one tenant (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  await run("PGlite", db.prisma, "bench-0");
  await db.close();
}

// ── PostgreSQL: 1M leads across 1,000 tenants ───────────────────────────────────────────────
await withThrowawayPostgres("inbox", async (url) => {
  const db = await openDatabase({ url });
  try {
    await applyMigrations(db.adapterFactory);
    const t0 = performance.now();
    await seed(db.prisma, 1000, 100_000, 901);
    const total = await db.prisma.lead.count();
    console.log(
      `\nPostgreSQL: ${total.toLocaleString("en-US")} leads across 1,000 tenants (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    await run("PostgreSQL", db.prisma, "bench-0");
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "Membership" (id, "tenantId", "userId", role) VALUES ('m3', 't1', 'u0', 'owner'), ('m4', 't1', 'u1', 'staff')`,
    );
    await run("PostgreSQL", db.prisma, "bench-1");
  } finally {
    await db.close();
  }
});
