// Named prepared statements on PostgreSQL (statement-names.ts): a connection prepares at most the
// pool's cap of texts, a text with `*` is never prepared, and a migration that adds a column under
// a running instance fails none of its statements. PGlite runs every statement unnamed. The column
// lists that replace `*` in the call path's statements (columns.ts) are the tables' own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { openDatabase, type Database } from "./engine";
import { CALL_COLUMNS, LEAD_COLUMNS } from "./columns";

describe.skipIf(engineName !== "postgresql")("named prepared statements (postgresql)", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let capped: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    capped = await openDatabase({ url: db.url, namedStatements: 3 });
    await db.prisma.$executeRawUnsafe(`CREATE TABLE "Scratch" ("id" int PRIMARY KEY, "a" text)`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO "Scratch" VALUES (1, 'one'), (2, 'two')`);
  });
  afterAll(async () => {
    await capped?.close();
    await db?.drop();
  });

  /** The statements prepared on the transaction's connection. */
  const prepared = (tx: Pick<Database["prisma"], "$queryRawUnsafe">) =>
    tx.$queryRawUnsafe<{ statement: string }[]>(
      `SELECT "statement" FROM pg_prepared_statements WHERE NOT from_sql ORDER BY prepare_time`,
    );

  it("prepares a repeated statement once per connection and answers as before", async () => {
    const seen = await db.prisma.$transaction(async (tx) => {
      const rows = [];
      for (let i = 0; i < 4; i++)
        rows.push(await tx.$queryRawUnsafe<{ a: string }[]>(`SELECT "a" FROM "Scratch" WHERE "id" = $1`, 2));
      return { rows, statements: (await prepared(tx)).map((s) => s.statement) };
    });
    expect(seen.rows).toEqual(Array(4).fill([{ a: "two" }]));
    expect(seen.statements.filter((s) => s.includes(`FROM "Scratch"`))).toEqual([
      `SELECT "a" FROM "Scratch" WHERE "id" = $1`,
    ]);
  });

  it("prepares no more than the cap of distinct texts, and runs the rest unnamed", async () => {
    const seen = await capped.prisma.$transaction(async (tx) => {
      const answers: unknown[] = [];
      for (let i = 0; i < 10; i++)
        for (let k = 0; k < 3; k++)
          answers.push(await tx.$queryRawUnsafe(`SELECT "a", ${i} AS "i" FROM "Scratch" WHERE "id" = $1`, 1));
      return { answers, statements: await prepared(tx) };
    });
    expect(seen.answers).toEqual(Array.from({ length: 30 }, (_, n) => [{ a: "one", i: Math.floor(n / 3) }]));
    expect(seen.statements.length).toBeLessThanOrEqual(3);
  });

  it("never prepares a text with *, so a column added under a running instance fails none of its statements", async () => {
    const star = `SELECT * FROM "Scratch" WHERE "id" = $1`;
    const named = `SELECT "id", "a" FROM "Scratch" WHERE "id" = $1`;
    const run = () =>
      db.prisma.$transaction(async (tx) => {
        for (let i = 0; i < 3; i++) {
          await tx.$queryRawUnsafe(star, 1);
          await tx.$queryRawUnsafe(named, 1);
        }
        return {
          star: await tx.$queryRawUnsafe<Record<string, unknown>[]>(star, 1),
          named: await tx.$queryRawUnsafe<Record<string, unknown>[]>(named, 1),
          statements: (await prepared(tx)).map((s) => s.statement),
        };
      });
    const before = await run();
    expect(before.statements).toContain(named);
    expect(before.statements).not.toContain(star);
    // What a migration does while an older instance is still serving: its connections keep their statements.
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "Scratch" ADD COLUMN "b" text DEFAULT 'new'`);
    const after = await Promise.all([run(), run(), run()]);
    for (const r of after) {
      expect(r.star).toEqual([{ id: 1, a: "one", b: "new" }]);
      expect(r.named).toEqual([{ id: 1, a: "one" }]);
    }
  });
});

describe(`the column lists raw SQL uses for whole rows (${engineName})`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it("name every column of Lead and Call, as the tables have them", async () => {
    const columnsOf = async (table: string) =>
      (
        await db.prisma.$queryRawUnsafe<{ column_name: string }[]>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
          table,
        )
      )
        .map((c) => c.column_name)
        .sort();
    expect(Object.values(LEAD_COLUMNS).sort()).toEqual(await columnsOf("Lead"));
    expect(Object.values(CALL_COLUMNS).sort()).toEqual(await columnsOf("Call"));
  });
});
