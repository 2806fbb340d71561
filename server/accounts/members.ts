// Team members of a tenant: list, change role, remove. A business always keeps one owner.
import type { Role } from "@/server/db/generated/enums";
import type { TenantCtx, TenantTx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { writeAudit } from "@/server/audit/write-audit";
import { can, canGrantRole, type TenantRole } from "@/server/auth/permissions";
import { revokeBusinessFeedsMadeBy } from "@/server/calendar/calendar-feeds";
import { revokeApiKeysMadeBy } from "./api-keys";

export async function listMembers({ db }: Pick<TenantCtx, "db">) {
  const [members, invites] = await Promise.all([
    db.membership.findMany({
      orderBy: { createdAt: "asc" },
      include: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.invite.findMany({ where: { acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    members: members.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      since: m.createdAt,
    })),
    invites: invites.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
    })),
  };
}

async function assertNotLastOwner({ db }: Pick<TenantCtx, "db">, userId: string) {
  const m = await db.membership.findFirst({ where: { userId } });
  if (!m) throw new AppError("NOT_FOUND", "That person is not a member of this business.");
  if (m.role === "owner" && (await db.membership.count({ where: { role: "owner" } })) === 1) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "A business needs at least one owner. Make someone else owner first.",
    );
  }
  return m;
}

/**
 * Withdraws the open invites this member sent that their role no longer lets them send — every one
 * of them once they leave. An invite is the sender's authority handed on: a manager removed today
 * must not walk back in tomorrow through an invite they sent to their own other address.
 */
async function withdrawInvitesSentBy(
  db: TenantTx,
  userId: string,
  role: TenantRole | null,
  now: Date,
): Promise<number> {
  const open = await db.invite.findMany({
    where: { invitedById: userId, acceptedAt: null, revokedAt: null },
    select: { id: true, role: true },
  });
  const withdrawn = open.filter((i) => role === null || !canGrantRole(role, i.role)).map((i) => i.id);
  if (!withdrawn.length) return 0;
  const { count } = await db.invite.updateMany({
    where: { id: { in: withdrawn }, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
}

export async function changeRole(
  ctx: TenantCtx,
  input: { userId: string; role: Role; actorId: string; actorRole: TenantRole },
) {
  if (!canGrantRole(input.actorRole, input.role))
    throw new AppError("FORBIDDEN", `A ${input.actorRole} cannot make someone ${input.role}.`, "role");
  const m = await assertNotLastOwner(ctx, input.userId);
  if (m.role === input.role) return;
  await ctx.db.$transaction(async (tx) => {
    const now = new Date();
    await tx.membership.updateMany({ where: { userId: input.userId }, data: { role: input.role } });
    const invitesWithdrawn = await withdrawInvitesSentBy(tx, input.userId, input.role, now);
    // A role that may not manage API keys keeps none of the keys it made working.
    const apiKeysRevoked = can(input.role, "apiKeys.manage")
      ? 0
      : await revokeApiKeysMadeBy(tx, {
          userId: input.userId,
          actorId: input.actorId,
          reason: "maker_role_changed",
          now,
        });
    const calendarLinksEnded = can(input.role, "integrations.manage")
      ? 0
      : await revokeBusinessFeedsMadeBy(tx, input.userId, now);
    await writeAudit(tx, {
      tenantId: ctx.tenantId,
      actorId: input.actorId,
      action: "member.role_changed",
      target: input.userId,
      data: {
        from: m.role,
        to: input.role,
        ...(invitesWithdrawn ? { invitesWithdrawn } : {}),
        ...(apiKeysRevoked ? { apiKeysRevoked } : {}),
        ...(calendarLinksEnded ? { calendarLinksEnded } : {}),
      },
    });
  });
}

export async function removeMember(ctx: TenantCtx, input: { userId: string; actorId: string }) {
  await assertNotLastOwner(ctx, input.userId);
  await ctx.db.$transaction(async (tx) => {
    const now = new Date();
    await tx.membership.deleteMany({ where: { userId: input.userId } });
    const invitesWithdrawn = await withdrawInvitesSentBy(tx, input.userId, null, now);
    const apiKeysRevoked = await revokeApiKeysMadeBy(tx, {
      userId: input.userId,
      actorId: input.actorId,
      reason: "maker_removed",
      now,
    });
    const calendarLinksEnded = await revokeBusinessFeedsMadeBy(tx, input.userId, now);
    const data = {
      ...(invitesWithdrawn ? { invitesWithdrawn } : {}),
      ...(apiKeysRevoked ? { apiKeysRevoked } : {}),
      ...(calendarLinksEnded ? { calendarLinksEnded } : {}),
    };
    await writeAudit(tx, {
      tenantId: ctx.tenantId,
      actorId: input.actorId,
      action: "member.removed",
      target: input.userId,
      ...(Object.keys(data).length ? { data } : {}),
    });
  });
}
