import { serveApi } from "@/server/api/registry";
import { createWebhookRoute, listWebhooksRoute } from "@/server/api/routes";

export const GET = serveApi(listWebhooksRoute);
export const POST = serveApi(createWebhookRoute);
