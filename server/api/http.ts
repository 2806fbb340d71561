// Small helpers for REST route handlers: API-key auth and AppError → JSON status.
import { getPrisma } from "@/server/db";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped, type TenantDb } from "@/server/db/tenant-scope";
import { authenticateApiKey } from "@/server/accounts/api-keys";
import { AppError, HTTP_STATUS } from "@/server/errors";
import { ZodError } from "zod";

export function jsonError(status: number, message: string, field?: string) {
  return Response.json({ error: { message, ...(field ? { field } : {}) } }, { status });
}

/** Runs a v1 handler for the tenant the bearer key belongs to; a handler may answer a Response of its own (e.g. CSV). */
export async function withApiKey(req: Request, handler: (db: TenantDb, key: { prisma: PrismaClient; tenantId: string }) => Promise<unknown>): Promise<Response> {
  try {
    const prisma = await getPrisma();
    const key = await authenticateApiKey(prisma, req.headers.get("authorization"));
    if (!key) return jsonError(401, "Missing or invalid API key. Send Authorization: Bearer <key> (Settings → API keys).");
    const out = await handler(tenantScoped(prisma, key.tenantId), { prisma, tenantId: key.tenantId });
    return out instanceof Response ? out : Response.json(out);
  } catch (err) {
    if (err instanceof AppError) return jsonError(HTTP_STATUS[err.code], err.message, err.field);
    if (err instanceof ZodError) {
      const first = err.issues[0];
      return jsonError(400, first?.message ?? "Invalid request.", first?.path.join("."));
    }
    console.error("REST API error:", err);
    return jsonError(500, "Something went wrong on our side. Try again.");
  }
}
