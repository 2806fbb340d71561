import { describe, expect, it } from "vitest";
import { DEFAULT_TRANSFER_TIMEOUT_SECONDS } from "@/server/voice/state-machine";
import { lostTransferWindows, quietMinutes, transferLostAt, TWILIO_MAX_RING_MS } from "./transfer-clock";

const start = new Date("2026-12-07T15:00:00Z");
const min = (n: number) => new Date(start.getTime() + n * 60_000);

/** What the sweep's statement asks of a call, written from the windows. */
function sweepFinds(call: Parameters<typeof transferLostAt>[0], now: Date): boolean {
  const w = lostTransferWindows(now);
  const clock = call.transferStartedAt ?? call.startedAt;
  return (
    clock < w.unansweredBefore &&
    (call.transferAcceptedAt === null || call.transferAcceptedAt < w.answeredBefore)
  );
}

describe("a transfer we hear no more about", () => {
  it("counts as lost 20 minutes after it started while nobody took it: Twilio's longest ring, then 10 minutes", () => {
    const call = { transferStartedAt: start, startedAt: min(-3), transferAcceptedAt: null };
    expect(transferLostAt(call)).toEqual(min(20));
    // Our own ring is far shorter than the longest Twilio allows, so a late report has plenty of time.
    expect(DEFAULT_TRANSFER_TIMEOUT_SECONDS * 1000).toBeLessThan(TWILIO_MAX_RING_MS);
  });

  it("counts as lost 4 hours 10 minutes after the on-call person took it: Twilio's longest connected call, then 10 minutes", () => {
    const call = { transferStartedAt: start, startedAt: min(-3), transferAcceptedAt: min(1) };
    expect(transferLostAt(call)).toEqual(min(1 + 4 * 60 + 10));
  });

  it("counts a transfer started before its start was recorded from the call's start", () => {
    const call = { transferStartedAt: null, startedAt: min(-3), transferAcceptedAt: null };
    expect(transferLostAt(call)).toEqual(min(17));
    expect(quietMinutes(call, min(30))).toBe(33);
  });

  it("the sweep finds a call exactly when its transfer is lost", () => {
    const calls = [
      { transferStartedAt: start, startedAt: min(-3), transferAcceptedAt: null },
      { transferStartedAt: start, startedAt: min(-3), transferAcceptedAt: min(1) },
      { transferStartedAt: null, startedAt: min(-3), transferAcceptedAt: null },
    ];
    for (const call of calls)
      for (const at of [0, 16, 17.01, 19.99, 20.01, 60, 250, 251.01, 600])
        expect(sweepFinds(call, min(at)), `${JSON.stringify(call)} at ${at} min`).toBe(
          min(at) > transferLostAt(call),
        );
  });

  it("says how long there was no word: since the on-call person took it, else since it started", () => {
    expect(
      quietMinutes({ transferStartedAt: start, startedAt: min(-3), transferAcceptedAt: null }, min(21)),
    ).toBe(21);
    expect(
      quietMinutes({ transferStartedAt: start, startedAt: min(-3), transferAcceptedAt: min(2) }, min(252)),
    ).toBe(250);
  });
});
