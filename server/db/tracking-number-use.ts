// Whether a phone number is a tracking number, and whose: the one question about other businesses'
// numbers a business's own settings must ask. A tracking number belongs to one business (the number
// a caller dials decides whose call it is), and a plumber's or on-call phone that is any business's
// tracking number would ring itself in a loop. Answers "ours", "another" or null; never which business.
import { Prisma } from "./generated/client";
import { scopeOf, unscoped, type TenantDb, type TenantTx } from "./tenant-scope";

export async function trackingNumberUse(
  db: TenantDb | TenantTx,
  e164: string,
): Promise<"ours" | "another" | null> {
  const tenantId = scopeOf(db);
  const rows = await unscoped(db).$queryRaw<{ tenantId: string }[]>(
    Prisma.sql`SELECT "tenantId" FROM "TrackingNumber" WHERE e164 = ${e164} LIMIT 1`,
  );
  const owner = rows[0]?.tenantId;
  return owner ? (owner === tenantId ? "ours" : "another") : null;
}
