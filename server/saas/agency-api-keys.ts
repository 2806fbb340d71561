// Agency API keys: a key kind of its own (lr_agency_…), created by an operator in the agency
// console, for GET /api/v1/agency/billing. Stored as a SHA-256 hash, shown once. A business's key
// (lr_live_…) never opens the agency API, and an agency key never opens a business's API.
import { randomBytes } from "node:crypto";
import { hashApiKey, authenticateApiKey } from "@/server/accounts/api-keys";
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";

const PREFIX = "lr_agency_";

export async function createAgencyApiKey(
  sys: SystemDb,
  ctx: { agencyId: string; actorId: string },
  input: { name: string; secret?: string },
) {
  const name = input.name.trim();
  if (name.length < 2) throw new AppError("BAD_REQUEST", 'Give the key a name, e.g. "Accounting".', "name");
  const secret = input.secret ?? `${PREFIX}${randomBytes(24).toString("base64url")}`;
  const key = await globalDb(sys).agencyApiKey.create({
    data: {
      agencyId: ctx.agencyId,
      name,
      prefix: secret.slice(0, PREFIX.length + 4),
      hash: hashApiKey(secret),
      createdById: ctx.actorId,
    },
  });
  return { id: key.id, name: key.name, prefix: key.prefix, secret };
}

export async function listAgencyApiKeys(sys: SystemDb, agencyId: string) {
  const keys = await globalDb(sys).agencyApiKey.findMany({
    where: { agencyId },
    orderBy: { createdAt: "desc" },
  });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }));
}

export async function revokeAgencyApiKey(sys: SystemDb, agencyId: string, id: string) {
  const key = await globalDb(sys).agencyApiKey.findFirst({ where: { id, agencyId }, select: { id: true } });
  // Same answer for "no such key" and "another agency's key".
  if (!key) throw new AppError("FORBIDDEN", "That API key is not one of your agency's keys.");
  const { count } = await globalDb(sys).agencyApiKey.updateMany({
    where: { id, agencyId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("CONFLICT", "That API key is already revoked.");
}

export type AgencyKeyAuth = { kind: "agency"; agencyId: string; keyId: string } | { kind: "business" } | null;

/** Who a bearer key is: an agency (by its key), a business's key (refused by the agency API with 403), or nobody. */
export async function authenticateAgencyKey(
  sys: SystemDb,
  authorization: string | null,
): Promise<AgencyKeyAuth> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!m?.[1]) return null;
  const key = await globalDb(sys).agencyApiKey.findUnique({ where: { hash: hashApiKey(m[1]) } });
  if (key && !key.revokedAt) {
    await globalDb(sys).agencyApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
    return { kind: "agency", agencyId: key.agencyId, keyId: key.id };
  }
  if (await authenticateApiKey(sys, authorization)) return { kind: "business" };
  return null;
}
