// SaaS mode's agency gate, proved for every saas.* procedure: signed-out callers and business
// owners are refused, and an operator of agency X can neither see nor change anything of agency Y
// — its businesses, plans, Stripe account, margin, API keys or brand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callProcedure as call, callerFor, errorCode } from "@/server/test/caller";
import { appRouter } from "@/server/trpc/root";
import { completeSetup, makeTenant, makeUser } from "@/prisma/factories";
import { SAAS_AGENCY_PROCEDURES } from "./saas-procedures";

type Fixture = Awaited<ReturnType<typeof setup>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fx: Fixture;

/** A 1×1 PNG. */
const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const PLAN = {
  name: "Yankee Gold",
  monthlyPriceCents: 29900,
  includedCalls: 50,
  includedTexts: 200,
  overageCallCents: 600,
  overageTextCents: 8,
  trialDays: 7,
};

async function setup() {
  const prisma = db.prisma;
  const x = await prisma.agency.create({ data: { name: "Xeno Agency", slug: "xeno-agency" } });
  const y = await prisma.agency.create({
    data: {
      name: "Yankee Agency",
      slug: "yankee-agency",
      stripeAccountId: "acct_yankee_secret",
      stripeChargesEnabled: true,
    },
  });
  const operatorX = await makeUser(prisma, { name: "Operator X" });
  const operatorY = await makeUser(prisma, { name: "Operator Y" });
  const ownerX = await makeUser(prisma, { name: "Owner X" });
  const ownerY = await makeUser(prisma, { name: "Owner Y" });
  await prisma.agencyMember.create({ data: { agencyId: x.id, userId: operatorX.id } });
  await prisma.agencyMember.create({ data: { agencyId: y.id, userId: operatorY.id } });
  const tx = await makeTenant(prisma, { name: "Xylo Plumbing", agencyId: x.id, ownerId: ownerX.id });
  const ty = await makeTenant(prisma, { name: "Yodel Plumbing", agencyId: y.id, ownerId: ownerY.id });
  await completeSetup(prisma, tx.id);
  await completeSetup(prisma, ty.id, { trackingNumber: "+19075550912" });
  const planY = await prisma.agencyPlan.create({ data: { agencyId: y.id, ...PLAN } });
  const planX = await prisma.agencyPlan.create({ data: { agencyId: x.id, ...PLAN, name: "Xeno Basic" } });
  await prisma.tenant.update({ where: { id: ty.id }, data: { agencyPlanId: planY.id } });
  const keyY = await prisma.agencyApiKey.create({
    data: { agencyId: y.id, name: "Yankee books", prefix: "lr_agency_yyyy", hash: "yankee-key-hash" },
  });
  return { x, y, operatorX, operatorY, ownerX, ownerY, tx, ty, planX, planY, keyY };
}

/** Inputs per procedure aimed at agency Y (by naming Y, Y's business or Y's plan). Every procedure must have some. */
const SAMPLES: Record<(typeof SAAS_AGENCY_PROCEDURES)[number], (f: Fixture) => unknown[]> = {
  "saas.plans": (f) => [{ agencyId: f.y.id }],
  "saas.createPlan": (f) => [{ agencyId: f.y.id, plan: { ...PLAN, name: "Sneaky" } }],
  "saas.updatePlan": (f) => [
    { planId: f.planY.id, plan: { ...PLAN, monthlyPriceCents: 100 } },
    { agencyId: f.y.id, planId: f.planY.id, plan: PLAN },
  ],
  "saas.businesses": (f) => [{ agencyId: f.y.id }],
  "saas.assignPlan": (f) => [
    { tenantId: f.ty.id, planId: f.planX.id },
    { tenantId: f.ty.id, planId: null, overagePolicy: "stop_ai" },
    { tenantId: f.tx.id, planId: f.planY.id },
    { agencyId: f.y.id, tenantId: f.ty.id, planId: null },
  ],
  "saas.connectStatus": (f) => [{ agencyId: f.y.id }, { agencyId: f.y.id, refresh: true }],
  "saas.startConnect": (f) => [{ agencyId: f.y.id }],
  "saas.margin": (f) => [{ agencyId: f.y.id, month: "2026-03" }],
  "saas.marginHistory": (f) => [{ agencyId: f.y.id }],
  "saas.apiKeys": (f) => [{ agencyId: f.y.id }],
  "saas.createApiKey": (f) => [{ agencyId: f.y.id, name: "Sneaky key" }],
  "saas.revokeApiKey": (f) => [{ id: f.keyY.id }, { agencyId: f.y.id, id: f.keyY.id }],
  "saas.brand": (f) => [{ agencyId: f.y.id }],
  "saas.updateBrand": (f) => [
    { agencyId: f.y.id, brand: { slug: "yankee-agency", name: "Hijacked", accentColor: "#000000" } },
  ],
  "saas.uploadLogo": (f) => [{ agencyId: f.y.id, base64: PNG_1PX }],
};

