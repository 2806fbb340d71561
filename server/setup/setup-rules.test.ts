// Onboarding input rules: what an owner types is checked and explained, field by field.
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { toE164 } from "./phone-numbers";
import { lookupZip, parseZipList, zipsWithinRadius } from "./service-area";
import { formatClock12, parseClock } from "./weekly-times";
import { decideGate } from "@/server/billing/service-gate";
import { slugify, isValidTimeZone } from "@/server/tenants/create-tenant";
import { can, canGrantRole } from "@/server/auth/permissions";

function fieldOf(fn: () => unknown): { field?: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("phone numbers", () => {
  it("normalises what people type to E.164", () => {
    expect(toE164("(512) 555-0142", "number")).toBe("+15125550142");
    expect(toE164(" +1 512 555 0199 ", "number")).toBe("+15125550199");
  });
  it("names the field and the problem for a bad number", () => {
    expect(fieldOf(() => toE164("12345", "plumberPhone"))).toEqual({
      field: "plumberPhone",
      message: expect.stringContaining("not a valid phone number"),
    });
  });
});

describe("service area", () => {
  it("shows the city and state of a ZIP", () => {
    expect(lookupZip("78701")).toEqual({ zip: "78701", city: "Austin", state: "TX" });
  });
  it("says a ZIP that is not 5 digits is not 5 digits", () => {
    expect(fieldOf(() => lookupZip("9021")).message).toBe("ZIP 9021 is not 5 digits.");
  });
  it("says an unknown ZIP is unknown", () => {
    expect(fieldOf(() => lookupZip("00000")).message).toBe("ZIP 00000 is not a known US ZIP code.");
  });
  it("parses a pasted list and reports every bad entry", () => {
    const r = parseZipList("78701, 78702\n9021; 78701 abcde");
    expect(r.valid.map((z) => z.zip)).toEqual(["78701", "78702"]);
    expect(r.invalid.map((i) => i.input)).toEqual(["9021", "abcde"]);
  });
  it("finds every ZIP within N miles, including the center", () => {
    const zips = zipsWithinRadius("78701", 5).map((z) => z.zip);
    expect(zips).toContain("78701");
    expect(zips).toContain("78702");
    expect(zips).not.toContain("77001"); // Houston is 150 miles away
    expect(zips.length).toBeGreaterThan(10);
  });
  it("refuses a radius outside 1–100 miles", () => {
    expect(fieldOf(() => zipsWithinRadius("78701", 0)).field).toBe("miles");
    expect(fieldOf(() => zipsWithinRadius("78701", 500)).field).toBe("miles");
  });
});

describe("weekly times", () => {
  it("reads clock times and refuses nonsense", () => {
    expect(parseClock("09:30", "start")).toBe(570);
    expect(fieldOf(() => parseClock("25:00", "end")).field).toBe("end");
    expect(fieldOf(() => parseClock("9am", "start")).message).toContain("not a time like 09:00");
  });
  it("shows times the way people read them", () => {
    expect(formatClock12(540)).toBe("9:00 AM");
    expect(formatClock12(13 * 60 + 30)).toBe("1:30 PM");
    expect(formatClock12(0)).toBe("12:00 AM");
  });
});

describe("service gate", () => {
  const ok = { billingEligible: true, paused: false, detachedAt: null };
  it("is open only when setup is complete and billing is eligible", () => {
    expect(decideGate(ok, true)).toEqual({ open: true, reasons: [] });
    expect(decideGate(ok, false, ["Service area"]).open).toBe(false);
    expect(decideGate({ ...ok, billingEligible: false }, true).open).toBe(false);
  });
  it("says exactly why the AI is off", () => {
    expect(
      decideGate({ billingEligible: false, paused: true, detachedAt: new Date() }, false, ["Service area"])
        .reasons,
    ).toEqual([
      "Setup is not complete: service area missing.",
      "Billing is not active.",
      "The service was detached after cancellation.",
      "The service is paused by your agency.",
    ]);
  });
});

describe("tenants and roles", () => {
  it("makes URL slugs from business names", () => {
    expect(slugify("Joe's Plumbing & Drain, LLC")).toBe("joe-s-plumbing-drain-llc");
    expect(slugify("!!!")).toBe("business");
  });
  it("accepts IANA time zones only", () => {
    expect(isValidTimeZone("America/Chicago")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("CST")).toBe(false);
  });
  it("keeps owner-only actions from staff", () => {
    expect(can("staff", "leads.work")).toBe(true);
    expect(can("staff", "setup.write")).toBe(false);
    expect(can("manager", "members.manage")).toBe(false);
    expect(can("operator", "members.manage")).toBe(true);
  });
  it("lets a manager invite staff but not owners", () => {
    expect(canGrantRole("manager", "staff")).toBe(true);
    expect(canGrantRole("manager", "owner")).toBe(false);
    expect(canGrantRole("staff", "staff")).toBe(false);
  });
});
