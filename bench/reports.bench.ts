// `npm run bench -- reports`: the monthly report (tRPC reports.report, the real router and tenant
// gate) for the 100k-lead tenant, and the agency roll-up over 1,000 tenants, on PostgreSQL
// (127.0.0.1:5432, a throwaway database): 1M leads — one tenant with 100k, 999 with 901 each —
// spread over a year, plus one call per lead of the big tenant's month (with its timeline facts). Targets: monthly report p95 ≤ 300 ms; agency roll-up ≤ 2 s.
// The owner's and staff's reports read the big tenant's closed days from their roll-up (ADR 0005);
// the agency's other 999 businesses have none rolled up, so the roll-up counts them live.
process.env.DEMO_SEED = "off";
process.env.NEXT_TELEMETRY_DISABLED = "1";

import pg from "pg";
import type { PrismaClient } from "@/server/db/generated/client";

const { openDatabase } = await import("@/server/db/engine");
const { applyMigrations } = await import("@/server/db/migrate");
const { callerFor } = await import("@/server/test/caller");
const { agencyReport } = await import("@/server/reports/agency-report");
const { systemDb } = await import("@/server/db/system");
const { leadTotalsSql, leakCountsSql, scriptStepCountsSql } = await import("@/server/reports/report-sql");
const { resolvePeriod } = await import("@/server/reports/period");
const { Prisma } = await import("@/server/db/generated/client");

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const MONTH = new Date(Date.now() - 15 * 86_400_000).toISOString().slice(0, 7);

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

async function seed(prisma: PrismaClient, tenants: number, big: number, each: number) {
  await prisma.$executeRawUnsafe(`INSERT INTO "Agency" (id, name) VALUES ('a0', 'Bench Agency')`);
  await prisma.$executeRawUnsafe(
    `INSERT INTO "User" (id, email, name, "passwordHash") SELECT 'u' || i, 'u' || i || '@bench.test', 'User ' || i, 'x' FROM generate_series(0, 2) i`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Tenant" (id, slug, name, "timeZone", "agencyId", "updatedAt") SELECT 't' || i, 'bench-' || i, 'Bench ' || i, 'America/Chicago', 'a0', now() FROM generate_series(0, ${tenants - 1}) i`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Membership" (id, "tenantId", "userId", role) VALUES ('m0', 't0', 'u0', 'owner'), ('m1', 't0', 'u1', 'staff')`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "AgencyMember" (id, "agencyId", "userId") VALUES ('am0', 'a0', 'u2')`,
  );
  const insert = (tenantExpr: string, from: number, to: number) => `
    INSERT INTO "Lead" (id, "tenantId", "callerPhone", "callerName", status, source, "sourceRef", "ownerId", "nextAction", "dueAt", "createdAt", "updatedAt", "lastActivityAt", temperature, "acceptedAt", "appointmentAt", "visitOutcome", "jobOutcome", "jobValueCents")
    SELECT 'l' || i, ${tenantExpr}, '+1512555' || lpad((i % 10000)::text, 4, '0'), 'Caller ' || i,
      (CASE WHEN i % 10 < 7 THEN 'closed' WHEN i % 10 = 7 THEN 'followup_needed' WHEN i % 10 = 8 THEN 'booked' ELSE 'answered_by_ai' END)::"LeadStatus",
      (CASE WHEN i % 7 = 0 THEN 'web_form' WHEN i % 13 = 0 THEN 'referral' ELSE 'phone' END)::"LeadSource",
      'CA' || i, CASE WHEN i % 9 = 0 THEN NULL ELSE 'u' || (i % 2) END, 'Call back', now() - ((i % 720) || ' hours')::interval,
      now() - ((i % 8760) || ' hours')::interval, now(), now(), (i * 37) % 100,
      CASE WHEN i % 3 = 0 THEN now() - ((i % 8760) || ' hours')::interval + '12 minutes'::interval END,
      CASE WHEN i % 4 = 0 THEN now() - ((i % 8760) || ' hours')::interval + '2 days'::interval END,
      (CASE WHEN i % 8 = 0 THEN 'showed' WHEN i % 8 = 4 THEN 'no_show' END)::"VisitOutcome",
      (CASE WHEN i % 16 = 0 THEN 'won' WHEN i % 16 = 8 THEN 'lost' END)::"JobOutcome",
      CASE WHEN i % 16 = 0 THEN 50000 END
    FROM generate_series(${from}, ${to}) i`;
  await prisma.$executeRawUnsafe(insert("'t0'", 0, big - 1));
  await prisma.$executeRawUnsafe(
    insert(`'t' || (1 + (i - ${big}) / ${each})`, big, big + (tenants - 1) * each - 1),
  );
  // One call per lead of the big tenant in the last 40 days, half of them AI-handled with a stored state.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Call" (id, "tenantId", "leadId", "callSid", "fromNumber", "toNumber", stage, state, "startedAt", "endedAt", "plumberAcceptedAt")
    SELECT 'c' || l.id, l."tenantId", l.id, l."sourceRef", l."callerPhone", '+15125550100', 'ended',
      CASE WHEN substr(l.id, 2)::int % 2 = 0 THEN '{"stage":"ended","outcome":"followup_needed","fields":{"zip":"78701"},"transcript":[{"speaker":"agent","stage":"zip","text":"ZIP?"},{"speaker":"caller","stage":"zip","text":"78701"},{"speaker":"agent","stage":"issue","text":"Issue?"}]}'::jsonb ELSE '{"stage":"new"}'::jsonb END,
      l."createdAt", l."createdAt" + '3 minutes'::interval, CASE WHEN substr(l.id, 2)::int % 5 = 0 THEN l."createdAt" END
    FROM "Lead" l WHERE l."tenantId" = 't0' AND l."createdAt" > now() - '40 days'::interval`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "LeadEvent" (id, "tenantId", "leadId", type, "actorId", "createdAt")
    SELECT 'e' || l.id, l."tenantId", l.id, 'touchpoint.called_back', 'u0', l."createdAt" + ((substr(l.id, 2)::int % 90) || ' minutes')::interval
    FROM "Lead" l WHERE l."createdAt" > now() - '70 days'::interval AND substr(l.id, 2)::int % 2 = 0`);
  await seedTexts(prisma);
  await seedCallEvents(prisma);
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
}

