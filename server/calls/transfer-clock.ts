// How long a warm transfer may go without news before it counts as lost, from Twilio's own limits
// (pure; the sweep in lost-transfers.ts asks it). Twilio always reports how a transfer ended, but
// only once it could no longer be ringing or connected does its silence mean the report was lost.

/** Twilio rings a Dial for at most 600 seconds (its cap on `timeout`; the transfer asks for 20). */
export const TWILIO_MAX_RING_MS = 600_000;
/** A connected Dial lasts at most its `timeLimit`: 4 hours by default, and the transfer sets none. */
export const TWILIO_MAX_CONNECTED_MS = 4 * 3_600_000;
/** How long past those limits a report may still arrive late before the sweep speaks for it. */
export const NO_NEWS_GRACE_MS = 10 * 60_000;

export type TransferClock = {
  /** When the caller was put through (null for a transfer started before this was recorded). */
  transferStartedAt: Date | null;
  /** When the call started: the clock of such an older transfer. */
  startedAt: Date;
  /** When the on-call person pressed 1 to take the caller, if they did. */
  transferAcceptedAt: Date | null;
};

/**
 * When a transfer with no news counts as lost: 20 minutes after it started while nobody took it
 * (Twilio's longest ring plus the grace), 4 hours 10 minutes after the on-call person took it
 * (Twilio's longest connected call plus the grace).
 */
export function transferLostAt(call: TransferClock): Date {
  if (call.transferAcceptedAt)
    return new Date(call.transferAcceptedAt.getTime() + TWILIO_MAX_CONNECTED_MS + NO_NEWS_GRACE_MS);
  const started = call.transferStartedAt ?? call.startedAt;
  return new Date(started.getTime() + TWILIO_MAX_RING_MS + NO_NEWS_GRACE_MS);
}

/** The sweep's cut-offs at `now`: transfers nobody took started before the first, taken ones before the second. */
export function lostTransferWindows(now: Date): { unansweredBefore: Date; answeredBefore: Date } {
  return {
    unansweredBefore: new Date(now.getTime() - TWILIO_MAX_RING_MS - NO_NEWS_GRACE_MS),
    answeredBefore: new Date(now.getTime() - TWILIO_MAX_CONNECTED_MS - NO_NEWS_GRACE_MS),
  };
}

/** Minutes without news at `now`, for the lead's timeline. */
export function quietMinutes(call: TransferClock, now: Date): number {
  const last = call.transferAcceptedAt ?? call.transferStartedAt ?? call.startedAt;
  return Math.round((now.getTime() - last.getTime()) / 60_000);
}
