import { connection } from "next/server";
import { Inbox } from "@/components/leads/inbox";
import { currentUser } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Inbox" };

export default async function InboxPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { slug } = await params;
  const user = await currentUser();
  const role = user?.tenants.find((t) => t.slug === slug)?.role;
  return <Inbox canManage={!!role && can(role, "leads.manage")} />;
}
