import { CalendarSettings } from "@/components/integrations/calendar-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Calendar feed" };

export default async function CalendarPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role, timeZone } = await pageAccess(params);
  return <CalendarSettings role={role} timeZone={timeZone} />;
}
