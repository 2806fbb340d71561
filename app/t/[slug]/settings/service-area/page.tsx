import { ServiceAreaSettings } from "@/components/setup/service-area-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Service area" };

export default async function ServiceAreaPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role } = await pageAccess(params);
  return <ServiceAreaSettings role={role} />;
}
