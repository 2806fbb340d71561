// A fresh, migrated database per test file: in-process PGlite by default, or a throwaway
// database on the PostgreSQL server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "@/server/db/engine";
import { applyMigrations } from "@/server/db/migrate";
import { setDb } from "@/server/db";

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
