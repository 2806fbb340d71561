import { serveApi } from "@/server/api/registry";
import { openApiRoute } from "@/server/api/openapi";

export const GET = serveApi(openApiRoute);
