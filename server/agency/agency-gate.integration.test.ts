// The agency gate, proved for every agency procedure (DESIGN "Tenancy": an agency operator has
// access to the tenants of their agency only): signed-out callers and tenant owners are refused,
// and an operator of agency X can neither see, pause, resume nor create anything in agency Y.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callProcedure as call, callerFor, errorCode } from "@/server/test/caller";
import { appRouter } from "@/server/trpc/root";
import { completeSetup, makeInboxLead, makeTenant, makeUser } from "@/prisma/factories";

type Fixture = Awaited<ReturnType<typeof setup>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fx: Fixture;

async function setup() {
  const prisma = db.prisma;
  const x = await prisma.agency.create({ data: { name: "Xeno Agency" } });
  const y = await prisma.agency.create({ data: { name: "Yankee Agency" } });
  const operatorX = await makeUser(prisma, { name: "Operator X" });
  const operatorY = await makeUser(prisma, { name: "Operator Y" });
  const ownerX = await makeUser(prisma, { name: "Owner X" });
  await prisma.agencyMember.create({ data: { agencyId: x.id, userId: operatorX.id } });
  await prisma.agencyMember.create({ data: { agencyId: y.id, userId: operatorY.id } });
  const tx = await makeTenant(prisma, { name: "Xylo Plumbing", agencyId: x.id, ownerId: ownerX.id });
  const ownerY = await makeUser(prisma, { name: "Owner Y" });
  const ty = await makeTenant(prisma, { name: "Yodel Plumbing", agencyId: y.id, ownerId: ownerY.id });
  await completeSetup(prisma, tx.id);
  await completeSetup(prisma, ty.id, { trackingNumber: "+19075550911" });
  await makeInboxLead(prisma, ty.id, { callerName: "Yodel Caller" });
  return { x, y, operatorX, operatorY, ownerX, ownerY, tx, ty };
}

/** Inputs per agency procedure aimed at agency Y (by naming Y, or Y's tenant). Every procedure must have some. */
const SAMPLES: Record<string, (f: Fixture) => unknown[]> = {
  "agency.overview": (f) => [{ agencyId: f.y.id }],
  "agency.reports": (f) => [{ agencyId: f.y.id, period: { kind: "this_month" } }],
  "agency.createTenant": (f) => [
    {
      agencyId: f.y.id,
      businessName: "Sneaky Plumbing",
      timeZone: "America/Chicago",
      ownerEmail: "sneaky@example.test",
    },
  ],
  "agency.pause": (f) => [
    { tenantId: f.ty.id, reason: "Poking at agency Y" },
    { agencyId: f.y.id, tenantId: f.ty.id, reason: "Poking at agency Y" },
  ],
  "agency.resume": (f) => [
    { tenantId: f.ty.id, reason: "Poking at agency Y" },
    { agencyId: f.y.id, tenantId: f.ty.id, reason: "Poking at agency Y" },
  ],
};

type Proc = { _def: { type: "query" | "mutation" } };
const agencyProcedures = Object.keys(
  (appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures,
).filter((p) => p.startsWith("agency."));

/** Everything of agency Y an operator could touch: its tenants, their members, invites and audit rows. */
async function snapshotAgency(agencyId: string) {
  const tenants = await db.prisma.tenant.findMany({ where: { agencyId }, orderBy: { id: "asc" } });
  const ids = tenants.map((t) => t.id);
  const [memberships, invites, audit] = await Promise.all([
    db.prisma.membership.findMany({ where: { tenantId: { in: ids } }, orderBy: { id: "asc" } }),
    db.prisma.invite.findMany({ where: { tenantId: { in: ids } }, orderBy: { id: "asc" } }),
    db.prisma.auditLog.findMany({ where: { tenantId: { in: ids } }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ tenants, memberships, invites, audit });
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await setup();
});
afterAll(() => db.drop());

describe(`agency gate (${engineName})`, () => {
  it("finds the agency procedures and has a cross-agency sample for each", () => {
    expect(agencyProcedures.sort()).toEqual([
      "agency.createTenant",
      "agency.overview",
      "agency.pause",
      "agency.reports",
      "agency.resume",
    ]);
    expect(agencyProcedures.filter((p) => !SAMPLES[p])).toEqual([]);
  });

  it.each(agencyProcedures)("%s refuses a signed-out caller", async (path) => {
    const before = await snapshotAgency(fx.x.id);
    for (const input of SAMPLES[path]!(fx))
      expect(await errorCode(call(callerFor(db.prisma, null), path, input))).toBe("UNAUTHORIZED");
    expect(await snapshotAgency(fx.x.id)).toBe(before);
  });

  it.each(agencyProcedures)("%s refuses a tenant owner who is not an agency operator", async (path) => {
    const before = await snapshotAgency(fx.x.id);
    // Aimed at the owner's own business and agency: owning a tenant still opens no agency console.
    const own = {
      agencyId: fx.x.id,
      tenantId: fx.tx.id,
      reason: "Owner trying",
      businessName: "Owner Co",
      timeZone: "America/Chicago",
      ownerEmail: "o@example.test",
    };
    for (const input of [...SAMPLES[path]!(fx), own, undefined]) {
      expect(await errorCode(call(callerFor(db.prisma, fx.ownerX.id, fx.tx.slug), path, input))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await snapshotAgency(fx.x.id)).toBe(before);
  });

  it.each(agencyProcedures)(
    "%s lets an operator of agency X neither see nor change anything in agency Y",
    async (path) => {
      const before = await snapshotAgency(fx.y.id);
      for (const input of SAMPLES[path]!(fx)) {
        let result: unknown;
        const code = await errorCode(
          call(callerFor(db.prisma, fx.operatorX.id), path, input).then((r) => {
            result = r;
          }),
        );
        expect(code).toBe("FORBIDDEN");
        expect(JSON.stringify(result ?? null)).not.toContain("Yodel");
      }
      expect(await snapshotAgency(fx.y.id)).toBe(before);
    },
  );

  it("shows an operator only their own agency's businesses", async () => {
    const res = await callerFor(db.prisma, fx.operatorX.id).agency.overview();
    expect(res.agency.name).toBe("Xeno Agency");
    expect(res.tenants.map((t) => t.name)).toEqual(["Xylo Plumbing"]);
    expect(JSON.stringify(res)).not.toContain("Yodel");
    expect(JSON.stringify(res)).not.toContain(fx.ty.id);
  });

  it("lets an operator of several agencies choose which one to run", async () => {
    const both = await makeUser(db.prisma, { name: "Operator XY" });
    await db.prisma.agencyMember.create({ data: { agencyId: fx.x.id, userId: both.id } });
    await db.prisma.agencyMember.create({ data: { agencyId: fx.y.id, userId: both.id } });
    const caller = callerFor(db.prisma, both.id);
    const first = await caller.agency.overview();
    expect(first.agencies.map((a) => a.name).sort()).toEqual(["Xeno Agency", "Yankee Agency"]);
    expect(first.tenants.map((t) => t.name)).toEqual(["Xylo Plumbing"]);
    expect((await caller.agency.overview({ agencyId: fx.y.id })).tenants.map((t) => t.name)).toEqual([
      "Yodel Plumbing",
    ]);
    // Naming agency X does not open Y's tenant for pausing.
    expect(
      await errorCode(caller.agency.pause({ agencyId: fx.x.id, tenantId: fx.ty.id, reason: "Wrong agency" })),
    ).toBe("FORBIDDEN");
  });
});
