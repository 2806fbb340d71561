import { serveApi } from "@/server/api/registry";
import { openApiRoute } from "@/server/api/routes";

export const GET = serveApi(openApiRoute);
