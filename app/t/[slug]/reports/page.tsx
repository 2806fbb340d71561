import { connection } from "next/server";
import { pageAccess } from "@/server/auth/page-access";
import { ReportsPage } from "@/components/reports/reports-page";

export const metadata = { title: "Reports" };

// Owners, managers and operators see the business's numbers; staff see their own leads' numbers
// (the reports router decides from the role).
export default async function Reports({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { slug, role } = await pageAccess(params);
  return <ReportsPage slug={slug} role={role} />;
}
