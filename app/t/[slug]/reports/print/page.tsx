import { TZDate } from "@date-fns/tz";
import { connection } from "next/server";
import { pageAccess } from "@/server/auth/page-access";
import { PrintableReport } from "@/components/reports/printable-report";
import { forTenant, getSystemDb } from "@/server/db";
import { getReport } from "@/server/reports/query-report";

export const metadata = { title: "Monthly report" };

/** This month in the business's time zone, YYYY-MM. */
function thisMonth(timeZone: string): string {
  const local = new TZDate(Date.now(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}`;
}

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
  const access = await pageAccess(params);
  const { userId } = access;
  const { month: asked } = await searchParams;
  const sys = await getSystemDb();
  // No month asked: this month so far, in the business's time zone.
  const month = asked ?? thisMonth(access.timeZone);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    return (
      <div
        role="alert"
        className="max-w-xl rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-700"
      >
        There is no month “{month}”. Pick a month on the Reports page, or open this page with a month such as
        ?month=2026-03.
      </div>
    );
  }
  const report = await getReport(
    { db: forTenant(sys, access.tenantId), tenantId: access.tenantId, viewer: { userId, role: access.role } },
    { kind: "month", month },
    new Date(),
  );
  return <PrintableReport report={report} />;
}
