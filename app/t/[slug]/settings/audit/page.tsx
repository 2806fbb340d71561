import { AuditLog } from "@/components/settings/audit-log";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role, timeZone } = await pageAccess(params);
  return <AuditLog role={role} timeZone={timeZone} />;
}
