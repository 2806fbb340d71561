// The lookups that must cross tenants, by name. Everything else reaches tenant data through the
// tenant-scoped client (tenant-scope.ts) once the tenant is known; these are how it becomes known.
import type { PrismaClient } from "./generated/client";

/**
 * Twilio's voice and SMS webhooks name only the number that was called: tracking numbers are
 * unique across all businesses, and the number decides whose call (or text) this is.
 */
export async function findTenantByCalledNumber(prisma: PrismaClient, to: string) {
  const number = await prisma.trackingNumber.findUnique({ where: { e164: to.trim() }, include: { tenant: true } });
  return number?.tenant ?? null;
}
