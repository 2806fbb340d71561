// The process's pg-boss: started once (globalThis singleton, like the database), running the
// given jobs' workers and schedules. `sendJob` queues work from anywhere in the server.
import type { PgBoss } from "pg-boss";
import type { Database } from "@/server/db";
import { systemDb } from "@/server/db/system";
import { createBoss } from "./boss";
import type { JobDefinition, SendOptions } from "./define-job";

const g = globalThis as unknown as { __leadrescueBoss?: Promise<PgBoss> };

/** Schedules of jobs that no longer exist, removed from databases that still have them. */
const RETIRED_SCHEDULES = [
  // Spool recovery runs in each web process now (server/calls/jobs.ts).
  "calls.recover-spool",
];

export type StartJobsOptions = {
  /** Run workers in this process (false = only send). */
  work?: boolean;
  pollingIntervalSeconds?: number;
  now?: () => Date;
};

export async function startJobs(
  db: Database,
  jobs: readonly JobDefinition<never>[],
  opts: StartJobsOptions = {},
): Promise<PgBoss> {
  if (g.__leadrescueBoss) return g.__leadrescueBoss;
  const started = (async () => {
    const boss = createBoss(db, { schedule: opts.work !== false });
    boss.on("error", (err) => console.error("Job queue error:", err));
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name, job.queue ?? {});
      if (opts.work === false) continue;
      const ctx = { sys: systemDb(db.prisma), now: opts.now ?? (() => new Date()) };
      await boss.work<object>(
        job.name,
        { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1, batchSize: job.batchSize ?? 1 },
        async (batch) => {
          for (const j of batch) await job.work(j.data as never, ctx);
        },
      );
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    }
    if (opts.work !== false)
      for (const name of RETIRED_SCHEDULES) await boss.unschedule(name).catch(() => undefined);
    return boss;
  })();
  g.__leadrescueBoss = started.catch((err) => {
    g.__leadrescueBoss = undefined;
    throw err;
  });
  return g.__leadrescueBoss;
}

/** The started queue; throws if startJobs has not run in this process. */
export async function getBoss(): Promise<PgBoss> {
  if (!g.__leadrescueBoss) throw new Error("The job queue is not started (startJobs).");
  return g.__leadrescueBoss;
}

export async function sendJob(name: string, data: object, options: SendOptions = {}): Promise<string | null> {
  return (await getBoss()).send(name, data, options);
}

/** Stops the queue (tests, shutdown). */
export async function stopJobs(): Promise<void> {
  const boss = g.__leadrescueBoss;
  g.__leadrescueBoss = undefined;
  if (boss) await (await boss).stop({ graceful: false, close: false });
}
