// A warm transfer we hear no more about. Twilio always reports how a transfer ended (the Dial's
// result, then the call's final status), but a report can be lost, and a test call whose browser
// tab was closed mid-transfer sends none. Once a transfer has had no news for longer than Twilio
// could still be ringing or connecting it, plus a grace period, the call is ended with the truth
// (nobody knows how the transfer ended) and the lead's owner gets an urgent callback, due now.
import { lostTransferCalls } from "@/server/db/cross-tenant-sweeps";
import type { SystemDb } from "@/server/db/system";
import { lostTransferWindows, quietMinutes } from "./transfer-clock";
import { onTransferLost } from "./voice-flow";

/** At most this many lost transfers are ended per sweep (the next minute takes the rest). */
const TAKE = 100;

/**
 * One pass over every business: ends the transfers lost at `now`. Each call is claimed on its own
 * (a status or a transfer result that arrives first wins, and a second sweep finds nothing).
 * Returns the CallSids it ended.
 */
export async function endLostTransfers(sys: SystemDb, now: Date): Promise<string[]> {
  const lost = await lostTransferCalls(sys, { ...lostTransferWindows(now), take: TAKE });
  const ended: string[] = [];
  const failures: unknown[] = [];
  for (const call of lost) {
    try {
      if (await onTransferLost({ sys, now: () => now }, call, quietMinutes(call, now)))
        ended.push(call.callSid);
    } catch (err) {
      failures.push(err);
    }
  }
  // One call that fails does not hold up the others; the job still reports it.
  if (failures.length) throw failures[0];
  return ended;
}
