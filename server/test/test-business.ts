// A plumbing business ready to take calls, for the call-flow integration tests and the benchmark:
// an owner, an office person (standard leads) and a dispatcher (emergencies) in the routing rule,
// the onboarding checklist complete, and billing eligible.
import type { PrismaClient } from "@/server/db/generated/client";
import { addMember, completeSetup, makeTenant, makeUser, type SetupInput } from "@/prisma/factories";

/** The billing half of the service gate, as the billing module reads it. */
export async function setBillingEligible(prisma: PrismaClient, tenantId: string, eligible: boolean) {
  const status = eligible ? "active" : "canceled";
  await prisma.billingAccount.upsert({
    where: { tenantId },
    create: { tenantId, status },
    update: { status },
  });
}

export type TestBusiness = Awaited<ReturnType<typeof makeTestBusiness>>;

export async function makeTestBusiness(
  prisma: PrismaClient,
  opts: { name?: string; setup?: SetupInput; routing?: boolean; ownerOnly?: boolean } = {},
) {
  const owner = await makeUser(prisma, { name: "Olivia Owner" });
  const tenant = await makeTenant(prisma, { name: opts.name ?? "Rescue Plumbing", ownerId: owner.id });
  if (opts.ownerOnly) {
    // A business of one: the owner is its only member, and so receives every lead.
    const { trackingNumber } = await completeSetup(prisma, tenant.id, opts.setup);
    await setBillingEligible(prisma, tenant.id, true);
    return { tenant, trackingNumber, ownerId: owner.id, officeId: owner.id, dispatchId: owner.id };
  }
  const office = await makeUser(prisma, { name: "Oscar Office" });
  const dispatch = await makeUser(prisma, { name: "Dana Dispatch" });
  await addMember(prisma, tenant.id, office.id, "staff");
  await addMember(prisma, tenant.id, dispatch.id, "staff");
  if (opts.routing !== false) {
    await prisma.routingRule.createMany({
      data: [
        { tenantId: tenant.id, kind: "standard", userId: office.id },
        { tenantId: tenant.id, kind: "emergency", userId: dispatch.id },
      ],
    });
  }
  const { trackingNumber } = await completeSetup(prisma, tenant.id, opts.setup);
  await setBillingEligible(prisma, tenant.id, true);
  return { tenant, trackingNumber, ownerId: owner.id, officeId: office.id, dispatchId: dispatch.id };
}

/** A webhook endpoint of the business for `events` (deliveries are recorded; tests queue none). */
export const addWebhookEndpoint = (prisma: PrismaClient, b: TestBusiness, events: string[]) =>
  prisma.webhookEndpoint.create({
    data: {
      tenantId: b.tenant.id,
      url: "https://hooks.example.test/leadrescue",
      events,
      secret: "whsec_dGVzdA==",
    },
  });
