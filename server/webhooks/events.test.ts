// Which webhook events a change to a lead means.
import { describe, expect, it } from "vitest";
import { leadChangeEvents } from "./events";

const base = {
  status: "followup_needed" as const,
  ownerId: "u1",
  appointmentAt: null,
  visitOutcome: null,
  jobOutcome: null,
  jobValueCents: null,
  externalJobId: null,
  externalJobUrl: null,
};
const at = new Date("2026-12-08T15:00:00Z");

describe("lead change → webhook events", () => {
  it("says nothing when no watched field changed", () => {
    expect(leadChangeEvents(base, { ...base })).toEqual([]);
  });
  it("an owner or outcome change is lead.updated", () => {
    expect(leadChangeEvents(base, { ...base, ownerId: "u2" })).toEqual(["lead.updated"]);
    expect(leadChangeEvents(base, { ...base, externalJobId: "J1" })).toEqual(["lead.updated"]);
  });
  it("a booking, a move and a cancellation", () => {
    const booked = { ...base, status: "booked" as const, appointmentAt: at };
    expect(leadChangeEvents(base, booked)).toEqual(["lead.updated", "appointment.booked"]);
    expect(leadChangeEvents(booked, { ...booked, appointmentAt: new Date(at.getTime() + 3600_000) })).toEqual(
      ["lead.updated", "appointment.booked"],
    );
    expect(leadChangeEvents(booked, { ...booked, visitOutcome: "showed" })).toEqual(["lead.updated"]);
    expect(leadChangeEvents(booked, { ...booked, status: "followup_needed" })).toEqual([
      "lead.updated",
      "appointment.cancelled",
    ]);
  });
  it("closing is lead.closed (and cancels a booked visit)", () => {
    expect(leadChangeEvents(base, { ...base, status: "closed" })).toEqual(["lead.updated", "lead.closed"]);
    expect(
      leadChangeEvents(
        { ...base, status: "booked", appointmentAt: at },
        { ...base, status: "closed", appointmentAt: at },
      ),
    ).toEqual(["lead.updated", "appointment.cancelled", "lead.closed"]);
  });
});
