import { serveApi } from "@/server/api/registry";
import { getLeadRoute, patchLeadRoute } from "@/server/api/routes";

export const GET = serveApi(getLeadRoute);
export const PATCH = serveApi(patchLeadRoute);
