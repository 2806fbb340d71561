// GET /api/v1/reports/monthly?month=YYYY-MM[&format=csv]: the month's report for the API key's
// business, as JSON (ZMonthlyReportResponse) or as CSV, one row per figure.
import type { TenantDb } from "@/server/db/tenant-scope";
import { reportCsv } from "./figures";
import { getReport } from "./query-report";
import type { z } from "zod";
import type { Report, ZMonthlyReportQuery } from "./report-schema";

export async function monthlyReportResponse(
  db: TenantDb,
  key: { tenantId: string },
  query: z.infer<typeof ZMonthlyReportQuery>,
  now = new Date(),
): Promise<Report | Response> {
  // An API key speaks for the whole business, as its owner would see it.
  const report = await getReport(
    { db, tenantId: key.tenantId, viewer: { userId: "api-key", role: "owner" } },
    { kind: "month", month: query.month },
    now,
  );
  if (query.format === "csv") {
    return new Response(reportCsv(report), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="report-${query.month}.csv"`,
      },
    });
  }
  return report;
}
