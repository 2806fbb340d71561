// Reports' background job (pg-boss):
//   reports.handoff-qa   hourly: on Monday from 6:00 local time, each business whose last week is
//                        not sampled yet gets its weekly handoff QA sample.
import { defineJob } from "@/server/jobs/define-job";
import { sampleHandoffWeek, tenantsDueForHandoffQa } from "./sample-handoffs";

export const HANDOFF_QA_JOB = "reports.handoff-qa";

export const handoffQaJob = defineJob<object>({
  name: HANDOFF_QA_JOB,
  cron: "20 * * * *",
  queue: { policy: "short", retryLimit: 2 },
  async work(_data, ctx) {
    const now = ctx.now();
    for (const tenantId of await tenantsDueForHandoffQa(ctx.prisma, now)) {
      try {
        await sampleHandoffWeek(ctx.prisma, { tenantId, now });
      } catch (err) {
        // One business's failure must not stop the others; the next hourly run retries it.
        console.error(`Handoff QA: sampling tenant ${tenantId} failed:`, (err as Error).message);
      }
    }
  },
});

export const REPORT_JOBS = [handoffQaJob];
