import { serveApi } from "@/server/api/registry";
import { listLeadsRoute } from "@/server/api/routes";

export const GET = serveApi(listLeadsRoute);
