import { serveApi } from "@/server/api/registry";
import { monthlyReportRoute } from "@/server/api/routes";

export const GET = serveApi(monthlyReportRoute);
