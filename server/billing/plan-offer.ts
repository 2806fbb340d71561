// The plan a business subscribes to, read from the Stripe prices themselves so the billing page
// and the checklist show the same price Checkout will charge. Cached for a few minutes.
import type Stripe from "stripe";
import { TRIAL_DAYS } from "./start-trial";

export type PlanOffer = {
  name: string;
  baseAmount: number;
  perCallAmount: number;
  currency: string;
  trialDays: number;
};

const TTL_MS = 10 * 60_000;
const g = globalThis as unknown as { __leadrescuePlanOffer?: { at: number; key: string; offer: PlanOffer } };

export async function planOffer(
  stripe: () => Promise<Stripe>,
  plan: { basePriceId: string; usagePriceId: string },
  now = Date.now(),
): Promise<PlanOffer | null> {
  const key = `${plan.basePriceId} ${plan.usagePriceId}`;
  const cached = g.__leadrescuePlanOffer;
  if (cached && cached.key === key && now - cached.at < TTL_MS) return cached.offer;
  try {
    const s = await stripe();
    const [base, usage] = await Promise.all([
      s.prices.retrieve(plan.basePriceId),
      s.prices.retrieve(plan.usagePriceId),
    ]);
    const offer: PlanOffer = {
      name: base.nickname ?? "LeadRescue",
      baseAmount: base.unit_amount ?? 0,
      perCallAmount: usage.unit_amount ?? 0,
      currency: base.currency,
      trialDays: TRIAL_DAYS,
    };
    g.__leadrescuePlanOffer = { at: now, key, offer };
    return offer;
  } catch (err) {
    // The page still works without the price; it says so rather than inventing one.
    console.error(`Plan prices could not be read from Stripe: ${(err as Error).message}`);
    return null;
  }
}
