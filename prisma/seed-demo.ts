// The demo data a fresh embedded database starts with (README "Demo logins"). Idempotent:
// it only seeds an empty database.
import type { PrismaClient } from "@/server/db/generated/client";
import { addMember, completeSetup, makeApiKey, makeTenant, makeUser } from "./factories";

export const DEMO = {
  password: "demo-password-1",
  owner: { email: "owner@demo-plumbing.test", name: "Dana Owner" },
  staff: { email: "staff@demo-plumbing.test", name: "Sam Staff" },
  operator: { email: "operator@demo-agency.test", name: "Olive Operator" },
  agency: "Demo Agency",
  tenant: { name: "Demo Plumbing", slug: "demo-plumbing", timeZone: "America/Chicago" },
  secondTenant: { name: "Hill Country Plumbing", slug: "hill-country-plumbing", timeZone: "America/Chicago" },
  trackingNumber: "+15125550100",
  plumberPhone: "+15125550101",
  onCallPhone: "+15125550102",
  zips: ["78701", "78702", "78703", "78704", "78705", "78712", "78721", "78722", "78723", "78751", "78756"],
  apiKey: "lr_live_demo_key_for_local_use_only_0001",
} as const;

export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.tenant.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}

export async function seedDemo(prisma: PrismaClient) {
  const agency = await prisma.agency.create({ data: { name: DEMO.agency } });
  const owner = await makeUser(prisma, { ...DEMO.owner, password: DEMO.password });
  const staff = await makeUser(prisma, { ...DEMO.staff, password: DEMO.password });
  const operator = await makeUser(prisma, { ...DEMO.operator, password: DEMO.password });
  await prisma.agencyMember.create({ data: { agencyId: agency.id, userId: operator.id } });

  const tenant = await makeTenant(prisma, { ...DEMO.tenant, agencyId: agency.id, ownerId: owner.id });
  await addMember(prisma, tenant.id, staff.id, "staff");
  await completeSetup(prisma, tenant.id, {
    trackingNumber: DEMO.trackingNumber,
    plumberPhone: DEMO.plumberPhone,
    onCallPhone: DEMO.onCallPhone,
    zips: [...DEMO.zips],
    slots: [
      { weekday: 2, start: "09:00", end: "11:00" },
      { weekday: 3, start: "13:00", end: "15:00" },
      { weekday: 4, start: "09:00", end: "11:00" },
    ],
  });
  await makeApiKey(prisma, tenant.id, DEMO.apiKey);

  const second = await makeTenant(prisma, { ...DEMO.secondTenant, agencyId: agency.id });
  await completeSetup(prisma, second.id, { trackingNumber: "+15125550200", plumberPhone: "+15125550201", onCallPhone: null, zips: ["78610", "78620", "78676"] });
  return { agency, owner, staff, operator, tenant, second };
}
