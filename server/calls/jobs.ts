// Background jobs of the call flow. calls.recover-spool: every minute, turn webhooks spooled
// during a database outage into leads with an urgent callback task (server/calls/spool.ts).
// Idempotent: files are claimed by rename and the recovery task id is deterministic.
import { defineJob } from "@/server/jobs/define-job";
import { recoverSpooledCalls } from "./spool";

export const recoverSpoolJob = defineJob<Record<string, never>>({
  name: "calls.recover-spool",
  // At most one run queued and one active: a backlog of minute ticks would find nothing left.
  queue: { policy: "stately" },
  cron: "* * * * *",
  async work(_data, { prisma, now }) {
    const result = await recoverSpooledCalls(prisma, undefined, now());
    if (result.recovered || result.failed) console.log(`calls.recover-spool: ${result.recovered} recovered, ${result.skipped} skipped, ${result.failed} failed`);
  },
});

export const CALL_JOBS = [recoverSpoolJob];
