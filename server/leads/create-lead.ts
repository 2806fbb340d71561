// Intake captures a lead (seed 001 workflow step 1) outside a call — a web form, a referral, a
// lead typed in by the office — and routes it at once: emergencies are never created unowned.
import type { Lead, Prisma } from "@/server/db/generated/client";
import type { LeadSource, LeadStatus, Urgency } from "@/server/db/generated/enums";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { initialHandoff } from "./route-lead";
import { ownershipRefusal } from "./ownership-rules";
import { temperatureOf } from "./temperature";
import { enqueueWebhookDeliveries, recordWebhookEvent } from "@/server/webhooks/outbox";

export type CreateLeadInput = {
  callerPhone: string;
  callerName?: string | null;
  zip?: string | null;
  inArea?: boolean | null;
  issueSummary?: string | null;
  urgency?: Urgency | null;
  status?: LeadStatus;
  source: LeadSource;
  sourceRef?: string;
  address?: string | null;
  notes?: string | null;
  ownerId?: string | null;
  nextAction?: string | null;
  dueAt?: Date | null;
  isEstimate?: boolean;
  followUpAt?: Date | null;
  appointmentAt?: Date | null;
  isTest?: boolean;
  createdAt?: Date;
  evidence?: Record<string, string>;
  transcriptExcerpt?: string | null;
};

export async function createLead(ctx: TenantCtx & { actorId: string | null; now?: Date }, input: CreateLeadInput): Promise<Lead> {
  const now = ctx.now ?? new Date();
  const createdAt = input.createdAt ?? now;
  const base = {
    urgency: input.urgency ?? null,
    isEstimate: input.isEstimate ?? false,
    source: input.source,
    createdAt,
    ownerId: input.ownerId ?? null,
    nextAction: input.nextAction ?? null,
    dueAt: input.dueAt ?? null,
  };
  const handoff = await initialHandoff(ctx, base);
  const status = input.status ?? "followup_needed";
  const draft = { ...base, ...handoff, status, acceptedAt: null, followUpAt: input.followUpAt ?? null, notes: input.notes ?? null };
  const refusal = ownershipRefusal(null, draft);
  if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
  const lastActivityAt = input.createdAt ?? now;
  const { lead, webhookIds } = await ctx.db.$transaction(async (tx) => {
    const lead = await tx.lead.create({
      data: {
        tenantId: ctx.tenantId,
        callerPhone: input.callerPhone,
        callerName: input.callerName ?? null,
        zip: input.zip ?? null,
        inArea: input.inArea ?? null,
        issueSummary: input.issueSummary ?? null,
        urgency: input.urgency ?? null,
        status,
        source: input.source,
        sourceRef: input.sourceRef ?? `manual-${createdAt.getTime()}-${Math.random().toString(36).slice(2, 10)}`,
        address: input.address ?? null,
        notes: input.notes ?? null,
        ownerId: handoff.ownerId,
        nextAction: handoff.nextAction,
        dueAt: handoff.dueAt,
        isEstimate: input.isEstimate ?? false,
        followUpAt: input.followUpAt ?? null,
        appointmentAt: input.appointmentAt ?? null,
        isTest: input.isTest ?? false,
        createdAt,
        lastActivityAt,
        evidence: (input.evidence ?? {}) as Prisma.InputJsonValue,
        transcriptExcerpt: input.transcriptExcerpt ?? null,
        temperature: temperatureOf({ ...draft, lastActivityAt, appointmentAt: input.appointmentAt ?? null, inArea: input.inArea ?? null }, now),
      },
    });
    await tx.leadEvent.createMany({
      data: [
        { tenantId: ctx.tenantId, leadId: lead.id, type: "lead.created", actorId: ctx.actorId, data: { source: input.source }, createdAt },
        ...(handoff.ownerId ? [{ tenantId: ctx.tenantId, leadId: lead.id, type: "lead.routed", actorId: ctx.actorId, data: { ownerId: handoff.ownerId, dueAt: handoff.dueAt.toISOString() }, createdAt: new Date(createdAt.getTime() + 1) }] : []),
      ],
    });
    // Integrations: lead.created is committed with the lead.
    return { lead, webhookIds: await recordWebhookEvent(tx, { tenantId: ctx.tenantId, type: "lead.created", lead, now }) };
  });
  await enqueueWebhookDeliveries(webhookIds);
  return lead;
}
