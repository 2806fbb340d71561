import { AcceptInvite } from "@/components/team/accept-invite";

export const metadata = { title: "Accept your invite" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AcceptInvite token={decodeURIComponent(token)} />;
}
