// Tenant API keys for REST API v1: shown once at creation, stored as a SHA-256 hash. A key works for
// the business, but its secret was shown to one person — the member who made it — and only to
// them: when that person leaves the business, or can no longer manage keys (an owner made manager
// or staff), the keys they made are revoked with them, and the settings page says why.
import { createHash, randomBytes } from "node:crypto";
import { forTenant, type SystemDb } from "@/server/db/system";
import { findApiKeyByHash } from "@/server/db/cross-tenant-accounts";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { writeAudit } from "@/server/audit/write-audit";
import { tenantPeople } from "@/server/db/tenant-people";
import type { TenantTx } from "@/server/db/tenant-scope";

/** Why a key stopped working. */
export type ApiKeyRevokedReason = "by_hand" | "maker_removed" | "maker_role_changed";

const PREFIX = "lr_live_";

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiKey(
  { db, tenantId }: TenantCtx,
  input: { name: string; actorId: string | null; secret?: string; scopes?: readonly string[] },
) {
  const name = input.name.trim();
  if (!name) throw new AppError("BAD_REQUEST", 'Give the key a name, e.g. "Zapier".', "name");
  const secret = input.secret ?? `${PREFIX}${randomBytes(24).toString("base64url")}`;
  if (input.scopes && input.scopes.length === 0)
    throw new AppError("BAD_REQUEST", "Give the key at least one scope.", "scopes");
  const key = await db.apiKey.create({
    data: {
      tenantId,
      name,
      prefix: secret.slice(0, PREFIX.length + 4),
      hash: hashApiKey(secret),
      createdById: input.actorId,
      ...(input.scopes ? { scopes: [...input.scopes] } : {}),
    },
  });
  await writeAudit(db, {
    tenantId,
    actorId: input.actorId,
    action: "api_key.created",
    target: key.id,
    data: { name, scopes: key.scopes },
  });
  return { id: key.id, name: key.name, prefix: key.prefix, scopes: key.scopes, secret };
}

export async function listApiKeys({ db }: Pick<TenantCtx, "db">) {
  const keys = await db.apiKey.findMany({ orderBy: { createdAt: "desc" } });
  const people = new Map(
    (
      await tenantPeople(
        db,
        keys.flatMap((k) => [k.createdById, k.revokedById]),
      )
    ).map((p) => [p.id, p.name]),
  );
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: k.createdAt,
    createdBy: k.createdById ? (people.get(k.createdById) ?? "A former member") : null,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    revokedBy: k.revokedById ? (people.get(k.revokedById) ?? "A former member") : null,
    revokedReason: k.revokedAt ? ((k.revokedReason ?? "by_hand") as ApiKeyRevokedReason) : null,
  }));
}

export async function revokeApiKey({ db, tenantId }: TenantCtx, input: { id: string; actorId: string }) {
  const { count } = await db.apiKey.updateMany({
    where: { id: input.id, revokedAt: null },
    data: { revokedAt: new Date(), revokedById: input.actorId, revokedReason: "by_hand" },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That API key was not found or is already revoked.");
  await writeAudit(db, { tenantId, actorId: input.actorId, action: "api_key.revoked", target: input.id });
}

/**
 * Revokes the working keys `userId` made, inside the caller's transaction (removing the member or
 * changing their role): the person who saw a key's secret leaves with it. Returns how many.
 */
export async function revokeApiKeysMadeBy(
  tx: TenantTx,
  input: { userId: string; actorId: string; reason: Exclude<ApiKeyRevokedReason, "by_hand">; now: Date },
): Promise<number> {
  const { count } = await tx.apiKey.updateMany({
    where: { createdById: input.userId, revokedAt: null },
    data: { revokedAt: input.now, revokedById: input.actorId, revokedReason: input.reason },
  });
  return count;
}

/** The tenant a bearer key belongs to, or null. System path: reads across tenants by hash. */
export async function authenticateApiKey(
  sys: SystemDb,
  authorization: string | null,
): Promise<{ tenantId: string; keyId: string; scopes: string[] } | null> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!m?.[1]) return null;
  const key = await findApiKeyByHash(sys, hashApiKey(m[1]));
  if (!key || key.revokedAt) return null;
  await forTenant(sys, key.tenantId).apiKey.update({
    where: { id: key.id },
    data: { lastUsedAt: new Date() },
  });
  return { tenantId: key.tenantId, keyId: key.id, scopes: key.scopes };
}
