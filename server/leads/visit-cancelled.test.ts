// A booked lead that leaves `booked` for another open status loses its visit, and its next action
// follows: no longer "Confirm the appointment", but a call to rebook, due soon while the office is open.
import { describe, expect, it } from "vitest";
import type { Lead } from "@/server/db/generated/client";
import { REBOOK_ACTION, withVisitCancelled, type LeadChange } from "./apply-lead-change";
import type { BusinessClock } from "./business-hours";

const CHICAGO: BusinessClock = {
  timeZone: "America/Chicago",
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 8 * 60, closeMinute: 17 * 60 })),
};
const VISIT = new Date("2026-12-10T15:00:00Z"); // Thu Dec 10, 9:00 AM CST
const booked = {
  status: "booked",
  appointmentAt: VISIT,
  nextAction: "Confirm the appointment with the customer",
  dueAt: new Date("2026-12-09T15:00:00Z"),
} as Lead;
const toFollowUp: LeadChange = { patch: { status: "followup_needed" }, events: [] };

describe("a cancelled visit's next action", () => {
  it("is a call to rebook the visit, due within 15 minutes while the office is open", () => {
    const monday10 = new Date("2026-12-07T16:00:00Z"); // Mon 10:00 AM CST
    const change = withVisitCancelled(booked, toFollowUp, monday10, CHICAGO);
    expect(change.patch).toEqual({
      status: "followup_needed",
      appointmentAt: null,
      nextAction: REBOOK_ACTION,
      dueAt: new Date("2026-12-07T16:15:00Z"),
    });
    expect(change.events).toEqual([
      { type: "appointment.cancelled", data: { appointmentAt: VISIT.toISOString(), to: "followup_needed" } },
    ]);
  });

  it("is due at closing late in the day, and at the next opening when the office is closed", () => {
    const monday1650 = new Date("2026-12-07T22:50:00Z"); // Mon 4:50 PM CST
    expect(withVisitCancelled(booked, toFollowUp, monday1650, CHICAGO).patch.dueAt).toEqual(
      new Date("2026-12-07T23:00:00Z"),
    );
    const saturdayNoon = new Date("2026-12-05T18:00:00Z"); // Sat 12:00 PM CST
    expect(withVisitCancelled(booked, toFollowUp, saturdayNoon, CHICAGO).patch.dueAt).toEqual(
      new Date("2026-12-07T14:00:00Z"), // Mon 8:00 AM CST
    );
  });

  it("follows a lead moved to not booked the same way", () => {
    const change = withVisitCancelled(
      booked,
      { patch: { status: "not_booked" }, events: [] },
      new Date("2026-12-07T16:00:00Z"),
      CHICAGO,
    );
    expect(change.patch).toMatchObject({ appointmentAt: null, nextAction: REBOOK_ACTION });
  });

  it("keeps a next action the change names itself", () => {
    const own: LeadChange = {
      patch: { status: "followup_needed", nextAction: "Call back Thursday", dueAt: VISIT },
      events: [],
    };
    const change = withVisitCancelled(booked, own, new Date("2026-12-07T16:00:00Z"), CHICAGO);
    expect(change.patch).toEqual({ ...own.patch, appointmentAt: null });
  });

  it("leaves a closed lead's visit and next action alone, and a lead that stays booked", () => {
    const now = new Date("2026-12-07T16:00:00Z");
    const close: LeadChange = { patch: { status: "closed", nextAction: null }, events: [] };
    expect(withVisitCancelled(booked, close, now, CHICAGO)).toBe(close);
    const note: LeadChange = { patch: { notes: "Gate code 1234" }, events: [] };
    expect(withVisitCancelled(booked, note, now, CHICAGO)).toBe(note);
  });
});
