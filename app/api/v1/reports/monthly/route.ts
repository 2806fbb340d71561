import { withApiKey } from "@/server/api/http";
import { monthlyReportResponse } from "@/server/reports/monthly-report-api";

export function GET(req: Request) {
  return withApiKey(req, (db, key) => monthlyReportResponse(db, key, new URL(req.url).searchParams));
}
