import { serveApi } from "@/server/api/registry";
import { agencyBillingRoute } from "@/server/api/routes";

export const GET = serveApi(agencyBillingRoute);
