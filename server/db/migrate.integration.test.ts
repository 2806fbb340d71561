import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { applyMigrations, loadMigrationsList } from "./migrate";
import { TENANT_MODELS } from "./tenant-scope";
import { readFile } from "node:fs/promises";

describe(`migrations (${engineName})`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("records every migration in _prisma_migrations, as prisma migrate deploy does", async () => {
    const { migrationDirectories } = await loadMigrationsList();
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
      `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((d) => d.path));
    expect(rows.every((r) => r.finished_at)).toBe(true);
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(db.adapterFactory)).toEqual([]);
  });

  it("lists every model that has a tenantId as a tenant model", async () => {
    const schema = await readFile("prisma/schema.prisma", "utf8");
    const withTenant = [...schema.matchAll(/model (\w+) \{([^}]*)\}/g)]
      .filter((m) => /\n\s+tenantId\s/.test(m[2] ?? ""))
      .map((m) => m[1]);
    expect([...TENANT_MODELS].sort()).toEqual(withTenant.sort());
  });
});
