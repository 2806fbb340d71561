// The tenant's prompt profile as QA moves it (above 5 % daily failures → safe) and
// as a person moves it back after the prompt review. Every change is an audit row with its reason.
import type { Prisma } from "@/server/db/generated/client";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";
import type { PromptProfile } from "@/server/db/generated/enums";
import { AppError } from "@/server/errors";
import { recordNotification } from "@/server/notifications/outbox";
import { safeProfileMessage } from "./qa-day";
import { tenantPerson } from "@/server/db/tenant-people";

export type QaAuditAction = "qa.safe_profile" | "qa.profile_changed" | "qa.verdict_overridden";

type AuditWriter = {
  auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): PromiseLike<unknown> };
};

export async function writeQaAudit(
  db: AuditWriter,
  entry: {
    tenantId: string;
    actorId: string | null;
    action: QaAuditAction;
    target?: string | null;
    data?: Record<string, unknown>;
  },
) {
  await db.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorId: entry.actorId,
      action: entry.action,
      target: entry.target ?? entry.tenantId,
      data: (entry.data ?? {}) as Prisma.InputJsonValue,
    },
  });
}

type Tx = TenantTx;

/**
 * Inside the day's sampling transaction: moves a `standard` tenant to `safe`, writes the audit
 * row and records one notification per owner (in-app, and email when they have one). Returns the
 * notification ids to queue after commit, or null when the tenant was already safe.
 */
export async function switchToSafeProfile(
  tx: Tx,
  input: { tenantId: string; day: string; failed: number; sampled: number; now: Date },
): Promise<string[] | null> {
  const { count } = await tx.tenant.updateMany({
    where: { id: input.tenantId, promptProfile: "standard" },
    data: { promptProfile: "safe" },
  });
  if (count === 0) return null;
  const body = safeProfileMessage(input.failed, input.sampled);
  await writeQaAudit(tx, {
    tenantId: input.tenantId,
    actorId: null,
    action: "qa.safe_profile",
    data: {
      from: "standard",
      to: "safe",
      day: input.day,
      failed: input.failed,
      sampled: input.sampled,
      reason: body,
    },
  });
  const owners = await tx.membership.findMany({
    where: { tenantId: input.tenantId, role: "owner" },
    select: { user: { select: { id: true, email: true } } },
  });
  const ids: string[] = [];
  for (const { user } of owners) {
    const base = {
      db: tx,
      tenantId: input.tenantId,
      userId: user.id,
      purpose: "qa.safe_profile",
      body,
      key: `qa.safe_profile:${input.day}`,
    };
    ids.push((await recordNotification({ ...base, channel: "in_app" })).id);
    if (user.email)
      ids.push(
        (
          await recordNotification({
            ...base,
            channel: "email",
            to: user.email,
            subject: "AI calls failed QA: safe prompt profile is on",
          })
        ).id,
      );
  }
  return ids;
}

export type ProfileChange = {
  profile: PromptProfile;
  reason: string | null;
  changedAt: Date | null;
  changedBy: string | null;
  byQa: boolean;
};

/** The current profile and the audit row that explains it (the latest QA switch or manual change). */
export async function currentProfile(db: TenantDb, tenantId: string): Promise<ProfileChange> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { promptProfile: true },
  });
  const last = await db.auditLog.findFirst({
    where: { tenantId, action: { in: ["qa.safe_profile", "qa.profile_changed"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const data = (last?.data ?? {}) as { reason?: unknown };
  const actor = await tenantPerson(db, last?.actorId);
  return {
    profile: tenant.promptProfile,
    reason: typeof data.reason === "string" ? data.reason : null,
    changedAt: last?.createdAt ?? null,
    changedBy: last ? (last.actorId ? (actor?.name ?? "A former member") : "Daily QA") : null,
    byQa: last?.action === "qa.safe_profile",
  };
}

/** A person sets the profile (e.g. back to standard after the prompt review), with a reason. */
export async function setPromptProfile(
  db: TenantDb,
  input: { tenantId: string; actorId: string; profile: PromptProfile; reason: string },
): Promise<ProfileChange> {
  const reason = input.reason.trim();
  if (reason.length < 5)
    throw new AppError(
      "BAD_REQUEST",
      "Say why you are changing the prompt profile (at least 5 characters), e.g. what the prompt review found.",
      "reason",
    );
  await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({
      where: { id: input.tenantId },
      select: { promptProfile: true },
    });
    if (tenant.promptProfile === input.profile)
      throw new AppError("CONFLICT", `The prompt profile is already ${input.profile}.`, "profile");
    await tx.tenant.update({ where: { id: input.tenantId }, data: { promptProfile: input.profile } });
    await writeQaAudit(tx, {
      tenantId: input.tenantId,
      actorId: input.actorId,
      action: "qa.profile_changed",
      data: { from: tenant.promptProfile, to: input.profile, reason },
    });
  });
  return currentProfile(db, input.tenantId);
}
