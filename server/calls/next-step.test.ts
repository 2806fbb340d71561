import { describe, expect, it } from "vitest";
import {
  CONFIRM_APPOINTMENT_ACTION,
  DECLINED_ACTION,
  MISSED_CALL_ACTION,
  nextStepFor,
  OUT_OF_AREA_ACTION,
} from "./next-step";

const now = new Date("2026-03-02T15:00:00Z");
const inMinutes = (d: Date) => (d.getTime() - now.getTime()) / 60_000;

describe("the next step a call leaves on its lead (handoff contract)", () => {
  it("gives every status a next action and a due time", () => {
    for (const status of [
      "missed",
      "answered_by_plumber",
      "answered_by_ai",
      "booked",
      "not_booked",
      "followup_needed",
      "closed",
    ] as const) {
      const step = nextStepFor(status, { now });
      expect(step.nextAction, status).toBeTruthy();
      expect(step.dueAt.getTime(), status).toBeGreaterThanOrEqual(now.getTime());
    }
  });

  it("answers a missed call at once: call back now", () => {
    expect(nextStepFor("missed", { now })).toEqual({ nextAction: MISSED_CALL_ACTION, dueAt: now });
  });

  it("confirms a booking within the hour, and before the visit when the visit is sooner", () => {
    expect(nextStepFor("booked", { now, appointmentAt: new Date("2026-03-03T15:00:00Z") })).toEqual({
      nextAction: CONFIRM_APPOINTMENT_ACTION,
      dueAt: new Date("2026-03-02T16:00:00Z"),
    });
    const soon = new Date("2026-03-02T15:30:00Z");
    expect(nextStepFor("booked", { now, appointmentAt: soon }).dueAt).toEqual(soon);
  });

  it("tells out-of-area leads apart from declined bookings", () => {
    expect(nextStepFor("not_booked", { now, reason: "out_of_area" }).nextAction).toBe(OUT_OF_AREA_ACTION);
    expect(nextStepFor("not_booked", { now, reason: "declined_booking" }).nextAction).toBe(DECLINED_ACTION);
    expect(inMinutes(nextStepFor("not_booked", { now, reason: "out_of_area" }).dueAt)).toBe(24 * 60);
  });

  it('words the out-of-area and declined next steps as something to do, never "No action … close"', () => {
    expect(OUT_OF_AREA_ACTION).toBe("Close as out of area (caller was declined politely)");
    for (const reason of ["out_of_area", "declined_booking"] as const) {
      expect(nextStepFor("not_booked", { now, reason }).nextAction).not.toMatch(/^No action/);
    }
  });

  it("watches an AI call in progress: call back within 5 minutes if it drops", () => {
    expect(inMinutes(nextStepFor("answered_by_ai", { now }).dueAt)).toBe(5);
  });
});
