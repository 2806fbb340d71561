// Intake captures a lead outside a call — a web form, a referral, a
// lead typed in by the office — and routes it at once: emergencies are never created unowned.
import type { Lead, Prisma } from "@/server/db/generated/client";
import type { LeadSource, LeadStatus, Urgency } from "@/server/db/generated/enums";
import type { TenantCtx, TenantTx } from "@/server/db/tenant-scope";
import type { LeadEventInput } from "./apply-lead-change";
import { AppError } from "@/server/errors";
import { initialHandoff } from "./route-lead";
import { ownershipRefusal } from "./ownership-rules";
import { temperatureOf } from "./temperature";
import { normalizeEmail } from "./caller-email";
import { enqueueWebhookDeliveries, recordWebhookEvent } from "@/server/webhooks/outbox";
import { startFollowUp } from "@/server/followups/enroll";

export type CreateLeadInput = {
  callerPhone: string;
  callerName?: string | null;
  /** Stored trimmed and lowercased. */
  callerEmail?: string | null;
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

export type NewLeadWriter = { tenantId: string; actorId: string | null; now: Date };

export async function createLead(
  ctx: TenantCtx & { actorId: string | null; now?: Date },
  input: CreateLeadInput,
): Promise<Lead> {
  const w = { tenantId: ctx.tenantId, actorId: ctx.actorId, now: ctx.now ?? new Date() };
  const { lead, webhookIds } = await ctx.db.$transaction((tx) => insertLead(tx, w, input));
  await enqueueWebhookDeliveries(webhookIds);
  return lead;
}

/** What routing a new lead reads: its urgency, kind, source, age, and what the input already set. */
function leadRouting(input: CreateLeadInput, now: Date) {
  return {
    urgency: input.urgency ?? null,
    isEstimate: input.isEstimate ?? false,
    source: input.source,
    createdAt: input.createdAt ?? now,
    ownerId: input.ownerId ?? null,
    nextAction: input.nextAction ?? null,
    dueAt: input.dueAt ?? null,
  };
}

/**
 * A new lead's row as the writer makes it, once its owner, next action and due time are known
 * (`initialHandoff`, or the routing the caller already read): checked against the ownership
 * rules, with its temperature. The id is the database's unless `id` is given.
 */
export function newLeadRow(
  w: NewLeadWriter,
  input: CreateLeadInput,
  handoff: { ownerId: string | null; nextAction: string; dueAt: Date },
  id?: string,
) {
  const { now } = w;
  const base = leadRouting(input, now);
  const { createdAt } = base;
  const status = input.status ?? "followup_needed";
  const draft = {
    ...base,
    ...handoff,
    status,
    acceptedAt: null,
    followUpAt: input.followUpAt ?? null,
    notes: input.notes ?? null,
  };
  const refusal = ownershipRefusal(null, draft);
  if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
  const lastActivityAt = input.createdAt ?? now;
  return {
    ...(id ? { id } : {}),
    tenantId: w.tenantId,
    callerPhone: input.callerPhone,
    callerName: input.callerName ?? null,
    callerEmail: normalizeEmail(input.callerEmail),
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
    temperature: temperatureOf(
      { ...draft, lastActivityAt, appointmentAt: input.appointmentAt ?? null, inArea: input.inArea ?? null },
      now,
    ),
  };
}

/** A new lead as the database will hold it once `row` is inserted (the columns it leaves to their defaults filled in). */
export function newLead(row: ReturnType<typeof newLeadRow> & { id: string }): Lead {
  return {
    ...row,
    evidence: row.evidence as Prisma.JsonValue,
    updatedAt: row.createdAt,
    acceptedAt: null,
    closeReason: null,
    closeNote: null,
    queueGroup: 4,
    queueAt: row.dueAt ?? row.createdAt,
    touchpoints: 0,
    visitOutcome: null,
    jobOutcome: null,
    jobValueCents: null,
    outcomeAt: null,
    externalJobId: null,
    externalJobUrl: null,
    lastReplyAt: null,
    linkOpenedAt: null,
    emailOptedOutAt: null,
    // Set by the database's going-quiet trigger on insert: the first quiet check, a day after the last activity.
    quietDays: 0,
    quietAt:
      row.status === "closed" || row.isTest ? null : new Date(row.lastActivityAt.getTime() + 86_400_000),
  };
}

/**
 * createLead's core, inside the caller's transaction: routed, checked against the ownership
 * rules, with its temperature, timeline events and `lead.created` outbox rows.
 * `once` (the call flow: one lead per CallSid, whatever Twilio delivers twice): a lead with this
 * sourceRef already there is returned as it is, and nothing is written.
 * `events` replaces the default `lead.created` / `lead.routed` timeline entries; `createdData`
 * adds to the default `lead.created` entry (how it came in, consent given, the API request's hash).
 */
export async function insertLead(
  tx: TenantTx,
  w: NewLeadWriter,
  input: CreateLeadInput,
  opts: { once?: boolean; events?: LeadEventInput[]; createdData?: Record<string, unknown> } = {},
): Promise<{ lead: Lead; created: boolean; webhookIds: string[] }> {
  const { now } = w;
  const createdAt = input.createdAt ?? now;
  const data = newLeadRow(
    w,
    input,
    await initialHandoff(tx, w.tenantId, {
      ...leadRouting(input, now),
      status: input.status ?? "followup_needed",
      inArea: input.inArea ?? null,
      followUpAt: input.followUpAt ?? null,
    }),
  );
  let lead: Lead;
  if (opts.once) {
    // ON CONFLICT DO NOTHING on (tenantId, sourceRef), then the row that won is read back.
    const [inserted] = await tx.lead.createManyAndReturn({ data: [data], skipDuplicates: true });
    if (!inserted)
      return {
        lead: await tx.lead.findFirstOrThrow({ where: { sourceRef: data.sourceRef } }),
        created: false,
        webhookIds: [],
      };
    lead = inserted;
  } else {
    lead = await tx.lead.create({ data });
  }
  const events: LeadEventInput[] = opts.events ?? [
    { type: "lead.created", data: { ...opts.createdData, source: input.source } },
    ...(data.ownerId
      ? [{ type: "lead.routed", data: { ownerId: data.ownerId, dueAt: data.dueAt.toISOString() } }]
      : []),
  ];
  if (events.length) {
    await tx.leadEvent.createMany({
      data: events.map((e, i) => ({
        tenantId: w.tenantId,
        leadId: lead.id,
        type: e.type,
        actorId: w.actorId,
        data: (e.data ?? {}) as Prisma.InputJsonValue,
        createdAt: new Date(createdAt.getTime() + i),
      })),
    });
  }
  // Follow-ups: the source's sequence starts with the lead (web form, referral, marketplace, missed call).
  await startFollowUp(tx, { tenantId: w.tenantId, now }, lead);
  // Integrations: lead.created is committed with the lead.
  return {
    lead,
    created: true,
    webhookIds: await recordWebhookEvent(tx, { tenantId: w.tenantId, type: "lead.created", lead, now }),
  };
}
