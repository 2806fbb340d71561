// Staff invites: an owner or manager invites by email with a role; the link carries a one-time
// token (only its hash is stored); accepting creates the account in that tenant.
import { createHash, randomBytes } from "node:crypto";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { findInviteByTokenHash } from "@/server/db/cross-tenant-accounts";
import type { Role } from "@/server/db/generated/enums";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { writeAudit } from "@/server/audit/write-audit";
import { canGrantRole, type TenantRole } from "@/server/auth/permissions";
import { requirePassword } from "@/server/auth/verify-credentials";
import { brandOfTenant } from "@/server/saas/branding";
import { hashPassword } from "./passwords";
import { checkPassword, normalizeEmail } from "./sign-up";

export const INVITE_TTL_DAYS = 7;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createInvite(
  { db, tenantId }: TenantCtx,
  input: { email: string; role: Role; actorId: string; actorRole: TenantRole; now?: Date },
) {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AppError("BAD_REQUEST", `"${input.email}" is not an email address.`, "email");
  if (!canGrantRole(input.actorRole, input.role))
    throw new AppError("FORBIDDEN", `A ${input.actorRole} cannot invite someone as ${input.role}.`, "role");
  const existing = await db.membership.findFirst({ where: { user: { email } } });
  if (existing) throw new AppError("CONFLICT", `${email} is already a member of this business.`, "email");
  const now = input.now ?? new Date();
  // A new invite replaces any open one for the same address.
  await db.invite.updateMany({
    where: { email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const token = randomBytes(24).toString("base64url");
  const invite = await db.invite.create({
    data: {
      tenantId,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedById: input.actorId,
      expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000),
    },
  });
  await writeAudit(db, {
    tenantId,
    actorId: input.actorId,
    action: "member.invited",
    target: email,
    data: { role: input.role },
  });
  return { invite, token };
}

export async function revokeInvite({ db, tenantId }: TenantCtx, input: { id: string; actorId: string }) {
  const { count } = await db.invite.updateMany({
    where: { id: input.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That invite was not found or is no longer open.");
  await writeAudit(db, {
    tenantId,
    actorId: input.actorId,
    action: "member.invite_revoked",
    target: input.id,
  });
}

/** The open invite a link's token names, with the business it is for; throws when it cannot be used. */
async function openInvite(sys: SystemDb, token: string, now: Date) {
  const invite = await findInviteByTokenHash(sys, hashToken(token));
  if (!invite) throw new AppError("NOT_FOUND", "This invite link is not valid. Ask for a new one.");
  if (invite.revokedAt)
    throw new AppError(
      "NOT_FOUND",
      "This invite was withdrawn or replaced by a newer one. Ask for a new invite.",
    );
  if (invite.acceptedAt) throw new AppError("CONFLICT", "This invite was already used. Sign in instead.");
  if (invite.expiresAt < now)
    throw new AppError("PRECONDITION_FAILED", "This invite has expired. Ask for a new one.");
  const hasAccount = !!(await globalDb(sys).user.findUnique({
    where: { email: invite.email },
    select: { id: true },
  }));
  return {
    tenantId: invite.tenantId,
    email: invite.email,
    role: invite.role,
    tenantName: invite.tenant.name,
    tenantSlug: invite.tenant.slug,
    hasAccount,
  };
}

/** What the accept page shows before the person commits. */
export async function findOpenInvite(sys: SystemDb, token: string, now = new Date()) {
  const { tenantId, ...shown } = await openInvite(sys, token, now);
  // White label (SaaS mode): the invite page wears the business's agency's brand.
  return { ...shown, brand: await brandOfTenant(forTenant(sys, tenantId), tenantId) };
}

/** Accepts an invite: creates the account (or checks the existing one's password) and the membership. */
export async function acceptInvite(
  sys: SystemDb,
  input: { token: string; name?: string; password: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const open = await openInvite(sys, input.token, now);
  const tokenHash = hashToken(input.token);
  const global = globalDb(sys);
  let user = await global.user.findUnique({ where: { email: open.email } });
  if (user) {
    // Same check as sign-in, so an invite link is no way around its throttling and audit.
    await requirePassword(
      sys,
      { email: open.email, password: input.password },
      "password",
      new AppError("UNAUTHORIZED", "That password does not match your existing account.", "password"),
      now,
    );
  } else {
    checkPassword(input.password);
    const name = input.name?.trim();
    if (!name) throw new AppError("BAD_REQUEST", "Enter your name.", "name");
    user = await global.user.create({
      data: { email: open.email, name, passwordHash: await hashPassword(input.password) },
    });
  }
  const userId = user.id;
  // The token named the business: the rest happens inside it.
  return forTenant(sys, open.tenantId).$transaction(async (tx) => {
    // Claim the invite first so two tabs accepting at once cannot both succeed.
    const claimed = await tx.invite.updateMany({
      where: { tokenHash, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: now },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", "This invite was already used. Sign in instead.");
    const invite = await tx.invite.findUniqueOrThrow({ where: { tokenHash } });
    await tx.membership.upsert({
      where: { tenantId_userId: { tenantId: invite.tenantId, userId } },
      create: { tenantId: invite.tenantId, userId, role: invite.role },
      update: {},
    });
    await writeAudit(tx, {
      tenantId: invite.tenantId,
      actorId: userId,
      action: "member.joined",
      target: open.email,
      data: { role: invite.role },
    });
    return { email: open.email, tenantSlug: open.tenantSlug, role: invite.role };
  });
}
