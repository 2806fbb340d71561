"use client";
// SaaS mode in the agency console: plans and each business's plan (more cards are added below as
// the agency's Stripe account, margin, API keys and brand come in).
import { PageHeader } from "@/components/ui/layout";
import { BusinessPlansCard } from "./business-plans-card";
import { PlansCard } from "./plans-card";

export function SaasConsole() {
  return (
    <div className="space-y-6">
      <PageHeader title="SaaS mode" description="Sell LeadRescue to your businesses under your brand, at your price, on your own Stripe account — and see your margin." />
      <PlansCard />
      <BusinessPlansCard />
    </div>
  );
}
