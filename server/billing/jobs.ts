// Billing's background jobs (pg-boss: durable, retried, any number of workers):
//   billing.usage         one AI-handled call → ledger row + meter event (retries with backoff)
//   billing.usage-sweep   every 10 min: ended AI-handled calls without a ledger row, and rows
//                         whose meter event is still pending → billing.usage; leads closed as
//                         spam with a billable row → billing.credit-spam (the safety net)
//   billing.detach        at detachAt (startAfter): the 24-hour auto-detach
//   billing.detach-sweep  every 5 min: tenants past detachAt and not detached (a lost job)
//   billing.credit-spam   a lead closed as spam → its billable calls credited, meter events cancelled
import { pendingMeterEvents, spamLeadsWithBillableUsage } from "@/server/db/cross-tenant";
import { forTenant } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import { env } from "@/server/env";
import { defineJob } from "@/server/jobs/define-job";
import { getBoss, sendJob } from "@/server/jobs/runtime";
import { getStripe } from "@/server/integrations/stripe";
import { getTwilioClient } from "@/server/integrations/twilio-client";
import { detachTenant, tenantsDueForDetach } from "./detach-tenant";
import { checkUsageAlerts } from "@/server/saas/usage-alerts";
import { callsMissingUsage, recordUsageForCall } from "./record-usage";
import { creditLeadMarkedSpam } from "./credit-spam-lead";
import type { CancellationDeps } from "./request-cancellation";

export const USAGE_JOB = "billing.usage";
export const USAGE_SWEEP_JOB = "billing.usage-sweep";
export const DETACH_JOB = "billing.detach";
export const DETACH_SWEEP_JOB = "billing.detach-sweep";
export const CREDIT_SPAM_JOB = "billing.credit-spam";

type UsageJob = { tenantId: string; callSid: string };
type DetachJob = { tenantId: string; requestedAt?: string };

const RETRIES = { retryLimit: 10, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600 };

export const usageJob = defineJob<UsageJob>({
  name: USAGE_JOB,
  queue: { ...RETRIES },
  batchSize: 4,
  async work(data, ctx) {
    const db = forTenant(ctx.sys, data.tenantId);
    const entry = await recordUsageForCall(db, data, {
      stripe: getStripe,
      meterEventName: env.STRIPE_METER_EVENT_NAME,
      now: ctx.now,
    });
    // SaaS mode: alerts at 80 % / 100 % of the agency plan (once per threshold and month).
    if (entry?.outcome === "billable") await checkUsageAlerts(db, data.tenantId, ctx.now());
  },
});

export const usageSweepJob = defineJob<object>({
  name: USAGE_SWEEP_JOB,
  cron: "*/10 * * * *",
  queue: { policy: "short", retryLimit: 1 },
  async work(_data, ctx) {
    const now = ctx.now();
    const settled = new Date(now.getTime() - 5 * 60_000);
    for (const c of [
      ...(await callsMissingUsage(ctx.sys, now, settled)),
      ...(await pendingMeterEvents(ctx.sys, settled)),
    ]) {
      await sendJob(USAGE_JOB, c, { singletonKey: `${c.tenantId}:${c.callSid}`, singletonSeconds: 600 });
    }
    for (const l of await spamLeadsWithBillableUsage(ctx.sys)) {
      await sendJob(CREDIT_SPAM_JOB, l, { singletonKey: `${l.tenantId}:${l.leadId}`, singletonSeconds: 600 });
    }
  },
});

export const detachJob = defineJob<DetachJob>({
  name: DETACH_JOB,
  queue: { ...RETRIES },
  async work(data, ctx) {
    const result = await detachTenant(forTenant(ctx.sys, data.tenantId), data, {
      twilio: getTwilioClient,
      now: ctx.now,
    });
    if (result === "detached") console.log(`Billing: tenant ${data.tenantId} detached after cancellation.`);
  },
});

export const detachSweepJob = defineJob<object>({
  name: DETACH_SWEEP_JOB,
  cron: "*/5 * * * *",
  queue: { policy: "short", retryLimit: 1 },
  async work(_data, ctx) {
    for (const t of await tenantsDueForDetach(ctx.sys, ctx.now())) {
      await detachTenant(
        forTenant(ctx.sys, t.id),
        { tenantId: t.id },
        { twilio: getTwilioClient, now: ctx.now },
      );
    }
  },
});

export const creditSpamJob = defineJob<{ tenantId: string; leadId: string }>({
  name: CREDIT_SPAM_JOB,
  queue: { ...RETRIES },
  async work(data, ctx) {
    await creditLeadMarkedSpam(forTenant(ctx.sys, data.tenantId), data, {
      stripe: getStripe,
      meterEventName: env.STRIPE_METER_EVENT_NAME,
      now: ctx.now,
    });
  },
});

/** Queues the spam credit of a lead the office just closed as spam (safe to repeat: the credit is idempotent). */
export async function enqueueSpamCredit(input: { tenantId: string; leadId: string }): Promise<void> {
  try {
    await sendJob(CREDIT_SPAM_JOB, input, {
      singletonKey: `${input.tenantId}:${input.leadId}`,
      singletonSeconds: 60,
    });
    // Once more a few minutes later: a meter event being sent at the moment of the first run is cancelled then.
    await sendJob(CREDIT_SPAM_JOB, input, {
      singletonKey: `${input.tenantId}:${input.leadId}:again`,
      singletonSeconds: 600,
      startAfter: 300,
    });
  } catch (err) {
    console.error(
      `Billing: the spam credit of lead ${input.leadId} was not queued (the usage sweep will pick it up): ${(err as Error).message}`,
    );
  }
}

export const BILLING_JOBS = [usageJob, usageSweepJob, detachJob, detachSweepJob, creditSpamJob];

/**
 * Queues the usage event of a call (call it from the call's final status webhook). Safe to call
 * for any call, any number of times: calls the AI did not handle are skipped by the job, and the
 * ledger + meter identifier dedupe repeats. If the queue is not running, the sweep catches up.
 */
export async function enqueueUsageForCall(
  db: TenantDb,
  input: { tenantId: string; callSid: string },
): Promise<string | null> {
  const existing = await db.usageLedgerEntry.findUnique({
    where: { tenantId_callSid: input },
    select: { meterStatus: true },
  });
  if (existing && existing.meterStatus !== "pending") return null;
  try {
    return await sendJob(USAGE_JOB, { tenantId: input.tenantId, callSid: input.callSid });
  } catch (err) {
    console.error(
      `Usage for call ${input.callSid} not queued (the usage sweep will pick it up):`,
      (err as Error).message,
    );
    return null;
  }
}

/** The cancellation's hooks into the queue: the detach job at detachAt, and cancelling it. */
export const cancellationJobs: Pick<CancellationDeps, "scheduleDetach" | "cancelDetachJob"> = {
  async scheduleDetach(job, detachAt) {
    try {
      return await sendJob(DETACH_JOB, job, {
        startAfter: detachAt,
        singletonKey: `${job.tenantId}:${job.requestedAt}`,
        singletonSeconds: 60,
      });
    } catch (err) {
      console.error(
        `Detach job for tenant ${job.tenantId} not queued (the detach sweep will run it):`,
        (err as Error).message,
      );
      return null;
    }
  },
  async cancelDetachJob(jobId) {
    await (await getBoss()).cancel(DETACH_JOB, jobId);
  },
};
