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
  it("a booked visit cancelled by a status change says which visit", () => {
    expect(
      describeEvent(
        ev("appointment.cancelled", { appointmentAt: "2026-01-16T15:00:00Z", to: "followup_needed" }),
        nameOf,
        dt,
      ),
    ).toMatch(/^Appointment for .+9:00.+ cancelled: the lead is follow-up needed$/);
  });
  it("a touchpoint logged without notes still says what kind it was", () => {
    expect(describeEvent(ev("touchpoint.left_voicemail", { text: null }), nameOf, dt)).toBe(
      "Touchpoint: Called: no answer, left voicemail (no notes)",
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
    ).toBe(
      "Touchpoint: Called: spoke with them — “Will send photos” · next action: Quote, due Thu, Jan 15, 9:30 AM",
    );
  });

  it("a logged call says which next action it completed", () => {
    expect(
      describeEvent(
        ev("touchpoint.no_answer", {
          text: null,
          completed: "Call back: missed call",
          nextAction: "Call attempt 2: call the caller again",
          dueAt: "2026-01-15T17:30:00Z",
        }),
        nameOf,
        dt,
      ),
    ).toBe(
      "Touchpoint: Called: no answer (no notes) · done: Call back: missed call · next action: Call attempt 2: call the caller again, due Thu, Jan 15, 11:30 AM",
    );
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
