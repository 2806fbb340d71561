// The handles code outside server/db gets (system.ts): a tenant's scoped client sees only that
// tenant, the global tables refuse tenant data, and the lint rule keeps the raw client out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { addMember, makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { Prisma } from "./generated/client";
import { forAgency } from "./agency";
import { forTenant, globalDb, systemDb, type SystemDb } from "./system";
import { tenantPeople } from "./tenant-people";
import { SCOPED_CLIENTS_KEPT, scopeOf, type TenantDb } from "./tenant-scope";
import { tenantSql } from "./tenant-sql";

// No global table and no raw SQL on a tenant's client, at the type level (tsc fails if one comes back).
type NotOnTenantDb =
  | "user"
  | "agency"
  | "agencyMember"
  | "signInThrottle"
  | "stripeEvent"
  | "apiRateWindow"
  | "$queryRaw"
  | "$queryRawUnsafe"
  | "$executeRaw"
  | "$executeRawUnsafe";
const tenantDbHasNone: Extract<keyof TenantDb, NotOnTenantDb> extends never ? true : false = true;
export function notOnTenantDb(db: TenantDb) {
  // @ts-expect-error users are global: tenantPeople
  void db.user;
  // @ts-expect-error raw SQL is not scoped: tenantSql
  void db.$queryRaw;
  // @ts-expect-error and not inside a transaction either
  void db.$transaction((tx) => tx.$executeRawUnsafe("SELECT 1"));
  return db.lead;
}

