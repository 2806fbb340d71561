// The one way the office changes a lead: load it (tenant-scoped, visible to this person), let the
// action compute its patch and timeline events, check the seed-001 ownership rules on the
// result, then write the patch, the refreshed temperature and lastActivityAt, and one LeadEvent
// per change with the actor — in one transaction, refusing if someone else changed the lead
// meanwhile. `queueGroup` follows from status/urgency in the database (trigger).
import type { Lead, Prisma } from "@/server/db/generated/client";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { canSeeLead, type Viewer } from "./lead-access";
import { ownershipRefusal } from "./ownership-rules";
import { temperatureOf } from "./temperature";
import { enqueueWebhookDeliveries, recordLeadChangeWebhooks } from "@/server/webhooks/outbox";

export type LeadPatch = Partial<
  Pick<
    Lead,
    | "status"
    | "urgency"
    | "ownerId"
    | "nextAction"
    | "dueAt"
    | "acceptedAt"
    | "closeReason"
    | "closeNote"
    | "notes"
    | "appointmentAt"
    | "isEstimate"
    | "followUpAt"
    | "touchpoints"
    | "callerName"
    | "address"
    | "issueSummary"
    | "visitOutcome"
    | "jobOutcome"
    | "jobValueCents"
    | "outcomeAt"
    | "externalJobId"
    | "externalJobUrl"
  >
>;

export type LeadEventInput = { type: string; data?: Record<string, unknown> };

export type LeadChange = {
  patch: LeadPatch;
  events: LeadEventInput[];
  reason?: string | null;
  /** Marks the lead's open tasks done (doneAt = now) in the same transaction, e.g. on close. */
  completeOpenTasks?: boolean;
};

export type LeadWriteCtx = TenantCtx & { viewer: Viewer; now?: Date };

export async function loadLeadFor(ctx: LeadWriteCtx, leadId: string): Promise<Lead> {
  const lead = await ctx.db.lead.findFirst({ where: { id: leadId } });
  // Another person's lead reads as "not found" to staff: nothing to learn by guessing ids.
  if (!lead || !canSeeLead(ctx.viewer, lead)) throw new AppError("NOT_FOUND", "This lead does not exist or is not yours to see. Go back to the inbox.");
  return lead;
}

export async function applyLeadChange(ctx: LeadWriteCtx, leadId: string, build: (lead: Lead) => LeadChange | Promise<LeadChange>): Promise<Lead> {
  const now = ctx.now ?? new Date();
  const lead = await loadLeadFor(ctx, leadId);
  const change = await build(lead);
  const after = { ...lead, ...change.patch };
  const refusal = ownershipRefusal(lead, after, { reason: change.reason });
  if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
  const temperature = temperatureOf({ ...after, lastActivityAt: now }, now);

  const written = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.lead.updateMany({
      where: { id: lead.id, updatedAt: lead.updatedAt },
      data: { ...change.patch, temperature, lastActivityAt: now },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "Someone else changed this lead a moment ago. Reload it and try again.");
    if (change.completeOpenTasks) {
      await tx.task.updateMany({ where: { leadId: lead.id, doneAt: null }, data: { doneAt: now } });
    }
    if (change.events.length) {
      await tx.leadEvent.createMany({
        data: change.events.map((e, i) => ({
          tenantId: ctx.tenantId,
          leadId: lead.id,
          type: e.type,
          actorId: ctx.viewer.userId,
          data: (e.data ?? {}) as Prisma.InputJsonValue,
          // Keeps the events of one change in the order they were listed.
          createdAt: new Date(now.getTime() + i),
        })),
      });
    }
    const fresh = await tx.lead.findFirstOrThrow({ where: { id: lead.id } });
    // Integrations: the webhook outbox rows this change means, committed with it.
    return { fresh, webhookIds: await recordLeadChangeWebhooks(tx, ctx.tenantId, lead, fresh, now) };
  });
  await enqueueWebhookDeliveries(written.webhookIds);
  return written.fresh;
}
