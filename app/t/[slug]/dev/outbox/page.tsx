import { connection } from "next/server";
import { can } from "@/server/auth/permissions";
import { DevOutbox } from "@/components/notifications/dev-outbox";
import { pageAccess } from "@/server/auth/page-access";
import { NoPermission } from "@/components/settings/access-states";
import { PageHeader } from "@/components/ui/layout";

export const metadata = { title: "Local outbox" };

// Owner / operator only: it shows message bodies sent to everyone in the business.
export default async function DevOutboxPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { role, timeZone } = await pageAccess(params);
  if (!can(role, "outbox.read")) {
    return (
      <div className="max-w-3xl">
        <PageHeader
          title="Local outbox"
          description="Your own notifications are on the Notifications page."
        />
        <NoPermission what="see every message this business sent" />
      </div>
    );
  }
  return <DevOutbox timeZone={timeZone} />;
}
