// Demo data: the same free trial every new business gets, through the local Stripe fake. Never
// runs against a real Stripe account.
import type { TenantDb } from "@/server/db/tenant-scope";
import { getStripeHandle } from "@/server/integrations/stripe";
import { startTrial } from "./start-trial";

export async function seedTrialSubscription(
  db: TenantDb,
  tenantId: string,
  opts: { email?: string | null; trialDays?: number } = {},
): Promise<boolean> {
  const handle = await getStripeHandle();
  if (handle.mode !== "local") return false;
  await startTrial(db, tenantId, opts);
  return true;
}
