import { describe, expect, it } from "vitest";
import { callPath } from "./call-path";

const call = {
  stage: "ended" as const,
  dialStatus: "no-answer",
  plumberAcceptedAt: null,
  transferAcceptedAt: null,
};

describe("call path (rang plumber → missed → AI → outcome)", () => {
  it("shows a missed call the AI booked", () => {
    const steps = callPath(
      call,
      ["call.received", "call.missed", "call.ai_answered", "call.outcome"],
      "booked",
    );
    expect(steps.map((s) => s.label)).toEqual(["Rang plumber", "Missed", "AI intake", "Outcome: Booked"]);
  });
  it("if answered by human, AI path is skipped", () => {
    const steps = callPath(
      { ...call, dialStatus: "completed" },
      ["call.answered_by_plumber"],
      "answered_by_plumber",
    );
    expect(steps.map((s) => s.label)).toEqual(["Rang plumber", "Answered by plumber"]);
  });
  it("shows the hard stop when the service gate blocks the AI", () => {
    const steps = callPath(call, ["call.missed", "call.ai_blocked"], "missed");
    expect(steps.at(-1)).toMatchObject({ label: "AI not allowed", state: "stopped" });
  });
  it('a voicemail pickup (dial completed, no key pressed) reads as voicemail treated as missed, not "Missed (completed)"', () => {
    const steps = callPath(
      { ...call, dialStatus: "completed" },
      ["call.received", "call.missed", "call.ai_answered"],
      "answered_by_ai",
    );
    expect(steps[1]).toMatchObject({
      key: "missed",
      label: "Voicemail picked up, no key pressed — treated as missed",
    });
    expect(steps[1]!.detail).toBeUndefined();
    expect(callPath(call, ["call.missed"], "missed")[1]).toMatchObject({
      label: "Missed",
      detail: "no answer",
    });
  });
  it("a transfer nobody reported back on says its outcome is unknown, and the call has an outcome", () => {
    const steps = callPath(
      call,
      ["call.missed", "call.ai_answered", "call.escalated", "call.ended", "call.transfer_outcome_unknown"],
      "followup_needed",
    );
    expect(steps.map((s) => s.label)).toEqual([
      "Rang plumber",
      "Missed",
      "AI intake",
      "Escalated",
      "Transfer outcome unknown",
      "Outcome: Follow-up needed",
    ]);
    expect(steps.at(-2)).toMatchObject({
      state: "stopped",
      detail: expect.stringContaining("call the caller back"),
    });
    expect(steps.at(-1)).toMatchObject({ state: "done" });
  });
});
