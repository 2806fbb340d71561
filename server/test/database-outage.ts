// Database outages for tests: a PostgreSQL address that refuses connections, one that accepts
// them and never answers (a hung database), and a working database (either engine) that stalls
// for a while and then carries on, or fails the way a struggling one does.
import { createServer, type Server, type Socket } from "node:net";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { openDatabase, type Database } from "@/server/db/engine";
import { PrismaClient } from "@/server/db/generated/client";

/** A PostgreSQL "server" that refuses connections: the port was free a moment ago. */
export async function refusingDatabase(): Promise<Database> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/down` });
}

/** A PostgreSQL "server" that accepts connections and never answers: a hung database. */
export async function hangingDatabase(): Promise<{ db: Database; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  const hung = await openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/hung` });
  return {
    db: hung,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      await hung.close().catch(() => undefined);
    },
  };
}

export type StallingDatabase = {
  db: Database;
  /**
   * Statements sent from now on wait until `ms` from now, then run: every statement (and COMMIT),
   * only what runs in transactions (BEGIN, their statements, COMMIT), or only COMMIT.
   */
  hang(ms: number, scope?: "all" | "transactions" | "commit"): void;
  /** Starting a transaction fails with this error until `heal()` (plain statements still answer). */
  failTransactions(err: Error): void;
  heal(): void;
};

/**
 * The same database behind a second client whose statements can be held back: a database that
 * hangs longer than a webhook's deadline and then answers, on PGlite and PostgreSQL alike.
 */
export function stallingDatabase(base: Database): StallingDatabase {
  let until = 0;
  let scope: "all" | "transactions" | "commit" = "all";
  let failure: Error | null = null;
  const gate = async (inTransaction: boolean, method: string) => {
    if (!inTransaction && scope !== "all") return;
    if (scope === "commit" && method !== "commit") return;
    const wait = until - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
  const held = <T extends object>(target: T, methods: string[], inTransaction = false): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (!methods.includes(String(prop))) return fn.bind(t);
        return async (...args: unknown[]) => {
          await gate(inTransaction || prop === "startTransaction", String(prop));
          if (prop === "startTransaction" && failure) throw failure;
          const out = await fn.apply(t, args);
          return prop === "startTransaction"
            ? held(out as Transaction, ["queryRaw", "executeRaw", "commit"], true)
            : out;
        };
      },
    });
  const factory = base.adapterFactory;
  const adapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () =>
      held<SqlDriverAdapter>(await factory.connect(), ["queryRaw", "executeRaw", "startTransaction"]),
    connectToShadowDb: () => factory.connectToShadowDb(),
  } as SqlMigrationAwareDriverAdapterFactory;
  const prisma = new PrismaClient({ adapter: adapterFactory as never });
  return {
    db: { ...base, prisma, adapterFactory, close: () => prisma.$disconnect() },
    hang(ms, on = "all") {
      until = Date.now() + ms;
      scope = on;
    },
    failTransactions(err) {
      failure = err;
    },
    heal() {
      until = 0;
      failure = null;
    },
  };
}

/**
 * The database refuses every update of one row (a trigger that raises an error) until `heal()`:
 * a write that fails half-way through a step, on PGlite and PostgreSQL alike.
 */
export async function refusingRowUpdates(
  prisma: PrismaClient,
  row: { table: string; id: string },
): Promise<{ message: string; heal(): Promise<void> }> {
  if (!/^\w+$/.test(row.table) || !/^[\w-]+$/.test(row.id)) throw new Error("a table name and a row id");
  const name = `refuse_${row.table.toLowerCase()}_${row.id.replace(/-/g, "_")}`;
  const message = `${row.table} ${row.id} refuses updates (test)`;
  await prisma.$executeRawUnsafe(
    `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
  );
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE UPDATE ON "${row.table}" FOR EACH ROW WHEN (OLD."id" = '${row.id}') EXECUTE FUNCTION "${name}"()`,
  );
  return {
    message,
    async heal() {
      await prisma.$executeRawUnsafe(`DROP TRIGGER "${name}" ON "${row.table}"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION "${name}"()`);
    },
  };
}
