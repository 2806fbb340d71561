import { Suspense } from "react";
import { BillingPage } from "@/components/billing/billing-page";
import { pageAccess } from "@/server/auth/page-access";
import { Loading } from "@/components/ui/layout";

export const metadata = { title: "Billing" };

export default async function Billing({ params }: { params: Promise<{ slug: string }> }) {
  const { role, timeZone } = await pageAccess(params);
  return (
    <Suspense fallback={<Loading />}>
      <BillingPage role={role} timeZone={timeZone} />
    </Suspense>
  );
}
