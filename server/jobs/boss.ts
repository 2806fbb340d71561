// pg-boss on the app's own database: PostgreSQL, or the embedded PGlite (same instance Prisma
// uses). Jobs are durable rows, so timers survive restarts and fire once across workers.
import { PgBoss, fromPglite } from "pg-boss";
import type { Database } from "@/server/db";

export type Boss = PgBoss;

export function createBoss(db: Database, opts: { schedule?: boolean } = {}): PgBoss {
  const common = { schedule: opts.schedule ?? true, supervise: true, migrate: true };
  if (db.pglite)
    return new PgBoss({ ...common, db: fromPglite(db.pglite), backend: "pglite" } as ConstructorParameters<
      typeof PgBoss
    >[0]);
  if (!db.url) throw new Error("pg-boss needs PostgreSQL or PGlite");
  return new PgBoss({ ...common, connectionString: db.url, max: 4 });
}
