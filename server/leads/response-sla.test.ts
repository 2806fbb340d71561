import { describe, expect, it } from "vitest";
import { firstResponseDueAt } from "./response-sla";

const created = new Date("2026-11-20T15:00:00Z");
const minutesAfter = (d: Date) => (d.getTime() - created.getTime()) / 60_000;

describe("source-specific response SLAs", () => {
  it("phone inquiry and missed-call leads: immediate follow-up", () => {
    expect(minutesAfter(firstResponseDueAt("phone", created))).toBe(0);
    expect(minutesAfter(firstResponseDueAt("sms", created))).toBe(0);
  });
  it("website form leads: within 15 minutes", () => {
    expect(minutesAfter(firstResponseDueAt("web_form", created))).toBe(15);
  });
  it("referral leads: gentle, relationship-focused — within a day", () => {
    expect(minutesAfter(firstResponseDueAt("referral", created))).toBe(24 * 60);
  });
  it("marketplace leads: aggressive, immediate response — within 5 minutes", () => {
    expect(minutesAfter(firstResponseDueAt("marketplace", created))).toBe(5);
  });
});
