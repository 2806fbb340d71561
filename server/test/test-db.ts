// A fresh, migrated database per test file: in-process PGlite by default, or a throwaway
// database on the PostgreSQL server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "@/server/db/engine";
import { applyMigrations } from "@/server/db/migrate";
import { setDb } from "@/server/db";
import type { PrismaClient } from "@/server/db/generated/client";

export const engineName = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";

export async function createTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ dataDir: "memory://" });
    await applyMigrations(db.adapterFactory);
    return { ...db, drop: db.close };
  }
  const name = `lr_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await applyMigrations(db.adapterFactory);
  return {
    ...db,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Opens a test database for this file and makes it the app's database (getDb()). */
export async function useTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const db = await createTestDatabase();
  setDb(db);
  return db;
}

/**
 * Resolves once a connection to the test database waits on a lock (PostgreSQL only): a write
 * queued behind a row that another transaction holds. For races that hold a row, then let go.
 */
export async function untilALockIsAwaited(prisma: PrismaClient, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row && row.n > 0n) return;
    if (Date.now() > until) throw new Error(`No connection waited on a lock within ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
