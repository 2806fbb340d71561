import { describe, expect, it } from "vitest";
import { fakePhone } from "./factories";

describe("fakePhone", () => {
  it("never hands out the default plumber's or on-call phone as a number, so a setup is never refused as a call loop", () => {
    // One full turn of the 2,000-number range, from wherever this process's sequence starts.
    const phones = Array.from({ length: 2000 }, () => fakePhone());
    expect(phones).not.toContain("+15125550101");
    expect(phones).not.toContain("+15125550102");
    expect(new Set(phones).size).toBe(1998);
    for (const p of phones) expect(p).toMatch(/^\+1\d{3}55501\d\d$/);
  });
});
