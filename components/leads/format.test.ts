import { describe, expect, it } from "vitest";
import { businessTime, fromZonedInput, timeZoneNote, toZonedInput } from "./format";

const at = new Date("2026-01-15T15:30:00Z"); // 9:30 AM in Chicago (CST), 10:30 AM in New York

describe("times are shown in the business's time zone, not the browser's", () => {
  it("formats an instant as wall-clock time in Tenant.timeZone", () => {
    expect(businessTime("America/Chicago").dateTime(at)).toBe("Thu, Jan 15, 9:30 AM");
    expect(businessTime("America/New_York").dateTime(at)).toBe("Thu, Jan 15, 10:30 AM");
  });

  it("labels the zone once per page with its abbreviation for that date", () => {
    expect(timeZoneNote("America/Chicago", at)).toBe("Times in Central Time — Chicago (CST)");
    expect(timeZoneNote("America/Chicago", new Date("2026-07-01T12:00:00Z"))).toBe(
      "Times in Central Time — Chicago (CDT)",
    );
  });

  it("reads and fills datetime-local inputs as the business's wall-clock time", () => {
    expect(toZonedInput("America/Chicago", at)).toBe("2026-01-15T09:30");
    expect(fromZonedInput("America/Chicago", "2026-01-15T09:30")).toEqual(at);
    expect(fromZonedInput("America/Chicago", "")).toBeNull();
  });
});
