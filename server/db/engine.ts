// Opens the one database the app runs on: PostgreSQL when DATABASE_URL is set, otherwise an
// embedded PGlite in .data/. Kept in a globalThis singleton opened lazily: Next evaluates this
// module several times, and two PGlite instances on one data dir silently diverge.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { announcingSettingsWrites } from "./settings-writes";
import { NAMED_STATEMENTS, statementNamer } from "./statement-names";

export type Database = {
  prisma: PrismaClient;
  /** The embedded engine, when there is one (pg-boss runs on it too). */
  pglite: PGlite | null;
  /** PostgreSQL connection string, when there is one. */
  url: string | null;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  url?: string | null;
  dataDir?: string;
  /** PostgreSQL: how many distinct statements the pool prepares by name (statement-names.ts); 0: none. */
  namedStatements?: number;
};

export function defaultDataDir(): string {
  return path.resolve(
    process.env.PGLITE_DATA_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".data", "pglite"),
  );
}

/** Opens a database without touching the global singleton (tests open many). */
export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  const url = opts.url ?? null;
  if (url) {
    // JIT off: PostgreSQL compiles any statement its cost estimate calls expensive, and for the
    // app's statements (short, index-driven) compiling costs more than it saves. The agency
    // roll-up over 1,000 businesses took 1.5 s with JIT and 0.7 s without (npm run bench -- reports).
    const named = opts.namedStatements ?? NAMED_STATEMENTS;
    const adapterFactory = new PrismaPg(
      {
        connectionString: url,
        max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
        connectionTimeoutMillis: 5_000,
        options: "-c jit=off",
      },
      // Statements the app runs again and again are prepared once per connection (statement-names.ts).
      named > 0 ? { statementNameGenerator: statementNamer(named) } : undefined,
    );
    const prisma = announcingSettingsWrites(new PrismaClient({ adapter: adapterFactory }));
    return { prisma, pglite: null, url, adapterFactory, close: () => prisma.$disconnect() };
  }
  const dataDir = opts.dataDir ?? defaultDataDir();
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir === "memory://" ? undefined : dataDir);
  // pglite-prisma-adapter carries its own copy of the driver-adapter types.
  const adapterFactory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const prisma = announcingSettingsWrites(new PrismaClient({ adapter: adapterFactory as never }));
  return {
    prisma,
    pglite,
    url: null,
    adapterFactory,
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
