// Is a ZIP in the business's service area, and the polite decline when it is not: the same words
// the AI says on a call to an out-of-area caller, written for a screen.
import type { TenantDb } from "@/server/db/tenant-scope";

export async function zipServed(db: Pick<TenantDb, "serviceZip">, zip: string): Promise<boolean> {
  return (await db.serviceZip.findFirst({ where: { zip }, select: { id: true } })) !== null;
}

export function outOfAreaDecline(business: string, zip: string): string {
  return `I'm sorry, ${business} doesn't cover ZIP code ${zip}, so we can't send a plumber out there. A local plumber near you will be your quickest help.`;
}
