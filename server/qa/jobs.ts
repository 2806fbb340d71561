// QA's background job (pg-boss):
//   qa.daily-sample   hourly: every tenant whose local clock is past 18:00 and whose day is not
//                     sampled yet gets its daily sample. The QaDay claim makes a
//                     second run, or a second worker, a no-op.
//   qa.after-call     each AI-handled call, queued by its final status webhook: the whole
//                     transcript read again (server/qa/after-call-jobs.ts).
//   qa.after-call-sweep every 5 min: ended AI calls of the last day without a check (a lost job).
import { forTenant } from "@/server/db/system";
import { defineJob } from "@/server/jobs/define-job";
import { isSamplingTime } from "./qa-day";
import { sampleQaDay, tenantsDueForQa } from "./sample-qa-day";
import { afterCallJob, afterCallSweepJob } from "./after-call-jobs";

export const QA_SAMPLE_JOB = "qa.daily-sample";

export const qaSampleJob = defineJob<object>({
  name: QA_SAMPLE_JOB,
  cron: "5 * * * *",
  queue: { policy: "short", retryLimit: 2 },
  async work(_data, ctx) {
    const now = ctx.now();
    for (const tenantId of await tenantsDueForQa(ctx.sys, now, isSamplingTime)) {
      try {
        const r = await sampleQaDay(forTenant(ctx.sys, tenantId), { tenantId, now });
        if (r.switchedToSafe)
          console.log(
            `QA: tenant ${tenantId} failed ${r.failed} of ${r.sampled} sampled calls on ${r.day}; switched to the safe prompt profile.`,
          );
      } catch (err) {
        // One tenant's failure must not stop the others; the next hourly run retries it.
        console.error(`QA: sampling tenant ${tenantId} failed:`, (err as Error).message);
      }
    }
  },
});

export const QA_JOBS = [qaSampleJob, afterCallJob, afterCallSweepJob];
