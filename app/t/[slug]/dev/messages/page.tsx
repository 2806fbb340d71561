import { connection } from "next/server";
import { currentUser } from "@/server/auth/session";
import { can, type TenantRole } from "@/server/auth/permissions";
import { DevMessages } from "@/components/messaging/dev-messages";
import { EmptyState, PageHeader } from "@/components/ui/layout";

export const metadata = { title: "Dev messages" };

// Owner / operator only: it shows the text of every SMS sent to callers.
export default async function DevMessagesPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { slug } = await params;
  const user = await currentUser();
  const role = user?.tenants.find((t) => t.slug === slug)?.role as TenantRole | undefined;
  if (!role || !can(role, "outbox.read")) {
    return (
      <div className="max-w-3xl">
        <PageHeader title="Dev messages" />
        <EmptyState title="Only the owner can see the dev messages.">Each lead&apos;s page shows its own texts.</EmptyState>
      </div>
    );
  }
  return <DevMessages />;
}
