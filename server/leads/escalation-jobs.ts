// The escalation timers as durable pg-boss jobs (not in-memory timers): a sweep job that re-queues
// itself every few seconds (a persisted delayed job, so the chain survives restarts) plus a
// cron every minute that restarts the chain if it ever breaks. Any number of workers may run
// it; the Escalation row's unique key makes each escalation fire once.
import { env } from "@/server/env";
import { defineJob } from "@/server/jobs/define-job";
import { sendJob } from "@/server/jobs/runtime";
import { notificationSendJob } from "@/server/notifications/notification-jobs";
import { sweepEscalations } from "./escalation-sweep";

export const ESCALATION_SWEEP_JOB = "escalation.sweep";

/** Seconds between sweeps: 30 in real time, down to 2 when ESCALATION_TIME_SCALE shortens the timers. */
export function sweepIntervalSeconds(scale: number): number {
  return Math.min(30, Math.max(2, Math.round(30 * scale)));
}

export const escalationSweepJob = defineJob<object>({
  name: ESCALATION_SWEEP_JOB,
  cron: "* * * * *",
  // "short": at most one waiting sweep per singleton key, so the chain never multiplies.
  queue: { policy: "short", retryLimit: 1, retryDelay: 5, expireInSeconds: 300 },
  async work(_data, ctx) {
    try {
      await sweepEscalations({
        sys: ctx.sys,
        now: ctx.now(),
        enqueue: sendJob,
        timeScale: env.ESCALATION_TIME_SCALE,
        baseUrl: env.PUBLIC_BASE_URL,
      });
    } finally {
      await sendJob(
        ESCALATION_SWEEP_JOB,
        {},
        { startAfter: sweepIntervalSeconds(env.ESCALATION_TIME_SCALE), singletonKey: "next" },
      );
    }
  },
});

/** The leads domain's jobs: the sweep and the notification outbox it feeds. */
export const ESCALATION_JOBS = [escalationSweepJob, notificationSendJob];
