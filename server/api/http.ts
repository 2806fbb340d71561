// Small helpers for REST route handlers: errors as JSON with their HTTP status, and API-key auth
// (scopes, rate limit) for a handler outside the route registry.
import { ZodError } from "zod";
import { forTenant, getSystemDb } from "@/server/db";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError, HTTP_STATUS } from "@/server/errors";
import { logInternalError, somethingWentWrong } from "@/server/http/error-ref";
import { isFieldFirst } from "@/server/http/safe-input";
import { authorizeApiRequest, RateLimited, type ApiScope } from "./api-auth";

export function jsonError(status: number, message: string, field?: string) {
  return Response.json({ error: { message, ...(field ? { field } : {}) } }, { status });
}

/**
 * An error as the API answers it: AppError → its status, ZodError → 400 naming the field, 429
 * with Retry-After; anything else → 500 with a reference only (the error is logged under it).
 */
export function errorResponse(err: unknown): Response {
  if (err instanceof RateLimited) {
    const res = jsonError(429, err.message);
    res.headers.set("retry-after", String(err.retryAfterSeconds));
    return res;
  }
  if (err instanceof AppError) return jsonError(HTTP_STATUS[err.code], err.message, err.field);
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const field = first?.path.join(".");
    const message =
      first && isFieldFirst(first) ? `${field || "The request"} ${first.message}` : first?.message;
    return jsonError(400, message ?? "Invalid request.", field);
  }
  return jsonError(500, somethingWentWrong(logInternalError("REST API", err)));
}

/**
 * Runs a v1 handler for the tenant the bearer key belongs to (prefer a registry entry:
 * server/api/routes.ts); a handler may answer a Response of its own (e.g. CSV).
 */
export async function withApiKey(
  req: Request,
  handler: (db: TenantDb, key: { tenantId: string }) => Promise<unknown>,
  scope: ApiScope | null = "leads:read",
): Promise<Response> {
  try {
    const sys = await getSystemDb();
    const key = await authorizeApiRequest(sys, req, scope);
    const out = await handler(forTenant(sys, key.tenantId), { tenantId: key.tenantId });
    return out instanceof Response ? out : Response.json(out);
  } catch (err) {
    return errorResponse(err);
  }
}
