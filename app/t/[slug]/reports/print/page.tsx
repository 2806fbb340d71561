import { connection } from "next/server";
import { pageAccess } from "@/server/auth/page-access";
import { PrintableReport } from "@/components/reports/printable-report";
import { forTenant, getSystemDb } from "@/server/db";
import { resolveTenantAccess } from "@/server/agency/tenant-access";
import { getReport } from "@/server/reports/query-report";

export const metadata = { title: "Monthly report" };

// The printable monthly report (?month=YYYY-MM): the same figures as the reports page, laid out
// to print cleanly; staff get their own leads' numbers, as on the page.
export default async function PrintReport({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ month?: string }>;
}) {
  await connection();
  const { slug, userId } = await pageAccess(params);
  const { month } = await searchParams;
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    return (
      <div
        role="alert"
        className="max-w-xl rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-700"
      >
        month must look like 2026-03: open this page as /t/{slug}/reports/print?month=2026-03.
      </div>
    );
  }
  const sys = await getSystemDb();
  const access = await resolveTenantAccess(sys, userId, slug);
  if (!access) return null;
  const report = await getReport(
    { db: forTenant(sys, access.tenantId), tenantId: access.tenantId, viewer: { userId, role: access.role } },
    { kind: "month", month },
    new Date(),
  );
  return <PrintableReport report={report} />;
}
