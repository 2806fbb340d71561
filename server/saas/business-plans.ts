// The agency's businesses with their plan, overage choice and this month's usage (the console's
// plan column), and changing a business's plan — which also moves its subscription on the
// agency's Stripe account when the agency is connected (server/saas/connect-billing.ts).
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { getStripe } from "@/server/integrations/stripe";
import { syncAgencyBilling } from "./agency-billing";
import { assignPlan, type AssignPlanInput } from "./plans";
import { planUsageOf } from "./plan-usage";

export async function agencyBusinessesWithPlans(sys: SystemDb, agencyId: string, now: Date = new Date()) {
  const tenants = await globalDb(sys).tenant.findMany({
    where: { agencyId },
    select: { id: true, name: true, slug: true, overagePolicy: true, agencyPlanId: true },
    orderBy: { name: "asc" },
  });
  const out = [];
  for (const t of tenants) {
    const db = forTenant(sys, t.id);
    const state = t.agencyPlanId ? await planUsageOf(db, t.id, now) : null;
    const account = await db.billingAccount.findUnique({
      where: { tenantId: t.id },
      select: { status: true, stripeAccountId: true },
    });
    out.push({
      id: t.id,
      name: t.name,
      slug: t.slug,
      planId: t.agencyPlanId,
      planName: state?.plan.name ?? null,
      overagePolicy: t.overagePolicy,
      usage: state?.usage ?? null,
      capReached: state?.capReached ?? false,
      saasBilling: !!account?.stripeAccountId,
      subscriptionStatus: account?.status ?? "none",
    });
  }
  return out;
}

export type ChangePlanDeps = {
  onPlanChanged?: (
    sys: SystemDb,
    input: { tenantId: string; planId: string | null; previousPlanId: string | null },
  ) => Promise<void>;
};

export async function changeBusinessPlan(
  sys: SystemDb,
  ctx: { agencyId: string; actorId: string },
  input: AssignPlanInput,
  deps: ChangePlanDeps = {},
) {
  const result = await assignPlan(sys, ctx, input);
  if (deps.onPlanChanged && result.planId !== result.previousPlanId) await deps.onPlanChanged(sys, result);
  return result;
}

/** A new business of the agency starts on a plan: assigned, then billed on the agency's Stripe when connected. True when it is. */
export async function startAgencyPlan(
  sys: SystemDb,
  ctx: { agencyId: string; actorId: string },
  input: { tenantId: string; planId: string; email?: string | null },
): Promise<boolean> {
  await assignPlan(sys, ctx, { tenantId: input.tenantId, planId: input.planId });
  try {
    return (
      (await syncAgencyBilling(sys, await getStripe(), input.tenantId, { email: input.email })) ===
      "subscribed"
    );
  } catch (err) {
    console.error(`Agency billing for tenant ${input.tenantId} could not start: ${(err as Error).message}`);
    return false;
  }
}
