import { describe, expect, it } from "vitest";
import { describeEvent } from "./timeline";
import { dateTimeIn } from "./format";

const ev = (type: string, data: Record<string, unknown>) => ({
  id: "e1",
  type,
  actorName: null,
  data,
  createdAt: new Date("2026-01-15T15:30:00Z"),
});
const nameOf = () => "Sam";
const dt = (v: string | Date | null | undefined) => dateTimeIn("America/Chicago", v);

describe("the lead timeline in words", () => {
  it("a touchpoint logged without notes still says what kind it was", () => {
    expect(describeEvent(ev("touchpoint.left_voicemail", { text: null }), nameOf, dt)).toBe(
      "Touchpoint: Left voicemail (no notes)",
    );
    expect(
      describeEvent(
        ev("touchpoint.called_back", {
          text: "Will send photos",
          nextAction: "Quote",
          dueAt: "2026-01-15T15:30:00Z",
        }),
        nameOf,
        dt,
      ),
    ).toBe("Touchpoint: Called back — “Will send photos” · next action: Quote, due Thu, Jan 15, 9:30 AM");
  });

  it("a voicemail pickup on the ring-first leg reads as voicemail treated as missed", () => {
    expect(describeEvent(ev("call.missed", { dialStatus: "completed", screened: false }), nameOf, dt)).toBe(
      "Call: voicemail picked up, no key pressed — treated as missed",
    );
    expect(describeEvent(ev("call.missed", { dialStatus: "no-answer" }), nameOf, dt)).toBe(
      "Call missed (no answer)",
    );
  });
});
