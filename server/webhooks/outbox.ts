// The webhook outbox: an event becomes one WebhookDelivery row per subscribed, enabled endpoint
// of the business — written in the same transaction as the change when the writer has one — and
// a pg-boss job delivers it after commit. The row's id is the `webhook-id` of every attempt.
//
//   recordWebhookEvent(tx, { tenantId, type, lead, extra? }) → delivery ids (inside a transaction)
//   enqueueWebhookDeliveries(ids)                             → queues them (after commit)
//   emitWebhookEvent(db, { tenantId, leadId, type, extra? }) → both, for system paths; never throws
import type { Lead } from "@/server/db/generated/client";
import type { TenantDb } from "@/server/db/tenant-scope";
import { leadJson } from "@/server/api/lead-json";
import type { SendOptions } from "@/server/jobs/define-job";
import { leadChangeEvents, type WebhookEventType } from "./events";
import { newWebhookId } from "./sign";

export const WEBHOOK_DELIVER_JOB = "webhooks.deliver";

type DeliveryRow = {
  id: string;
  tenantId: string;
  endpointId: string;
  eventType: string;
  leadId: string | null;
  payload: string;
  nextAttemptAt: Date;
  createdAt: Date;
};

/** The tenant's scoped client or an interactive transaction on it. */
type Db = {
  webhookEndpoint: {
    findMany(args: {
      where: { tenantId: string; enabled: true; events: { has: string } };
      select: { id: true };
    }): PromiseLike<{ id: string }[]>;
  };
  webhookDelivery: { createMany(args: { data: DeliveryRow[] }): PromiseLike<unknown> };
};

export type Enqueue = (name: string, data: object, options?: SendOptions) => Promise<string | null>;

export type WebhookEventInput = {
  tenantId: string;
  type: WebhookEventType;
  /** The lead the event is about; `data` is its REST API JSON. */
  lead: Lead | null;
  /** Event-specific facts added to `data` (e.g. `call` for call.completed). */
  extra?: Record<string, unknown>;
  now?: Date;
};

export function webhookPayload(input: WebhookEventInput): string {
  const now = input.now ?? new Date();
  return JSON.stringify({
    type: input.type,
    timestamp: now.toISOString(),
    data: { ...(input.lead ? leadJson(input.lead) : {}), ...input.extra },
  });
}

export async function recordWebhookEvent(db: Db, input: WebhookEventInput): Promise<string[]> {
  // Test calls from the simulator stay inside LeadRescue.
  if (input.lead?.isTest) return [];
  const endpoints = await db.webhookEndpoint.findMany({
    where: { tenantId: input.tenantId, enabled: true, events: { has: input.type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return [];
  const now = input.now ?? new Date();
  const payload = webhookPayload({ ...input, now });
  const rows = endpoints.map((e) => ({
    id: newWebhookId(),
    tenantId: input.tenantId,
    endpointId: e.id,
    eventType: input.type,
    leadId: input.lead?.id ?? null,
    payload,
    nextAttemptAt: now,
    createdAt: now,
  }));
  await db.webhookDelivery.createMany({ data: rows });
  return rows.map((r) => r.id);
}

/** The lead writer's hook: the events a change means, recorded with the change. */
export async function recordLeadChangeWebhooks(
  db: Db,
  tenantId: string,
  before: Lead,
  after: Lead,
  now?: Date,
): Promise<string[]> {
  const ids: string[] = [];
  for (const type of leadChangeEvents(before, after))
    ids.push(...(await recordWebhookEvent(db, { tenantId, type, lead: after, now })));
  return ids;
}

async function defaultEnqueue(): Promise<Enqueue> {
  const { sendJob } = await import("@/server/jobs/runtime");
  return sendJob;
}

/** Queues delivery of recorded rows; a row that cannot be queued now is picked up by the sweep. */
export async function enqueueWebhookDeliveries(ids: string[], enqueue?: Enqueue): Promise<void> {
  if (ids.length === 0) return;
  try {
    const send = enqueue ?? (await defaultEnqueue());
    for (const id of ids) await send(WEBHOOK_DELIVER_JOB, { id }, { singletonKey: id });
  } catch (err) {
    console.error(`Webhook deliveries could not be queued yet (the sweep will): ${(err as Error).message}`);
  }
}

/** For system paths without their own transaction (the call flow, texts, consent). Never throws. */
export async function emitWebhookEvent(
  db: TenantDb,
  input: {
    tenantId: string;
    type: WebhookEventType;
    leadId: string | null;
    extra?: Record<string, unknown>;
    now?: Date;
    enqueue?: Enqueue;
  },
): Promise<string[]> {
  try {
    const lead = input.leadId
      ? await db.lead.findFirst({ where: { id: input.leadId, tenantId: input.tenantId } })
      : null;
    const ids = await recordWebhookEvent(db, {
      tenantId: input.tenantId,
      type: input.type,
      lead,
      extra: input.extra,
      now: input.now,
    });
    await enqueueWebhookDeliveries(ids, input.enqueue);
    return ids;
  } catch (err) {
    console.error(`Webhook event ${input.type} was not recorded: ${(err as Error).message}`);
    return [];
  }
}
