// Reports' background job (pg-boss):
//   reports.handoff-qa   hourly: on Monday from 6:00 local time, each business whose last week is
//                        not sampled yet gets its weekly handoff QA sample.
//   reports.monthly-email hourly: on the 1st from 8:00 local time, owners get last month's report.
import { forTenant } from "@/server/db/system";
import { defineJob } from "@/server/jobs/define-job";
import { env } from "@/server/env";
import { sendMonthlyReports } from "./monthly-email";
import { sampleHandoffWeek, tenantsDueForHandoffQa } from "./sample-handoffs";

export const HANDOFF_QA_JOB = "reports.handoff-qa";

export const handoffQaJob = defineJob<object>({
  name: HANDOFF_QA_JOB,
  cron: "20 * * * *",
  queue: { policy: "short", retryLimit: 2 },
  async work(_data, ctx) {
    const now = ctx.now();
    for (const tenantId of await tenantsDueForHandoffQa(ctx.sys, now)) {
      try {
        await sampleHandoffWeek(forTenant(ctx.sys, tenantId), { tenantId, now });
      } catch (err) {
        // One business's failure must not stop the others; the next hourly run retries it.
        console.error(`Handoff QA: sampling tenant ${tenantId} failed:`, (err as Error).message);
      }
    }
  },
});

export const MONTHLY_REPORT_JOB = "reports.monthly-email";

export const monthlyReportJob = defineJob<object>({
  name: MONTHLY_REPORT_JOB,
  cron: "25 * * * *",
  queue: { policy: "short", retryLimit: 2 },
  async work(_data, ctx) {
    await sendMonthlyReports(ctx.sys, { now: ctx.now(), baseUrl: env.PUBLIC_BASE_URL });
  },
});

export const REPORT_JOBS = [handoffQaJob, monthlyReportJob];
