// REST API v1 as a registry: each route is one `apiRoute({...})` entry with its zod schemas, its
// scope and its handler. The same entry serves the request (`serveApi`) and describes itself in
// the OpenAPI document (`openapi.ts`), so the document cannot drift from what the routes accept.
import { z } from "zod";
import { forTenant, getSystemDb } from "@/server/db";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import type { SystemDb } from "@/server/db/system";
import { authorizeAgencyApiRequest, authorizeApiRequest, type ApiCaller, type ApiScope } from "./api-auth";
import { errorResponse } from "./http";
import { findUnsafeInput } from "@/server/http/safe-input";

type AnyObject = z.ZodObject<z.ZodRawShape>;

export type ApiContext<Q, P, B, H = Record<string, unknown>> = {
  db: TenantDb;
  tenantId: string;
  caller: ApiCaller;
  query: Q;
  params: P;
  body: B;
  headers: H;
  now: Date;
  /** Agency routes: the agency of the key (else null) and the system handle. */ agencyId: string | null;
  sys: SystemDb;
};

const PUBLIC_CALLER: ApiCaller = { tenantId: "", keyId: "", scopes: [] };

export type ApiRoute<
  Q extends AnyObject = AnyObject,
  P extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  H extends AnyObject = AnyObject,
> = {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI path, e.g. "/api/v1/leads/{id}". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The key scope required; null = any valid key. */
  scope: ApiScope | null;
  /** Served without a key (the OpenAPI document itself). */
  public?: boolean;
  /** Whose key it takes: a business's (default) or an agency's (SaaS mode; a business key gets 403). */
  auth?: "business" | "agency";
  query?: Q;
  params?: P;
  body?: B;
  /** Request headers the route reads, by their documented names (e.g. "Idempotency-Key"). */
  headers?: H;
  /** When the route can answer 409: what the concurrent change is (documented in OpenAPI). */
  conflict?: string;
  /** The success answer: status and schema (null = no body). */
  response: { status: 200 | 201 | 204; schema: z.ZodType | null; description: string };
  /** Other answers worth documenting (a replayed request's 200, a 409). */
  otherResponses?: Record<number, { description: string; schema?: z.ZodType }>;
  handle(ctx: ApiContext<z.infer<Q>, z.infer<P>, z.infer<B>, z.infer<H>>): Promise<unknown>;
};

export function apiRoute<
  Q extends AnyObject,
  P extends AnyObject,
  B extends z.ZodType,
  H extends AnyObject = AnyObject,
>(route: ApiRoute<Q, P, B, H>): ApiRoute<Q, P, B, H> {
  return route;
}

async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.", "body");
  }
}

type RouteArgs = { params: Promise<Record<string, string>> };

/** The Next.js route handler for one registry entry. */
export function serveApi<Q extends AnyObject, P extends AnyObject, B extends z.ZodType, H extends AnyObject>(
  route: ApiRoute<Q, P, B, H>,
) {
  return async (req: Request, args?: RouteArgs): Promise<Response> => {
    try {
      const now = new Date();
      if (route.public)
        return Response.json(
          await route.handle({ caller: PUBLIC_CALLER, now } as ApiContext<
            z.infer<Q>,
            z.infer<P>,
            z.infer<B>,
            z.infer<H>
          >),
        );
      const sys = await getSystemDb();
      if (route.auth === "agency") {
        const agency = await authorizeAgencyApiRequest(sys, req, now);
        const query = (route.query ?? z.object({})).parse(
          Object.fromEntries(new URL(req.url).searchParams),
        ) as z.infer<Q>;
        const result = await route.handle({
          sys,
          agencyId: agency.agencyId,
          caller: { tenantId: "", keyId: agency.keyId, scopes: [] },
          query,
          now,
        } as unknown as ApiContext<z.infer<Q>, z.infer<P>, z.infer<B>, z.infer<H>>);
        return result instanceof Response ? result : Response.json(result, { status: route.response.status });
      }
      const caller = await authorizeApiRequest(sys, req, route.scope, now);
      const raw = {
        query: Object.fromEntries(new URL(req.url).searchParams),
        params: (await args?.params) ?? {},
        body: route.body ? await readBody(req) : undefined,
      };
      // The safe-input boundary, before any schema: text the database cannot store, dates outside 2000–2100.
      const unsafe =
        findUnsafeInput(raw.query, "as-sent") ??
        findUnsafeInput(raw.params, "as-sent") ??
        findUnsafeInput(raw.body, "as-sent");
      if (unsafe) throw new AppError("BAD_REQUEST", unsafe.message, unsafe.field);
      const query = (route.query ?? z.object({})).parse(raw.query) as z.infer<Q>;
      const params = (route.params ?? z.object({})).parse(raw.params) as z.infer<P>;
      // Header names are case-insensitive: each documented name is read from the request as is.
      const headers = (route.headers ?? z.object({})).parse(
        Object.fromEntries(
          Object.keys(route.headers?.shape ?? {}).map((name) => [name, req.headers.get(name) ?? undefined]),
        ),
      ) as z.infer<H>;
      const body = (route.body ? route.body.parse(raw.body) : undefined) as z.infer<B>;
      const result = await route.handle({
        db: forTenant(sys, caller.tenantId),
        tenantId: caller.tenantId,
        caller,
        query,
        params,
        body,
        headers,
        now,
        agencyId: null,
        sys,
      });
      if (route.response.status === 204) return new Response(null, { status: 204 });
      // A route may answer in another format (the monthly report as CSV).
      if (result instanceof Response) return result;
      return Response.json(result, { status: route.response.status });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
