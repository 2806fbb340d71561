// Demo data: the same free trial every new business gets, through the local Stripe fake. Never
// runs against a real Stripe account.
import type { PrismaClient } from "@/server/db/generated/client";
import { getStripeHandle } from "@/server/integrations/stripe";
import { startTrial } from "./start-trial";

export async function seedTrialSubscription(prisma: PrismaClient, tenantId: string, opts: { email?: string | null; trialDays?: number } = {}): Promise<boolean> {
  const handle = await getStripeHandle();
  if (handle.mode !== "local") return false;
  await startTrial(prisma, tenantId, opts);
  return true;
}
