import { connection } from "next/server";
import { Inbox } from "@/components/leads/inbox";
import { pageAccess } from "@/server/auth/page-access";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Inbox" };

export default async function InboxPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { role, timeZone } = await pageAccess(params);
  return (
    <Inbox
      canManage={can(role, "leads.manage")}
      canPlaceTestCalls={can(role, "simulator.run")}
      timeZone={timeZone}
    />
  );
}
