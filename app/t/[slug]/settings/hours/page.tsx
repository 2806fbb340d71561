import { HoursSettings } from "@/components/setup/hours-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Hours & booking slots" };

export default async function HoursPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role, slug, timeZone } = await pageAccess(params);
  return <HoursSettings role={role} slug={slug} timeZone={timeZone} />;
}
