// A business's webhook endpoints: add (the secret is shown once), list, remove, turn on/off,
// rotate the secret (the old one keeps signing for 24 h), the delivery log and "Resend".
// Used by the settings page (tRPC) and REST API v1 alike, always with the tenant-scoped client.
import { z } from "zod";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { writeAudit } from "@/server/audit/write-audit";
import { WEBHOOK_EVENTS } from "./events";
import { enqueueWebhookDeliveries, type Enqueue } from "./outbox";
import { newWebhookSecret } from "./sign";
import { targetRefusal, type Resolve } from "./target-guard";

export const ROTATION_OVERLAP_MS = 24 * 3600_000;
export const MAX_ENDPOINTS = 10;

export const ZWebhookEvent = z.enum(WEBHOOK_EVENTS, {
  message: `events must be among ${WEBHOOK_EVENTS.join(", ")}`,
});

export const ZCreateWebhookInput = z.object({
  url: z
    .string({ message: "url is required" })
    .trim()
    .min(1, "url is required")
    .max(2000, "url is longer than 2000 characters"),
  events: z
    .array(ZWebhookEvent, { message: "events must be a list of event types" })
    .min(1, "Pick at least one event")
    .max(WEBHOOK_EVENTS.length),
});
export type CreateWebhookInput = z.infer<typeof ZCreateWebhookInput>;

export type WebhookCtx = Pick<TenantCtx, "db" | "tenantId"> & {
  actorId: string | null;
  via?: "settings" | "api";
  apiKeyId?: string;
  allowPrivate?: boolean;
  resolve?: Resolve;
};

export function endpointJson(e: {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
  failingSince: Date | null;
}) {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function createWebhookEndpoint(ctx: WebhookCtx, raw: CreateWebhookInput) {
  const input = ZCreateWebhookInput.parse(raw);
  const refusal = await targetRefusal(input.url, { allowPrivate: ctx.allowPrivate, resolve: ctx.resolve });
  if (refusal) throw new AppError("BAD_REQUEST", refusal, "url");
  if ((await ctx.db.webhookEndpoint.count()) >= MAX_ENDPOINTS)
    throw new AppError(
      "BAD_REQUEST",
      `A business can have up to ${MAX_ENDPOINTS} endpoints; remove one first.`,
      "url",
    );
  const secret = newWebhookSecret();
  const endpoint = await ctx.db.webhookEndpoint.create({
    data: {
      tenantId: ctx.tenantId,
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      createdById: ctx.actorId,
    },
  });
  await writeAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: "webhook.created",
    target: endpoint.id,
    data: {
      url: endpoint.url,
      events: endpoint.events,
      via: ctx.via ?? "settings",
      ...(ctx.apiKeyId ? { apiKeyId: ctx.apiKeyId } : {}),
    },
  });
  return { id: endpoint.id, url: endpoint.url, events: endpoint.events, secret };
}

export async function listWebhookEndpoints(ctx: Pick<TenantCtx, "db">) {
  const rows = await ctx.db.webhookEndpoint.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(endpointJson);
}

async function findEndpoint(ctx: Pick<TenantCtx, "db">, id: string) {
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id } });
  if (!endpoint)
    throw new AppError(
      "NOT_FOUND",
      "That webhook endpoint was not found in this business. Reload the list.",
      "id",
    );
  return endpoint;
}

export async function deleteWebhookEndpoint(ctx: WebhookCtx, id: string) {
  const endpoint = await findEndpoint(ctx, id);
  await ctx.db.webhookEndpoint.deleteMany({ where: { id: endpoint.id } });
  await writeAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: "webhook.deleted",
    target: endpoint.id,
    data: { url: endpoint.url, via: ctx.via ?? "settings" },
  });
}

export async function setWebhookEndpointEnabled(ctx: WebhookCtx, input: { id: string; enabled: boolean }) {
  const endpoint = await findEndpoint(ctx, input.id);
  await ctx.db.webhookEndpoint.updateMany({
    where: { id: endpoint.id },
    data: input.enabled
      ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
      : { enabled: false, disabledAt: new Date(), disabledReason: "Turned off in settings." },
  });
  await writeAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: input.enabled ? "webhook.enabled" : "webhook.disabled",
    target: endpoint.id,
    data: { url: endpoint.url },
  });
}

/** A new secret now; the old one also signs for 24 h so receivers can switch without losing events. */
export async function rotateWebhookSecret(ctx: WebhookCtx, id: string, now = new Date()) {
  const endpoint = await findEndpoint(ctx, id);
  const secret = newWebhookSecret();
  await ctx.db.webhookEndpoint.updateMany({
    where: { id: endpoint.id },
    data: {
      secret,
      previousSecret: endpoint.secret,
      previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
    },
  });
  await writeAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: "webhook.secret_rotated",
    target: endpoint.id,
    data: { url: endpoint.url },
  });
  return {
    id: endpoint.id,
    secret,
    previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString(),
  };
}

export async function listWebhookDeliveries(
  ctx: Pick<TenantCtx, "db">,
  input: { endpointId: string; limit?: number },
) {
  await findEndpoint(ctx, input.endpointId);
  const rows = await ctx.db.webhookDelivery.findMany({
    where: { endpointId: input.endpointId },
    orderBy: { createdAt: "desc" },
    take: input.limit ?? 50,
  });
  return rows.map((d) => ({
    id: d.id,
    eventType: d.eventType,
    leadId: d.leadId,
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    responseStatus: d.responseStatus,
    responseBody: d.responseBody,
    durationMs: d.durationMs,
    error: d.error,
  }));
}

/** Sends a logged delivery again now, with the same webhook-id (receivers dedupe on it). */
export async function resendWebhookDelivery(ctx: WebhookCtx & { enqueue?: Enqueue }, id: string) {
  const delivery = await ctx.db.webhookDelivery.findFirst({
    where: { id },
    include: { endpoint: { select: { enabled: true } } },
  });
  if (!delivery)
    throw new AppError("NOT_FOUND", "That delivery was not found in this business. Reload the log.", "id");
  if (!delivery.endpoint.enabled)
    throw new AppError("BAD_REQUEST", "Turn the endpoint back on before resending.", "id");
  await ctx.db.webhookDelivery.updateMany({
    where: { id },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), error: null },
  });
  await enqueueWebhookDeliveries([id], ctx.enqueue);
}
