import { serveApi } from "@/server/api/registry";
import { createLeadRoute, listLeadsRoute } from "@/server/api/routes";

export const GET = serveApi(listLeadsRoute);
export const POST = serveApi(createLeadRoute);
