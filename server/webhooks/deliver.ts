// One delivery attempt of one webhook row: claim it (so two workers never send it at once),
// sign it with the endpoint's secret(s), POST it (10 s timeout, no redirects followed, only to
// public addresses in production — checked on the connection: post-to-target.ts), and log
// the answer's status and timing (its body only from a 2xx public endpoint). Failures retry with
// exponential backoff for about 24 hours under the same `webhook-id`; an endpoint that has
// failed for 5 days in a row is disabled and its owners told.
import { claimDueWebhookDelivery } from "@/server/db/cross-tenant-sweeps";
import { forTenant, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import { notify, type Enqueue as NotifyEnqueue } from "@/server/notifications/outbox";
import { signatureHeaders } from "./sign";
import { postToTarget } from "./post-to-target";
import { InternalTargetError, privateTargetsAllowed, type Resolve } from "./target-guard";

/** Seconds to wait after attempt n (1-based) fails: ~23.6 h in all, then the delivery gives up. */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 6 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export const TIMEOUT_MS = 10_000;
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
export const RESPONSE_LOG_CHARS = 1000;
/** How long a claimed attempt holds the row before another worker may take it. */
const CLAIM_MS = TIMEOUT_MS + 20_000;

export type DeliverOptions = {
  now?: () => Date;
  /** Multiplies the retry delays (tests and demos); 1 = real time. */
  retryScale?: number;
  allowPrivate?: boolean;
  resolve?: Resolve;
  notifyEnqueue?: NotifyEnqueue;
};

export type DeliverResult =
  { outcome: "not_due" | "succeeded" | "skipped" } | { outcome: "failed"; retryAt: Date | null };

/** The job names only the delivery's id: the claimed row names its business. */
export async function deliverWebhook(
  sys: SystemDb,
  id: string,
  opts: DeliverOptions = {},
): Promise<DeliverResult> {
  const clock = opts.now ?? (() => new Date());
  const start = clock();
  const delivery = await claimDueWebhookDelivery(sys, id, start, new Date(start.getTime() + CLAIM_MS));
  if (!delivery) return { outcome: "not_due" };
  const db = forTenant(sys, delivery.tenantId);
  const endpoint = delivery.endpoint;
  if (!endpoint.enabled) {
    await db.webhookDelivery.update({
      where: { id },
      data: { status: "skipped", nextAttemptAt: null, error: "Not sent: the endpoint is disabled." },
    });
    return { outcome: "skipped" };
  }

  let responseStatus: number | null = null;
  let responseBody: string | null = null;
  let error: string | null = null;
  const t0 = performance.now();
  const secrets = [
    endpoint.secret,
    ...(endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > start
      ? [endpoint.previousSecret]
      : []),
  ];
  try {
    const res = await postToTarget(endpoint.url, {
      headers: {
        "content-type": "application/json",
        "user-agent": "LeadRescue-Webhooks/1",
        ...signatureHeaders({ id, at: clock(), body: delivery.payload, secrets }),
      },
      body: delivery.payload,
      timeoutMs: TIMEOUT_MS,
      allowPrivate: opts.allowPrivate ?? privateTargetsAllowed(),
      resolve: opts.resolve,
      maxBodyChars: RESPONSE_LOG_CHARS,
    });
    responseStatus = res.status;
    responseBody = res.body;
    if (res.status < 200 || res.status >= 300)
      error =
        res.status >= 300 && res.status < 400
          ? `Answered ${res.status} (redirect, not followed).`
          : `Answered ${res.status}.`;
  } catch (err) {
    const e = err as Error;
    if (e instanceof InternalTargetError) error = `Not sent: ${e.message}`;
    else if (e.name === "TimeoutError" || e.name === "AbortError")
      error = `No answer within ${TIMEOUT_MS / 1000} s.`;
    else error = `Could not connect: ${(e.cause as Error | undefined)?.message ?? e.message}`;
  }
  const durationMs = Math.round(performance.now() - t0);
  const now = clock();

  if (!error) {
    await db.$transaction([
      db.webhookDelivery.update({
        where: { id },
        data: {
          status: "succeeded",
          nextAttemptAt: null,
          responseStatus,
          responseBody,
          durationMs,
          error: null,
        },
      }),
      db.webhookEndpoint.updateMany({
        where: { id: endpoint.id, failingSince: { not: null } },
        data: { failingSince: null },
      }),
    ]);
    return { outcome: "succeeded" };
  }

  const delay = RETRY_DELAYS_SECONDS[delivery.attempts - 1];
  const retryAt =
    delay === undefined
      ? null
      : new Date(now.getTime() + Math.max(1000, delay * 1000 * (opts.retryScale ?? 1)));
  await db.webhookDelivery.update({
    where: { id },
    data: {
      status: retryAt ? "pending" : "failed",
      nextAttemptAt: retryAt,
      responseStatus,
      responseBody,
      durationMs,
      error: error.slice(0, 500),
    },
  });
  await recordEndpointFailure(db, endpoint.id, now, opts);
  return { outcome: "failed", retryAt };
}

/** Marks the endpoint failing since its first failure; after 5 days of failures, disables it once. */
async function recordEndpointFailure(db: TenantDb, endpointId: string, now: Date, opts: DeliverOptions) {
  await db.webhookEndpoint.updateMany({
    where: { id: endpointId, failingSince: null },
    data: { failingSince: now },
  });
  const disabled = await db.webhookEndpoint.updateMany({
    where: {
      id: endpointId,
      enabled: true,
      failingSince: { lte: new Date(now.getTime() - DISABLE_AFTER_MS) },
    },
    data: { enabled: false, disabledAt: now, disabledReason: "Every delivery failed for 5 days in a row." },
  });
  if (disabled.count === 0) return;
  const endpoint = await db.webhookEndpoint.findUniqueOrThrow({
    where: { id: endpointId },
    include: { tenant: { select: { slug: true } } },
  });
  await db.webhookDelivery.updateMany({
    where: { endpointId, status: "pending" },
    data: { status: "skipped", nextAttemptAt: null, error: "Not sent: the endpoint was disabled." },
  });
  const owners = await db.membership.findMany({
    where: { tenantId: endpoint.tenantId, role: "owner" },
    select: { userId: true, user: { select: { email: true } } },
  });
  const body = `Webhook endpoint ${endpoint.url} was turned off: every delivery failed for 5 days. Fix the receiver, then turn it back on in Settings → Webhooks.`;
  for (const o of owners) {
    for (const channel of ["in_app", "email"] as const) {
      await notify({
        db,
        tenantId: endpoint.tenantId,
        userId: o.userId,
        channel,
        to: channel === "email" ? o.user.email : null,
        purpose: "webhook.disabled",
        key: `webhook.disabled:${endpointId}:${now.toISOString()}`,
        subject: "A webhook endpoint was turned off",
        body,
        enqueue: opts.notifyEnqueue,
      });
    }
  }
}
