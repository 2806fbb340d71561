import { BusinessSettings } from "@/components/settings/business-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Business" };

export default async function BusinessPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role } = await pageAccess(params);
  return <BusinessSettings role={role} />;
}
