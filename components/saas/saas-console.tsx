"use client";
// SaaS mode in the agency console: the agency's Stripe account, its plans, each business's plan,
// the margin table and chart, agency API keys and the brand.
import { PageHeader } from "@/components/ui/layout";
import { AgencyApiKeysCard } from "./agency-api-keys-card";
import { BrandCard } from "./brand-card";
import { BusinessPlansCard } from "./business-plans-card";
import { ConnectCard } from "./connect-card";
import { MarginCard } from "./margin-card";
import { PlansCard } from "./plans-card";

export function SaasConsole() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="SaaS mode"
        description="Sell LeadRescue to your businesses under your brand, at your price, on your own Stripe account — and see your margin."
      />
      <ConnectCard />
      <PlansCard />
      <BusinessPlansCard />
      <MarginCard />
      <AgencyApiKeysCard />
      <BrandCard />
    </div>
  );
}