/** The timeline facts of the big tenant's calls, as the call flow writes them: received, then the AI (half) or the plumber (one in five) answered. */
async function seedCallEvents(prisma: PrismaClient) {
  await prisma.$executeRawUnsafe(`
    INSERT INTO "LeadEvent" (id, "tenantId", "leadId", type, "createdAt")
    SELECT 'cr' || c.id, c."tenantId", c."leadId", 'call.received', c."startedAt" FROM "Call" c
    UNION ALL
    SELECT 'ca' || c.id, c."tenantId", c."leadId", CASE WHEN c."plumberAcceptedAt" IS NOT NULL THEN 'call.answered_by_plumber' ELSE 'call.ai_answered' END, c."startedAt" + '20 seconds'::interval
    FROM "Call" c WHERE c."plumberAcceptedAt" IS NOT NULL OR substr(c."leadId", 2)::int % 2 = 0`);
}

/** Texts of the last 70 days: a text-back to 40 % of leads, a reply from a quarter of those, a STOP from one in 20 (with its opt-out). */
async function seedTexts(prisma: PrismaClient) {
  const recent = `FROM "Lead" l WHERE l."createdAt" > now() - '70 days'::interval AND substr(l.id, 2)::int % 5 < 2`;
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Message" (id, "tenantId", "leadId", direction, purpose, "fromNumber", "toNumber", body, key, status, "sentAt", "createdAt", "updatedAt")
    SELECT 'mo' || l.id, l."tenantId", l.id, 'outbound', 'text_back', '+15125550100', l."callerPhone", 'Sorry we missed you', 'text_back:' || l."sourceRef", 'delivered', l."createdAt" + '1 minute'::interval, l."createdAt" + '1 minute'::interval, now() ${recent}`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Message" (id, "tenantId", "leadId", direction, purpose, "fromNumber", "toNumber", body, status, "createdAt", "updatedAt")
    SELECT 'mi' || l.id, l."tenantId", l.id, 'inbound', 'inbound', l."callerPhone", '+15125550100', CASE WHEN substr(l.id, 2)::int % 20 = 0 THEN 'Stop.' ELSE 'Yes, tomorrow works' END, 'received', l."createdAt" + '30 minutes'::interval, now()
    ${recent} AND (substr(l.id, 2)::int % 4 = 0 OR substr(l.id, 2)::int % 20 = 0)`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "ConsentRecord" (id, "tenantId", phone, "optedOut", source, at)
    SELECT 'co' || l.id, l."tenantId", l."callerPhone", true, 'sms_keyword', l."createdAt" + '30 minutes'::interval ${recent} AND substr(l.id, 2)::int % 20 = 0`);
}

/** BENCH_EXPLAIN=1: the plans of the heavy statements (EXPLAIN ANALYZE), for ADR 0005. */
async function explainAll(prisma: PrismaClient) {
  const now = new Date();
  const bound = (tenantId: string) => {
    const p = resolvePeriod({ kind: "month", month: MONTH }, "America/Chicago", now);
    return {
      tenantId,
      timeZone: "America/Chicago",
      start: p.start,
      end: p.end,
      firstDay: p.firstDay,
      lastDay: p.lastDay,
    };
  };
  const everyone = { ownerId: null };
  const all = Array.from({ length: 1000 }, (_, i) => bound(`t${i}`));
  // The tenant sets the runners bind (server/db/tenant-sql.ts, server/db/agency.ts).
  const t0 = Prisma.sql`${"t0"}`;
  const agency = Prisma.sql`SELECT id FROM "Tenant" WHERE "agencyId" = ${"a0"}`;
  const plans: [string, InstanceType<typeof Prisma.Sql>][] = [
    [
      "lead totals by source and calls by local day, 100k-lead tenant",
      leadTotalsSql([bound("t0")], everyone, "source", t0, true),
    ],
    ["script steps, 100k-lead tenant", scriptStepCountsSql(bound("t0"), everyone, t0)],
    ["open lead leaks, 100k-lead tenant", leakCountsSql(t0, everyone, now)],
    ["lead totals by business, 1,000 tenants", leadTotalsSql(all, everyone, "tenant", agency)],
  ];
  for (const [name, sql] of plans) {
    const rows = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`,
    );
    console.log(`\n  ── plan: ${name}\n${rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
  }
}

const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
const reachable = await admin.connect().then(
  () => true,
  () => false,
);
if (!reachable) {
  console.log(
    "\nPostgreSQL: 127.0.0.1:5432 does not answer — skipped (set BENCH_PG_URL to use another server).",
  );
} else {
  // BENCH_KEEP_DB=<name>: seed that database once and keep it, so query work can be timed again and again.
  const keep = process.env.BENCH_KEEP_DB;
  const name = keep ?? `lr_bench_reports_${Date.now()}`;
  const exists = keep
    ? (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [keep])).rowCount
    : 0;
  if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  try {
    await applyMigrations(db.adapterFactory);
    const t0 = performance.now();
    if (!exists) await seed(db.prisma, 1000, 100_000, 901);
    else if ((await db.prisma.message.count()) === 0) {
      await seedTexts(db.prisma);
      await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
    }
    if (exists && !(await db.prisma.leadEvent.count({ where: { type: "call.received" } }))) {
      await seedCallEvents(db.prisma);
      await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
    }
    const [leads, calls, texts, monthLeads] = await Promise.all([
      db.prisma.lead.count(),
      db.prisma.call.count(),
      db.prisma.message.count(),
      db.prisma.lead.count({
        where: { tenantId: "t0", createdAt: { gte: new Date(`${MONTH}-01T00:00:00Z`) } },
      }),
    ]);
    console.log(
      `\nPostgreSQL: ${leads.toLocaleString("en-US")} leads across 1,000 tenants, ${calls.toLocaleString("en-US")} calls, ${texts.toLocaleString("en-US")} texts (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s); the big tenant has ~${monthLeads.toLocaleString("en-US")} leads since ${MONTH}-01`,
    );
    const owner = callerFor(db.prisma, "u0", "bench-0");
    const staff = callerFor(db.prisma, "u1", "bench-0");
    // The first report with nothing rolled up: it rolls up the closed days of the month and the one before.
    await db.prisma.$executeRawUnsafe(`DELETE FROM "ReportDay"`);
    const cold = performance.now();
    await owner.reports.report({ kind: "month", month: MONTH });
    const rolled = await db.prisma.reportDay.count();
    console.log(
      `  monthly report, first with no day rolled up      ${(performance.now() - cold).toFixed(1).padStart(7)} ms   (rolled up ${rolled} closed days; the runs below read them)`,
    );
    const monthly = await measure(RUNS, () => owner.reports.report({ kind: "month", month: MONTH }));
    console.log(
      `  monthly report, 100k-lead tenant (owner)        p50 ${monthly.p50.toFixed(1).padStart(7)} ms   p95 ${monthly.p95.toFixed(1).padStart(7)} ms   (target p95 ≤ 300 ms)`,
    );
    const own = await measure(RUNS, () => staff.reports.report({ kind: "month", month: MONTH }));
    console.log(
      `  monthly report, 100k-lead tenant (staff, own)   p50 ${own.p50.toFixed(1).padStart(7)} ms   p95 ${own.p95.toFixed(1).padStart(7)} ms`,
    );
    const rollup = await measure(Math.max(3, Math.round(RUNS / 4)), () =>
      agencyReport(systemDb(db.prisma), "a0", { kind: "month", month: MONTH }),
    );
    console.log(
      `  agency roll-up, 1,000 tenants                   p50 ${rollup.p50.toFixed(1).padStart(7)} ms   p95 ${rollup.p95.toFixed(1).padStart(7)} ms   (target ≤ 2,000 ms)`,
    );
    if (process.env.BENCH_EXPLAIN) await explainAll(db.prisma);
  } finally {
    await db.close();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
