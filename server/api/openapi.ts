// The OpenAPI 3.1 document of REST API v1, generated from the registry's zod schemas.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { env } from "@/server/env";
import { API_ROUTES } from "./routes";
import { apiRoute, type ApiRoute } from "./registry";

const ERROR = {
  description: "An error for people, naming the field",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

function register(registry: OpenAPIRegistry, route: ApiRoute) {
  const ok = route.response.schema
    ? {
        description: route.response.description,
        content: { "application/json": { schema: route.response.schema } },
      }
    : { description: route.response.description };
  registry.registerPath({
    method: route.method,
    path: route.path,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: route.public ? [] : [{ bearerAuth: [] }],
    ...(route.scope ? { "x-scope": route.scope } : {}),
    request: {
      ...(route.query ? { query: route.query } : {}),
      ...(route.params ? { params: route.params } : {}),
      ...(route.headers ? { headers: route.headers } : {}),
      ...(route.body
        ? { body: { required: true, content: { "application/json": { schema: route.body } } } }
        : {}),
    },
    responses: {
      [route.response.status]: ok,
      ...Object.fromEntries(
        Object.entries(route.otherResponses ?? {}).map(([status, r]) => [
          status,
          r.schema
            ? { description: r.description, content: { "application/json": { schema: r.schema } } }
            : { ...ERROR, description: r.description },
        ]),
      ),
      ...(route.public
        ? {}
        : {
            400: ERROR,
            401: ERROR,
            403: ERROR,
            404: ERROR,
            429: {
              ...ERROR,
              headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
            },
          }),
      ...(route.conflict ? { 409: { ...ERROR, description: route.conflict } } : {}),
    },
  });
}

/** The document's own route: it lives here, not in routes.ts, so the registry and the document import one way only. */
export const openApiRoute = apiRoute({
  method: "get",
  path: "/api/v1/openapi.json",
  tag: "Meta",
  summary: "This API's OpenAPI 3.1 document",
  scope: null,
  public: true,
  response: { status: 200, description: "OpenAPI 3.1 JSON", schema: null },
  handle: async () => openApiDocument(),
});

export function openApiDocument(routes: ApiRoute[] = [...API_ROUTES, openApiRoute as unknown as ApiRoute]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A business's API key (Settings → API keys), e.g. lr_live_…",
  });
  registry.registerComponent("schemas", "Error", {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["message"],
        properties: { message: { type: "string" }, field: { type: "string" } },
      },
    },
  });
  for (const route of routes) register(registry, route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "LeadRescue REST API",
      version: "1.0.0",
      description:
        "Leads and webhooks of one business, authenticated with its API key (Bearer). Rate limit: 600 requests a minute per key.",
    },
    servers: [{ url: env.PUBLIC_BASE_URL }],
  });
}
