// Follow-ups on pg-boss:
//   followups.sweep  re-queues itself every 30 s (2 s when ESCALATION_TIME_SCALE shortens timers; a
//                    per-minute cron restarts the chain): due steps across businesses → followups.step
//   followups.step   one step of one lead, claimed once (run-step.ts), so duplicates change nothing
//   followups.quiet-sweep  every minute: leads past a quiet threshold (1, 3, 7 days) → followups.quiet
//   followups.quiet  one lead gone quiet, claimed once per threshold (gone-quiet.ts)
import { dueFollowUpSteps, dueQuietLeads } from "@/server/db/cross-tenant-sweeps";
import type { SystemDb } from "@/server/db/system";
import { forTenant } from "@/server/db/system";
import { env } from "@/server/env";
import { defineJob } from "@/server/jobs/define-job";
import { getBoss, sendJob } from "@/server/jobs/runtime";
import { sweepIntervalSeconds } from "@/server/leads/escalation-jobs";
import { defaultDraftWriter } from "./draft-writer";
import { recordQuiet, type QuietJob } from "./gone-quiet";
import { runFollowUpStep, type StepJob } from "./run-step";

export const FOLLOWUP_SWEEP_JOB = "followups.sweep";
export const FOLLOWUP_STEP_JOB = "followups.step";
export const QUIET_SWEEP_JOB = "followups.quiet-sweep";
export const QUIET_JOB = "followups.quiet";
export const SWEEP_BATCH = 500;

/** Queues many jobs in one statement (pg-boss insert); a test or the bench passes its own. */
export type EnqueueMany = (name: string, jobs: { data: object; singletonKey: string }[]) => Promise<void>;

const bossInsert: EnqueueMany = async (name, jobs) => {
  if (jobs.length) await (await getBoss()).insert(name, jobs);
};

/** The step job's singleton key: one waiting job per (enrollment, generation, step). */
export const stepKey = (j: Pick<StepJob, "enrollmentId" | "generation" | "step">) =>
  `${j.enrollmentId}:${j.generation}:${j.step}`;

/** One sweep batch: the due steps (up to SWEEP_BATCH) queued as step jobs. Returns how many. */
export async function sweepFollowUps(
  sys: SystemDb,
  now: Date,
  enqueueMany: EnqueueMany = bossInsert,
  take = SWEEP_BATCH,
): Promise<number> {
  const due = await dueFollowUpSteps(sys, now, take);
  const jobs = due.map((d) => {
    const data: StepJob = {
      enrollmentId: d.id,
      tenantId: d.tenantId,
      generation: d.generation,
      step: d.nextStep,
    };
    return { data, singletonKey: stepKey(data) };
  });
  await enqueueMany(FOLLOWUP_STEP_JOB, jobs);
  return jobs.length;
}

export const followUpSweepJob = defineJob<object>({
  name: FOLLOWUP_SWEEP_JOB,
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1, retryDelay: 5, expireInSeconds: 300 },
  async work(_data, ctx) {
    try {
      await sweepFollowUps(ctx.sys, ctx.now());
    } finally {
      await sendJob(
        FOLLOWUP_SWEEP_JOB,
        {},
        { startAfter: sweepIntervalSeconds(env.ESCALATION_TIME_SCALE), singletonKey: "next" },
      );
    }
  },
});

export const followUpStepJob = defineJob<StepJob>({
  name: FOLLOWUP_STEP_JOB,
  // "short": one waiting job per step key, however often the sweep sees it due.
  queue: { policy: "short", retryLimit: 3, retryDelay: 10, retryBackoff: true },
  batchSize: 5,
  async work(job, ctx) {
    await runFollowUpStep(forTenant(ctx.sys, job.tenantId), job, {
      now: ctx.now(),
      writeDraft: await defaultDraftWriter(),
    });
  },
});

/** The quiet job's singleton key: one waiting job per lead and threshold time. */
export const quietKey = (j: Pick<QuietJob, "leadId" | "quietAt">) => `${j.leadId}:${j.quietAt}`;

/** One quiet sweep batch: leads past their next quiet threshold (up to SWEEP_BATCH) queued as quiet jobs. */
export async function sweepQuietLeads(
  sys: SystemDb,
  now: Date,
  enqueueMany: EnqueueMany = bossInsert,
  take = SWEEP_BATCH,
): Promise<number> {
  const due = await dueQuietLeads(sys, now, take);
  const jobs = due.map((d) => {
    const data: QuietJob = { leadId: d.id, tenantId: d.tenantId, quietAt: d.quietAt!.toISOString() };
    return { data, singletonKey: quietKey(data) };
  });
  await enqueueMany(QUIET_JOB, jobs);
  return jobs.length;
}

export const quietSweepJob = defineJob<object>({
  name: QUIET_SWEEP_JOB,
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1, retryDelay: 5, expireInSeconds: 300 },
  async work(_data, ctx) {
    await sweepQuietLeads(ctx.sys, ctx.now());
  },
});

export const quietJob = defineJob<QuietJob>({
  name: QUIET_JOB,
  // "short": one waiting job per (lead, threshold), however often the sweep sees it.
  queue: { policy: "short", retryLimit: 3, retryDelay: 10, retryBackoff: true },
  batchSize: 10,
  async work(job, ctx) {
    await recordQuiet(forTenant(ctx.sys, job.tenantId), job, ctx.now());
  },
});

export const FOLLOWUP_JOBS = [followUpSweepJob, followUpStepJob, quietSweepJob, quietJob];
