import { LeadPage } from "@/components/leads/lead-page";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Lead" };

export default async function LeadDetailPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const [{ id }, { timeZone }] = await Promise.all([params, pageAccess(params)]);
  return <LeadPage id={id} timeZone={timeZone} />;
}
