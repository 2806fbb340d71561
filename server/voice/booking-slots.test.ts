import { describe, expect, it } from "vitest";
import { upcomingSlots, type WeeklySlot } from "@/server/voice/booking-slots";

// Monday 2 March 2026, 9:00 AM in Austin (CST, UTC-6). US daylight saving starts Sunday 8 March.
const NOW = "2026-03-02T15:00:00Z";
const WEEKLY: WeeklySlot[] = [
  { weekday: 1, startMinute: 9 * 60, endMinute: 11 * 60 },
  { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
  { weekday: 4, startMinute: 13 * 60, endMinute: 15 * 60 },
];

describe("upcomingSlots", () => {
  it("turns weekly slots into the next concrete times in the business's time zone", () => {
    const slots = upcomingSlots(WEEKLY, { timeZone: "America/Chicago", now: NOW });
    expect(slots.map((s) => [s.startsAt, s.label])).toEqual([
      ["2026-03-03T15:00:00.000Z", "tomorrow at 9 AM"],
      ["2026-03-05T19:00:00.000Z", "Thursday, March 5 at 1 PM"],
      // After the clocks change, 9 AM local is 14:00 UTC.
      ["2026-03-09T14:00:00.000Z", "Monday, March 9 at 9 AM"],
    ]);
    expect(slots[0]).toMatchObject({
      day: "Tuesday",
      relativeDay: "tomorrow",
      hour: 9,
      minute: 0,
      endsAt: "2026-03-03T17:00:00.000Z",
    });
  });

  it("skips a slot that starts before the minimum notice", () => {
    const at830 = "2026-03-02T14:30:00Z"; // 8:30 AM: today's 9 AM is only 30 minutes away
    expect(upcomingSlots(WEEKLY, { timeZone: "America/Chicago", now: at830 })[0]?.label).toBe(
      "tomorrow at 9 AM",
    );
    expect(
      upcomingSlots(WEEKLY, { timeZone: "America/Chicago", now: at830, minNoticeMinutes: 15 })[0]?.label,
    ).toBe("today at 9 AM");
  });

  it("offers at most three times", () => {
    expect(upcomingSlots(WEEKLY, { timeZone: "America/Chicago", now: NOW, count: 10 })).toHaveLength(3);
    expect(upcomingSlots(WEEKLY, { timeZone: "America/Chicago", now: NOW, count: 2 })).toHaveLength(2);
  });

  it("says minutes when the slot is not on the hour", () => {
    const [slot] = upcomingSlots([{ weekday: 3, startMinute: 14 * 60 + 30, endMinute: 16 * 60 }], {
      timeZone: "America/Chicago",
      now: NOW,
    });
    expect(slot?.label).toBe("Wednesday, March 4 at 2:30 PM");
  });

  it("offers nothing rather than a wrong time", () => {
    expect(upcomingSlots([], { timeZone: "America/Chicago", now: NOW })).toEqual([]);
    expect(upcomingSlots(WEEKLY, { timeZone: "Not/AZone", now: NOW })).toEqual([]);
    expect(
      upcomingSlots([{ weekday: 9, startMinute: 60, endMinute: 120 }], {
        timeZone: "America/Chicago",
        now: NOW,
      }),
    ).toEqual([]);
  });
});
