import { connection } from "next/server";
import { currentUser } from "@/server/auth/session";
import { can, type TenantRole } from "@/server/auth/permissions";
import { DevOutbox } from "@/components/notifications/dev-outbox";
import { EmptyState, PageHeader } from "@/components/ui/layout";

export const metadata = { title: "Dev outbox" };

// Owner / operator only: it shows message bodies sent to everyone in the business.
export default async function DevOutboxPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { slug } = await params;
  const user = await currentUser();
  const role = user?.tenants.find((t) => t.slug === slug)?.role as TenantRole | undefined;
  if (!role || !can(role, "outbox.read")) {
    return (
      <div className="max-w-3xl">
        <PageHeader title="Dev outbox" />
        <EmptyState title="Only the owner can see the dev outbox.">Ask the owner of this business if you need to check what was sent.</EmptyState>
      </div>
    );
  }
  return <DevOutbox />;
}
