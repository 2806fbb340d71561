// The handles code outside server/db gets (system.ts): a tenant's scoped client sees only that
// tenant, the global tables refuse tenant data, and the lint rule keeps the raw client out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { forTenant, globalDb, systemDb, type SystemDb } from "./system";

describe(`tenancy closed by types (${engineName})`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sys: SystemDb;
  let a: { id: string };
  let b: { id: string };
  beforeAll(async () => {
    db = await createTestDatabase();
    sys = systemDb(db.prisma);
    a = await makeTenant(db.prisma, { name: "Alpha Plumbing" });
    b = await makeTenant(db.prisma, { name: "Bravo Plumbing" });
    await makeLead(db.prisma, a.id, { callerName: "Ann" });
    await makeLead(db.prisma, b.id, { callerName: "Bob" });
    await makeUser(db.prisma, { email: "owner@alpha.test" });
  });
  afterAll(() => db.drop());

  it("a tenant's client reads its own leads and its own tenant row, never another's", async () => {
    const alpha = forTenant(sys, a.id);
    expect((await alpha.lead.findMany()).map((l) => l.callerName)).toEqual(["Ann"]);
    expect((await alpha.tenant.findMany()).map((t) => t.id)).toEqual([a.id]);
    expect(await alpha.tenant.findUnique({ where: { id: b.id } })).toBeNull();
    expect(await alpha.lead.updateMany({ where: { callerName: "Bob" }, data: { callerName: "Mallory" } })).toEqual({ count: 0 });
  });

  it("the global tables answer for users and the tenant directory and refuse tenant models", async () => {
    const global = globalDb(sys);
    expect(await global.user.count({ where: { email: "owner@alpha.test" } })).toBe(1);
    expect(await global.tenant.count()).toBeGreaterThanOrEqual(2);
    // Absent from the type; refused at run time for code that gets around the type.
    const lead = (global as unknown as typeof db.prisma).lead;
    await expect(lead.findMany()).rejects.toThrow(/Lead is tenant data/);
  });

  it("ESLint refuses the raw client outside server/db, server/jobs and tests", async () => {
    const eslint = new ESLint();
    const code = `import { getPrisma } from "@/server/db";\nimport type { PrismaClient } from "@/server/db/generated/client";\nexport const f = (p: PrismaClient) => [p, getPrisma];\n`;
    const errorsAt = async (filePath: string) =>
      (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === "no-restricted-imports").length;
    expect(await errorsAt("server/leads/raw-access.ts")).toBe(2);
    expect(await errorsAt("app/t/[slug]/raw-access/page.tsx")).toBe(2);
    expect(await errorsAt("server/db/raw-access.ts")).toBe(0);
    expect(await errorsAt("server/jobs/raw-access.ts")).toBe(0);
  }, 60_000);
});
