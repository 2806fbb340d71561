// The webhook pg-boss jobs: `webhooks.deliver` makes one attempt and queues the next one at its
// backoff time; `webhooks.sweep` (every minute) re-queues due rows whose job was lost.
import { env } from "@/server/env";
import { dueWebhookDeliveryIds } from "@/server/db/cross-tenant-sweeps";
import { defineJob, type JobDefinition } from "@/server/jobs/define-job";
import { deliverWebhook, type DeliverOptions } from "./deliver";
import { enqueueWebhookDeliveries, WEBHOOK_DELIVER_JOB, type Enqueue } from "./outbox";

export const WEBHOOK_SWEEP_JOB = "webhooks.sweep";

async function runtimeEnqueue(): Promise<Enqueue> {
  const { sendJob } = await import("@/server/jobs/runtime");
  return sendJob;
}

/** The jobs with their options; tests pass a small `retryScale` so backoff takes seconds. */
export function makeWebhookJobs(
  opts: Omit<DeliverOptions, "now"> & { enqueue?: Enqueue } = {},
): JobDefinition<never>[] {
  const deliver = defineJob<{ id: string }>({
    name: WEBHOOK_DELIVER_JOB,
    queue: { policy: "short" },
    batchSize: 4,
    async work({ id }, ctx) {
      const result = await deliverWebhook(ctx.sys, id, { ...opts, now: ctx.now });
      if (result.outcome === "failed" && result.retryAt) {
        const send = opts.enqueue ?? (await runtimeEnqueue());
        await send(WEBHOOK_DELIVER_JOB, { id }, { singletonKey: id, startAfter: result.retryAt });
      }
    },
  });
  const sweep = defineJob<object>({
    name: WEBHOOK_SWEEP_JOB,
    cron: "* * * * *",
    async work(_data, ctx) {
      const due = await dueWebhookDeliveryIds(ctx.sys, ctx.now(), 500);
      await enqueueWebhookDeliveries(due, opts.enqueue);
    },
  });
  return [deliver as JobDefinition<never>, sweep as JobDefinition<never>];
}

export const WEBHOOK_JOBS = makeWebhookJobs({ retryScale: Math.min(1, env.ESCALATION_TIME_SCALE) });
