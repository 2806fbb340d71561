// The booking confirmation names the slot's window (the AI books an offered slot): the
// plumber arrives inside the window, so "see you at 9 AM" for a 9–11 slot would be a false promise.
import { describe, expect, it } from "vitest";
import { upcomingSlots } from "./booking-slots";
import { SCRIPTS, slotWindow } from "./scripts";

const NOW = "2026-03-02T15:00:00Z"; // Monday 9 AM in Chicago
const offered = (startMinute: number, endMinute: number) =>
  upcomingSlots([{ weekday: 3, startMinute, endMinute }], { timeZone: "America/Chicago", now: NOW })[0]!;

describe("booked slot confirmation", () => {
  it("gives the window of a morning slot: Wednesday, March 4, between 9 and 11 AM", () => {
    expect(slotWindow(offered(9 * 60, 11 * 60))).toBe("Wednesday, March 4, between 9 and 11 AM");
  });

  it("names both halves of the day when the window crosses noon", () => {
    expect(slotWindow(offered(11 * 60 + 30, 13 * 60))).toBe("Wednesday, March 4, between 11:30 AM and 1 PM");
  });

  it("says the window in both prompt profiles", () => {
    const slot = offered(13 * 60, 15 * 60);
    expect(SCRIPTS.standard.booked("Demo Plumbing", slot, "Jane Doe")).toBe(
      "You're all set, Jane. A plumber from Demo Plumbing will see you Wednesday, March 4, between 1 and 3 PM. Thanks for calling, goodbye.",
    );
    expect(SCRIPTS.safe.booked("Demo Plumbing", slot, undefined)).toBe(
      "You are booked for Wednesday, March 4, between 1 and 3 PM. Thank you for calling Demo Plumbing. Goodbye.",
    );
  });
});