describe(`tenancy closed by types (${engineName})`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sys: SystemDb;
  let a: { id: string };
  let b: { id: string };
  let c: { id: string };
  let people: Record<"ownerA" | "ownerB" | "operator" | "stranger", { id: string }>;
  beforeAll(async () => {
    db = await createTestDatabase();
    sys = systemDb(db.prisma);
    const agency = await db.prisma.agency.create({ data: { name: "Delta Agency" } });
    people = {
      ownerA: await makeUser(db.prisma, { email: "owner@alpha.test", name: "Owner A" }),
      ownerB: await makeUser(db.prisma, { name: "Owner B" }),
      operator: await makeUser(db.prisma, { name: "Operator" }),
      stranger: await makeUser(db.prisma, { name: "Stranger" }),
    };
    await db.prisma.agencyMember.create({ data: { agencyId: agency.id, userId: people.operator.id } });
    a = await makeTenant(db.prisma, { name: "Alpha Plumbing", agencyId: agency.id });
    b = await makeTenant(db.prisma, { name: "Bravo Plumbing" });
    c = await makeTenant(db.prisma, { name: "Charlie Plumbing", agencyId: agency.id });
    await addMember(db.prisma, a.id, people.ownerA.id, "owner");
    await addMember(db.prisma, b.id, people.ownerB.id, "owner");
    await makeLead(db.prisma, a.id, { callerName: "Ann" });
    await makeLead(db.prisma, b.id, { callerName: "Bob" });
    await makeLead(db.prisma, c.id, { callerName: "Cal" });
  });
  afterAll(() => db.drop());

  it("a tenant's client reads its own leads and its own tenant row, never another's", async () => {
    const alpha = forTenant(sys, a.id);
    expect((await alpha.lead.findMany()).map((l) => l.callerName)).toEqual(["Ann"]);
    expect((await alpha.tenant.findMany()).map((t) => t.id)).toEqual([a.id]);
    expect(await alpha.tenant.findUnique({ where: { id: b.id } })).toBeNull();
    expect(
      await alpha.lead.updateMany({ where: { callerName: "Bob" }, data: { callerName: "Mallory" } }),
    ).toEqual({ count: 0 });
  });

  it("a tenant's client has no global tables and no raw SQL: refused at run time for code that gets around the type", async () => {
    expect(tenantDbHasNone).toBe(true);
    const alpha = forTenant(sys, a.id) as unknown as typeof db.prisma;
    await expect(alpha.user.findMany()).rejects.toThrow(/User is not tenant data/);
    await expect(alpha.agencyMember.count()).rejects.toThrow(/AgencyMember is not tenant data/);
  });

  it("tenantSql binds the client's own tenant: a statement cannot read another business", async () => {
    const names = await tenantSql(forTenant(sys, a.id))<{ callerName: string }[]>(
      (tenants) =>
        Prisma.sql`SELECT "callerName" FROM "Lead" WHERE "tenantId" IN (${tenants}) OR "tenantId" = 'nobody' ORDER BY 1`,
    );
    expect(names.map((r) => r.callerName)).toEqual(["Ann"]);
    const inTx = await forTenant(sys, b.id).$transaction((tx) =>
      tenantSql(tx)<{ n: number }[]>(
        (tenants) => Prisma.sql`SELECT count(*)::int AS n FROM "Lead" WHERE "tenantId" IN (${tenants})`,
      ),
    );
    expect(inTx).toEqual([{ n: 1 }]);
  });

  it("a kept scoped client is only ever its own tenant's, on its own base client", async () => {
    const alpha = forTenant(sys, a.id);
    expect(forTenant(sys, a.id)).toBe(alpha);
    const bravo = forTenant(sys, b.id);
    expect(bravo).not.toBe(alpha);
    expect([scopeOf(alpha), scopeOf(bravo)]).toEqual([a.id, b.id]);
    // Another base client (here the same database through an extension) builds its own.
    const other = systemDb(db.prisma.$extends({}) as unknown as typeof db.prisma);
    expect(forTenant(other, a.id)).not.toBe(alpha);
    expect(scopeOf(forTenant(other, a.id))).toBe(a.id);
    // Many tenants, more than are kept, asked for in between: each client still reads its own rows only.
    for (let i = 0; i < SCOPED_CLIENTS_KEPT + 5; i++) expect(scopeOf(forTenant(sys, `t${i}`))).toBe(`t${i}`);
    const reads = await Promise.all(
      [a.id, b.id, c.id, a.id, b.id, c.id].map(async (id) =>
        (await forTenant(sys, id).lead.findMany()).map((l) => l.callerName),
      ),
    );
    expect(reads).toEqual([["Ann"], ["Bob"], ["Cal"], ["Ann"], ["Bob"], ["Cal"]]);
    // The scope a kept client carries cannot be changed by a request that got hold of it.
    const scope = (alpha as unknown as { $tenantScope: { tenantId: string } }).$tenantScope;
    expect(() => {
      scope.tenantId = b.id;
    }).toThrow(TypeError);
    expect(scopeOf(forTenant(sys, a.id))).toBe(a.id);
    expect(() => forTenant(sys, "")).toThrow(/needs a tenantId/);
  });

  it("tenantPeople names this business's members and its agency's operators, no one else", async () => {
    const ids = Object.values(people).map((p) => p.id);
    const ofA = await tenantPeople(forTenant(sys, a.id), ids);
    expect(ofA.map((p) => p.name).sort()).toEqual(["Operator", "Owner A"]);
    const ofB = await tenantPeople(forTenant(sys, b.id), ids);
    expect(ofB.map((p) => p.name)).toEqual(["Owner B"]);
    // A removed member keeps their name in the business's own history (its audit log).
    await db.prisma.auditLog.create({
      data: {
        tenantId: b.id,
        actorId: people.ownerB.id,
        action: "member.removed",
        target: people.stranger.id,
      },
    });
    expect((await tenantPeople(forTenant(sys, b.id), ids)).map((p) => p.name).sort()).toEqual([
      "Owner B",
      "Stranger",
    ]);
    expect((await tenantPeople(forTenant(sys, a.id), ids)).map((p) => p.name)).not.toContain("Stranger");
  });

  it("forAgency reads the agency's businesses only, and only reads", async () => {
    const agencyId = (await db.prisma.tenant.findUniqueOrThrow({ where: { id: a.id } })).agencyId!;
    const agency = forAgency(sys, agencyId);
    expect(
      (await agency.db.lead.findMany({ orderBy: { callerName: "asc" } })).map((l) => l.callerName),
    ).toEqual(["Ann", "Cal"]);
    expect((await agency.db.lead.findMany({ where: { tenantId: b.id } })).length).toBe(0);
    expect((await agency.db.tenant.findMany({ orderBy: { name: "asc" } })).map((t) => t.name)).toEqual([
      "Alpha Plumbing",
      "Charlie Plumbing",
    ]);
    const viaSql = await agency.sql<{ callerName: string }[]>(
      (tenants) => Prisma.sql`SELECT "callerName" FROM "Lead" WHERE "tenantId" IN (${tenants}) ORDER BY 1`,
    );
    expect(viaSql.map((r) => r.callerName)).toEqual(["Ann", "Cal"]);
    const raw = agency.db as unknown as typeof db.prisma;
    await expect(raw.lead.updateMany({ data: { callerName: "X" } })).rejects.toThrow(/only reads/);
    await expect(raw.user.findMany()).rejects.toThrow(/not a business's data/);
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
      (await eslint.lintText(code, { filePath }))[0]!.messages.filter(
        (m) => m.ruleId === "no-restricted-imports",
      ).length;
    expect(await errorsAt("server/leads/raw-access.ts")).toBe(2);
    expect(await errorsAt("app/t/[slug]/raw-access/page.tsx")).toBe(2);
    expect(await errorsAt("server/db/raw-access.ts")).toBe(0);
    expect(await errorsAt("server/jobs/raw-access.ts")).toBe(0);
    const unscopedSql = `import { unscoped } from "@/server/db/tenant-scope";\nexport const f = unscoped;\n`;
    expect(
      (await eslint.lintText(unscopedSql, { filePath: "server/leads/raw-sql.ts" }))[0]!.messages.map(
        (m) => m.ruleId,
      ),
    ).toEqual(["no-restricted-imports"]);
  }, 60_000);

  it("ESLint refuses ctx.sys in a module of tenant procedures, and global tables or raw SQL on ctx.db", async () => {
    const eslint = new ESLint();
    const syntaxErrors = async (code: string, filePath = "server/trpc/routers/probe.ts") =>
      (await eslint.lintText(code, { filePath }))[0]!.messages
        .filter((m) => m.ruleId === "no-restricted-syntax")
        .map((m) => m.message);
    const router = (body: string) =>
      `import { router, tenantProcedure } from "@/server/trpc/init";\nexport const probeRouter = router({ probe: tenantProcedure.meta({ permission: "leads.read" }).query(async ({ ctx }) => ${body}) });\n`;
    expect(await syntaxErrors(router("ctx.sys"))).toEqual([
      expect.stringMatching(/A tenant procedure gets no system handle/),
    ]);
    expect(await syntaxErrors(router("ctx.db.user.findMany()"))).toEqual([
      expect.stringMatching(/ctx.db is one tenant's client/),
    ]);
    expect(await syntaxErrors(router("ctx.db.$queryRaw`SELECT 1`"))).toEqual([
      expect.stringMatching(/ctx.db is one tenant's client/),
    ]);
    expect(await syntaxErrors(router("ctx.db.lead.findMany()"))).toEqual([]);
    // Not a module of tenant procedures (the public and agency routers may hand ctx.sys to named lookups).
    expect(
      await syntaxErrors(
        `import { publicProcedure } from "@/server/trpc/init";\nexport const p = publicProcedure.query(({ ctx }) => ctx.sys);\n`,
      ),
    ).toEqual([]);
  }, 60_000);
});
