import { TeamSettings } from "@/components/team/team-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role, userId, timeZone } = await pageAccess(params);
  return <TeamSettings role={role} userId={userId} timeZone={timeZone} />;
}
