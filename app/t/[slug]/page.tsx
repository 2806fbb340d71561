import { connection } from "next/server";
import { SetupChecklist } from "@/components/setup/setup-checklist";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Overview" };

export default async function Overview({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { role } = await pageAccess(params);
  return <SetupChecklist role={role} />;
}
