import { serveApi } from "@/server/api/registry";
import { deleteWebhookRoute } from "@/server/api/routes";

export const DELETE = serveApi(deleteWebhookRoute);
