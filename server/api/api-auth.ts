// Who is calling REST API v1: the Bearer key's tenant and scopes, and the per-key rate limit
// (600 requests a minute), counted in the database so every instance of the app agrees.
import { globalDb, type GlobalDb, type SystemDb } from "@/server/db/system";
import { authenticateApiKey } from "@/server/accounts/api-keys";
import { authenticateAgencyKey } from "@/server/saas/agency-api-keys";
import { AppError } from "@/server/errors";

import type { ApiScope } from "./api-scopes";

export { API_SCOPES, type ApiScope } from "./api-scopes";

export const RATE_LIMIT_PER_MINUTE = 600;

export type ApiCaller = { tenantId: string; keyId: string; scopes: string[] };

export class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "TOO_MANY_REQUESTS",
      `Too many requests: this key may send ${RATE_LIMIT_PER_MINUTE} a minute. Retry after ${retryAfterSeconds} s.`,
    );
  }
}

/**
 * Counts one request against a counter in fixed windows (the key's current minute by default);
 * throws RateLimited past the limit. The same table counts other throttles too, by key prefix
 * (the request form's `form-ip:` / `form-phone:` counters, server/leads/request-form.ts).
 */
export async function countRequest(
  db: GlobalDb,
  keyId: string,
  now = new Date(),
  limit = RATE_LIMIT_PER_MINUTE,
  windowMs = 60_000,
): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "ApiRateWindow" ("keyId", "windowStart", "count") VALUES (${keyId}, ${windowStart}, 1)
    ON CONFLICT ("keyId", "windowStart") DO UPDATE SET "count" = "ApiRateWindow"."count" + 1
    RETURNING "count"`;
  const count = Number(row?.count ?? 1);
  // The first request of a window tidies the counter's old windows.
  if (count === 1)
    await db.apiRateWindow.deleteMany({
      where: { keyId, windowStart: { lt: new Date(windowStart.getTime() - Math.max(5 * 60_000, windowMs)) } },
    });
  if (count > limit)
    throw new RateLimited(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)));
  return count;
}

export async function authorizeApiRequest(
  sys: SystemDb,
  req: Request,
  scope: ApiScope | null,
  now = new Date(),
): Promise<ApiCaller> {
  const key = await authenticateApiKey(sys, req.headers.get("authorization"));
  if (!key)
    throw new AppError(
      "UNAUTHORIZED",
      "Missing or invalid API key. Send Authorization: Bearer <key> (Settings → API keys).",
    );
  await countRequest(globalDb(sys), key.keyId, now);
  if (scope && !key.scopes.includes(scope))
    throw new AppError(
      "FORBIDDEN",
      `This API key lacks the ${scope} scope. Create a key with it in Settings → API keys.`,
    );
  return key;
}

/** SaaS mode: an agency's key (lr_agency_…). A business's key is refused with 403, no key or an unknown one with 401. */
export async function authorizeAgencyApiRequest(
  sys: SystemDb,
  req: Request,
  now = new Date(),
): Promise<{ agencyId: string; keyId: string }> {
  const who = await authenticateAgencyKey(sys, req.headers.get("authorization"));
  if (!who)
    throw new AppError(
      "UNAUTHORIZED",
      "Missing or invalid API key. Send Authorization: Bearer <agency key> (Agency console → SaaS mode → API keys).",
    );
  if (who.kind === "business")
    throw new AppError(
      "FORBIDDEN",
      "This is a business's API key. The agency billing API takes an agency key: create one in the agency console (SaaS mode → API keys).",
    );
  await countRequest(globalDb(sys), who.keyId, now);
  return { agencyId: who.agencyId, keyId: who.keyId };
}
