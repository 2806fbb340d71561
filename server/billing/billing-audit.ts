// Audit rows for billing actions (cancellation requested / undone, service detached), in the
// same AuditLog the rest of the app writes.
import type { Prisma } from "@/server/db/generated/client";

export type BillingAuditAction =
  "billing.cancellation_requested" | "billing.cancellation_undone" | "billing.detached";

type AuditWriter = {
  auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): PromiseLike<unknown> };
};

export async function writeBillingAudit(
  db: AuditWriter,
  entry: {
    tenantId: string;
    actorId: string | null;
    action: BillingAuditAction;
    data?: Record<string, unknown>;
  },
) {
  await db.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorId: entry.actorId,
      action: entry.action,
      target: entry.tenantId,
      data: (entry.data ?? {}) as Prisma.InputJsonValue,
    },
  });
}
