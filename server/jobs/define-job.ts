// What a background job is: a named pg-boss queue with a handler, and optionally a cron schedule.
// Domains define their jobs next to their code (e.g. server/leads/escalation-jobs.ts) and list
// them in server/jobs/all-jobs.ts; the worker runs that list.
import type { Queue, SendOptions } from "pg-boss";
import type { SystemDb } from "@/server/db/system";

/** A job names its tenant in its data (then opens it with forTenant) or lists tenants through a named lookup in server/db. */
export type JobContext = { sys: SystemDb; now: () => Date };

export type JobDefinition<T extends object = object> = {
  name: string;
  queue?: Omit<Queue, "name">;
  /** Cron in UTC (pg-boss schedule); the handler gets `{}` as data. */
  cron?: string;
  /** Concurrency per worker process. */
  batchSize?: number;
  work(data: T, ctx: JobContext): Promise<void>;
};

export function defineJob<T extends object>(def: JobDefinition<T>): JobDefinition<T> {
  return def;
}

export type { SendOptions };
