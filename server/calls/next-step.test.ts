import { describe, expect, it } from "vitest";
import {
  callAttemptAction,
  closeAfterAttemptsAction,
  CONFIRM_APPOINTMENT_ACTION,
  DECLINED_ACTION,
  ESTIMATE_FOLLOW_UP_ACTION,
  MISSED_CALL_ACTION,
  nextStepAfterOfficeCall,
  nextStepFor,
  notBookedStep,
  OUT_OF_AREA_ACTION,
  REACHED_FOLLOW_UP_ACTION,
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

  it("never calls back a not-booked lead: out of area or declined, it is closed; an estimate is followed up by its target date", () => {
    const inADay = new Date(now.getTime() + 24 * 60 * 60_000);
    expect(notBookedStep({ inArea: false }, { now })).toEqual({
      nextAction: OUT_OF_AREA_ACTION,
      dueAt: inADay,
    });
    expect(notBookedStep({ inArea: true }, { now })).toEqual({ nextAction: DECLINED_ACTION, dueAt: inADay });
    expect(notBookedStep({}, { now }).nextAction).not.toMatch(/call (?:the caller |the customer )?back/i);
    const target = new Date("2026-03-05T15:00:00Z");
    expect(notBookedStep({ isEstimate: true, followUpAt: target }, { now })).toEqual({
      nextAction: ESTIMATE_FOLLOW_UP_ACTION,
      dueAt: target,
    });
    // A target date already past: the follow-up is due within a day, never in the past.
    const past = new Date("2026-03-01T15:00:00Z");
    expect(notBookedStep({ isEstimate: true, followUpAt: past }, { now }).dueAt).toEqual(inADay);
    // Out of area wins over an estimate: there is nothing to follow up.
    expect(notBookedStep({ inArea: false, isEstimate: true, followUpAt: target }, { now }).nextAction).toBe(
      OUT_OF_AREA_ACTION,
    );
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

describe("office work the call leaves is due while the office is open", () => {
  const clock = {
    timeZone: "America/Chicago",
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 480, closeMinute: 1020 })),
  };
  const sunday23 = new Date("2026-03-02T05:00:00Z"); // Sunday 11 PM in Chicago
  const monday8 = new Date("2026-03-02T14:00:00Z");

  it("a visit booked at 11 PM on a Sunday is confirmed at Monday's opening, not at midnight", () => {
    const visit = new Date("2026-03-03T15:00:00Z");
    expect(nextStepFor("booked", { now: sunday23, appointmentAt: visit, clock })).toEqual({
      nextAction: CONFIRM_APPOINTMENT_ACTION,
      dueAt: monday8,
    });
    expect(nextStepFor("answered_by_plumber", { now: sunday23, clock }).dueAt).toEqual(monday8);
  });

  it("a missed call nobody heard stays immediate: it may be an emergency", () => {
    expect(nextStepFor("missed", { now: sunday23, clock }).dueAt).toEqual(sunday23);
  });
});

describe("the next step after the office logged a call", () => {
  const clock = {
    timeZone: "America/Chicago",
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 480, closeMinute: 1020 })),
  };
  const tuesday10 = new Date("2026-03-03T16:00:00Z");

  it("tries again 2 hours after the first unanswered call, the next day after the second, then closes", () => {
    expect(nextStepAfterOfficeCall("no_answer", { now: tuesday10, unanswered: 1, clock })).toEqual({
      nextAction: callAttemptAction(2),
      dueAt: new Date("2026-03-03T18:00:00Z"),
    });
    expect(nextStepAfterOfficeCall("left_voicemail", { now: tuesday10, unanswered: 2, clock })).toEqual({
      nextAction: callAttemptAction(3),
      dueAt: new Date("2026-03-04T16:00:00Z"),
    });
    expect(nextStepAfterOfficeCall("no_answer", { now: tuesday10, unanswered: 3, clock }).nextAction).toBe(
      closeAfterAttemptsAction(3),
    );
  });

  it("an attempt that would fall after closing is due by closing, one on a weekend at Monday's opening", () => {
    const tuesday16 = new Date("2026-03-03T22:00:00Z"); // 4 PM
    expect(nextStepAfterOfficeCall("no_answer", { now: tuesday16, unanswered: 1, clock }).dueAt).toEqual(
      new Date("2026-03-03T23:00:00Z"),
    );
    const friday16 = new Date("2026-03-06T22:00:00Z");
    expect(nextStepAfterOfficeCall("no_answer", { now: friday16, unanswered: 2, clock }).dueAt).toEqual(
      new Date("2026-03-09T13:00:00Z"),
    );
  });

  it("a caller reached without a booking is followed up the next day", () => {
    expect(nextStepAfterOfficeCall("reached", { now: tuesday10, unanswered: 0, clock })).toEqual({
      nextAction: REACHED_FOLLOW_UP_ACTION,
      dueAt: new Date("2026-03-04T16:00:00Z"),
    });
  });
});