type Proc = { _def: { type: "query" | "mutation" } };
const saasProcedures = Object.keys(
  (appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures,
).filter((p) => p.startsWith("saas."));

/** Everything of an agency an operator could touch through SaaS mode. */
async function snapshotAgency(agencyId: string) {
  const [agency, tenants, plans, keys] = await Promise.all([
    db.prisma.agency.findUniqueOrThrow({ where: { id: agencyId } }),
    db.prisma.tenant.findMany({ where: { agencyId }, orderBy: { id: "asc" } }),
    db.prisma.agencyPlan.findMany({ where: { agencyId }, orderBy: { id: "asc" } }),
    db.prisma.agencyApiKey.findMany({ where: { agencyId }, orderBy: { id: "asc" } }),
  ]);
  const accounts = await db.prisma.billingAccount.findMany({
    where: { tenantId: { in: tenants.map((t) => t.id) } },
    orderBy: { id: "asc" },
  });
  return JSON.stringify({
    agency: { ...agency, logo: agency.logo ? Buffer.from(agency.logo).toString("base64") : null },
    tenants,
    plans,
    keys,
    accounts,
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await setup();
});
afterAll(() => db.drop());

describe(`SaaS-mode agency gate (${engineName})`, () => {
  it("finds every saas procedure, each listed and with a cross-agency sample", () => {
    expect(saasProcedures.sort()).toEqual([...SAAS_AGENCY_PROCEDURES].sort());
  });

  it.each(saasProcedures)("%s refuses a signed-out caller", async (path) => {
    for (const input of SAMPLES[path as keyof typeof SAMPLES](fx))
      expect(await errorCode(call(callerFor(db.prisma, null), path, input))).toBe("UNAUTHORIZED");
  });

  it.each(saasProcedures)("%s refuses a business owner (even of the agency's own business)", async (path) => {
    const before = await snapshotAgency(fx.x.id);
    for (const input of [
      ...SAMPLES[path as keyof typeof SAMPLES](fx),
      { agencyId: fx.x.id, tenantId: fx.tx.id, planId: fx.planX.id },
      undefined,
    ]) {
      expect(await errorCode(call(callerFor(db.prisma, fx.ownerX.id, fx.tx.slug), path, input))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await snapshotAgency(fx.x.id)).toBe(before);
  });

  it.each(saasProcedures)(
    "%s lets an operator of agency X neither see nor change anything in agency Y",
    async (path) => {
      const before = await snapshotAgency(fx.y.id);
      for (const input of SAMPLES[path as keyof typeof SAMPLES](fx)) {
        let result: unknown;
        const code = await errorCode(
          call(callerFor(db.prisma, fx.operatorX.id), path, input).then((r) => (result = r)),
        );
        expect(code).toBe("FORBIDDEN");
        expect(JSON.stringify(result ?? null)).not.toContain("Yodel");
      }
      expect(await snapshotAgency(fx.y.id)).toBe(before);
    },
  );

  it("A business of one agency is never visible to another agency's operator", async () => {
    const x = callerFor(db.prisma, fx.operatorX.id);
    const seen = JSON.stringify([
      await x.saas.businesses(),
      await x.saas.plans(),
      await x.saas.margin({ month: "2026-03" }),
      await x.saas.apiKeys(),
      await x.saas.connectStatus(),
    ]);
    expect(seen).toContain("Xylo Plumbing");
    for (const secret of ["Yodel", fx.ty.id, "Yankee Gold", fx.planY.id, "acct_yankee_secret"])
      expect(seen).not.toContain(secret);
  });
});
