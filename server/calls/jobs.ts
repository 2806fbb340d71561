// The call flow's background work. Spool recovery runs in every process that serves webhooks, on
// its own timer (and at start), because each instance spools to its own folder: a shared queue job
// would run on whichever instance took it and read only that folder (ADR 0004). One run at a time
// per process; a run that leaves files behind (database still down) or fails re-arms draining, so
// the next webhook that reaches the database or the next tick retries. The lost-transfer sweep
// reads the database only, so it is a pg-boss job like the escalation sweep: any worker may run it.
import type { SystemDb } from "@/server/db/system";
import { defineJob, type JobDefinition } from "@/server/jobs/define-job";
import { endLostTransfers } from "./lost-transfers";
import { logLine, recoverSpooledCalls, spoolDir, type RecoveryResult } from "./spool";

export const LOST_TRANSFER_SWEEP_JOB = "calls.lost-transfer-sweep";

/** Every minute: transfers nobody reported back on for too long are ended honestly (lost-transfers.ts). */
export const lostTransferSweepJob = defineJob<object>({
  name: LOST_TRANSFER_SWEEP_JOB,
  cron: "* * * * *",
  queue: { policy: "short", retryLimit: 1, retryDelay: 5, expireInSeconds: 300 },
  async work(_data, ctx) {
    await endLostTransfers(ctx.sys, ctx.now());
  },
});

export const CALL_JOBS: JobDefinition<never>[] = [lostTransferSweepJob as JobDefinition<never>];

/** How often each web process looks at its spool folder. */
export const SPOOL_RECOVERY_INTERVAL_MS = 60_000;

type SpoolState = {
  pending: boolean;
  running?: Promise<RecoveryResult | null>;
  timer?: ReturnType<typeof setInterval>;
};
const g = globalThis as unknown as { __leadrescueSpool?: SpoolState };
const state = (): SpoolState => (g.__leadrescueSpool ??= { pending: false });

/** A webhook was just spooled: the next webhook that reaches the database drains the folder. */
export function markSpoolPending(): void {
  state().pending = true;
}

/** Recovers this process's spool once (joins a run already under way). Never throws. */
export function drainSpool(
  sys: SystemDb | (() => Promise<SystemDb>),
  dir = spoolDir(),
): Promise<RecoveryResult | null> {
  const s = state();
  if (s.running) return s.running;
  s.pending = false;
  s.running = (async () => {
    try {
      const handle = typeof sys === "function" ? await sys() : sys;
      const result = await recoverSpooledCalls(handle, dir);
      if (result.left > 0) s.pending = true;
      if (result.recovered || result.failed || result.left) {
        console.log(
          `Spool recovery: ${result.recovered} recovered, ${result.skipped} skipped, ${result.failed} moved to failed/, ${result.left} waiting for the database`,
        );
      }
      return result;
    } catch (err) {
      s.pending = true;
      console.error(`Spool recovery failed; it will retry: ${logLine(err)}`);
      return null;
    } finally {
      s.running = undefined;
    }
  })();
  return s.running;
}

/** Drains the spool only when this process spooled something (or a run left files behind). */
export function drainSpoolIfPending(sys: SystemDb): void {
  if (state().pending && !state().running) void drainSpool(sys);
}

/** Starts the per-process recovery timer: once now, then every interval. Idempotent. */
export function startSpoolRecovery(
  getSys: () => Promise<SystemDb>,
  intervalMs = SPOOL_RECOVERY_INTERVAL_MS,
  dir?: string,
): void {
  const s = state();
  if (s.timer) return;
  const tick = () => void drainSpool(getSys, dir ?? spoolDir());
  s.timer = setInterval(tick, intervalMs);
  s.timer.unref?.();
  tick();
}

export async function stopSpoolRecovery(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  await s.running;
}
