// The app's database handle: one per process, opened lazily on first use. On the embedded
// database it is migrated before first use. The demo data is seeded at startup
// (instrumentation.ts), not here: server/db imports no domain code.
import { env } from "@/server/env";
import { openDatabase, type Database } from "./engine";
import { applyMigrations } from "./migrate";
import { systemDb, type SystemDb } from "./system";

export type { Database } from "./engine";
export type { PrismaClient } from "./generated/client";
export type { SystemDb, GlobalDb } from "./system";
export { forTenant, globalDb } from "./system";

const g = globalThis as unknown as { __leadrescueDb?: Promise<Database> };

async function prepare(): Promise<Database> {
  const db = await openDatabase({
    url: env.DATABASE_URL ?? null,
    dataDir: env.PGLITE_DATA_DIR,
    namedStatements: env.DATABASE_PREPARED_STATEMENTS,
  });
  if (!db.url) {
    await applyMigrations(db.adapterFactory);
    const close = () => void db.close().finally(() => process.exit(0));
    process.once("SIGTERM", close);
    process.once("SIGINT", close);
  }
  return db;
}

export function getDb(): Promise<Database> {
  g.__leadrescueDb ??= prepare().catch((err) => {
    g.__leadrescueDb = undefined;
    throw err;
  });
  return g.__leadrescueDb;
}

/** For tests and scripts that open their own database. */
export function setDb(db: Database | undefined): void {
  g.__leadrescueDb = db ? Promise.resolve(db) : undefined;
}

export async function getPrisma() {
  return (await getDb()).prisma;
}

/** The process's database as the opaque handle that code outside server/db passes around (system.ts). */
export async function getSystemDb(): Promise<SystemDb> {
  return systemDb(await getPrisma());
}
