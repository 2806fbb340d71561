// The overview: the setup checklist plus billing as its last step, the service gate, and the
// one-sentence answer to "does the AI answer calls right now?" (server/billing/ai-status.ts).
import type { TenantDb } from "@/server/db/tenant-scope";
import { aiStatus } from "@/server/billing/ai-status";
import { billingEligibility } from "@/server/billing/billing-eligibility";
import type { PlanOffer } from "@/server/billing/plan-offer";
import { serviceGate } from "@/server/billing/service-gate";
import { money } from "@/server/billing/money";
import { setupChecklist, type ChecklistItem } from "./checklist";

export type OnboardingItem = Omit<ChecklistItem, "key"> & { key: ChecklistItem["key"] | "billing" };

const day = (timeZone: string, d: Date) =>
  new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric" }).format(d);

/** What the plan costs, in one line: "Free 14-day trial, then $149.00 a month + $4.00 per AI-handled call". */
export function priceLine(offer: PlanOffer | null): string {
  if (!offer) return "The price is shown on the Checkout page.";
  return `Free ${offer.trialDays}-day trial, then ${money(offer.baseAmount, offer.currency)} a month + ${money(offer.perCallAmount, offer.currency)} per AI-handled call.`;
}

export async function onboardingStatus(
  db: TenantDb,
  tenantId: string,
  offer: PlanOffer | null,
  now: Date = new Date(),
  viewer: { role?: string } = {},
) {
  const [checklist, gate, tenant, account] = await Promise.all([
    setupChecklist(db, tenantId),
    serviceGate(db, tenantId, now),
    db.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { timeZone: true, paused: true, cancelRequestedAt: true, detachAt: true, detachedAt: true },
    }),
    db.billingAccount.findUnique({
      where: { tenantId },
      select: { status: true, pastDueSince: true, trialEnd: true, hasPaymentMethod: true },
    }),
  ]);
  const billing = billingEligibility(account, now);
  const status = account?.status ?? "none";
  const trialing = status === "trialing" && account?.trialEnd;
  const billingItem: OnboardingItem = {
    key: "billing",
    label: "Billing",
    done: billing.eligible,
    hint: trialing
      ? account.hasPaymentMethod
        ? `Card on file: the plan starts when the free trial ends on ${day(tenant.timeZone, account.trialEnd!)}.`
        : `Free trial until ${day(tenant.timeZone, account.trialEnd!)}, no card needed. Add a card to keep the AI on after it. ${priceLine(offer).replace(/^Free \d+-day trial, then /, "Then ")}`
      : billing.eligible
        ? "Your plan is active."
        : `${billing.reason ?? "Billing is not active."} ${priceLine(offer)}`,
    href: "settings/billing",
  };
  const items: OnboardingItem[] = [...checklist.items, billingItem];
  const ai = aiStatus({
    gateOpen: gate.open,
    paused: tenant.paused,
    missingSteps: checklist.items.filter((i) => !i.done),
    billing: {
      status,
      eligible: billing.eligible,
      reason: billing.reason,
      trialEnd: account?.trialEnd ?? null,
      hasPaymentMethod: account?.hasPaymentMethod ?? false,
    },
    cancellation: {
      requestedAt: tenant.cancelRequestedAt,
      detachAt: tenant.detachAt,
      detachedAt: tenant.detachedAt,
    },
    timeZone: tenant.timeZone,
    viewerIsOperator: viewer.role === "operator",
  });
  return { items, setupComplete: checklist.complete, complete: items.every((i) => i.done), gate, ai, offer };
}
