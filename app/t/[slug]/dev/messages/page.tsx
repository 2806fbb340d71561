import { connection } from "next/server";
import { can } from "@/server/auth/permissions";
import { DevMessages } from "@/components/messaging/dev-messages";
import { pageAccess } from "@/server/auth/page-access";
import { NoPermission } from "@/components/settings/access-states";
import { PageHeader } from "@/components/ui/layout";

export const metadata = { title: "Local text outbox" };

// Owner / operator only: it shows the text of every SMS sent to callers.
export default async function DevMessagesPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { role, timeZone } = await pageAccess(params);
  if (!can(role, "outbox.read")) {
    return (
      <div className="max-w-3xl">
        <PageHeader title="Local text outbox" description="Each lead's page shows its own texts." />
        <NoPermission what="see every text this business sent" />
      </div>
    );
  }
  return <DevMessages timeZone={timeZone} />;
}
