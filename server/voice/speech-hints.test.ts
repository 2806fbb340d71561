import { describe, expect, it } from "vitest";
import { businessHints, commonStreets, hintsForStage, MAX_BUSINESS_HINTS, streetOf } from "./speech-hints";

describe("hints from the business's own words", () => {
  it("lists the name, services, cities and streets once each, in that order", () => {
    expect(
      businessHints({
        businessName: "Demo Plumbing",
        services: ["Water heaters", "water heaters", "Drain cleaning"],
        cities: ["Austin", "Round Rock"],
        streets: ["Birch Lane", "Main St"],
      }),
    ).toEqual([
      "Demo Plumbing",
      "Water heaters",
      "Drain cleaning",
      "Austin",
      "Round Rock",
      "Birch Lane",
      "Main St",
    ]);
  });

  it("keeps each hint short, without commas, and the list bounded", () => {
    const hints = businessHints({
      businessName: "Smith, Sons & Daughters Plumbing",
      services: ["x".repeat(101)],
      streets: Array.from({ length: 200 }, (_, i) => `Street ${i}`),
    });
    expect(hints[0]).toBe("Smith Sons & Daughters Plumbing");
    expect(hints.some((h) => h.length > 100)).toBe(false);
    expect(hints).toHaveLength(MAX_BUSINESS_HINTS);
  });

  it("puts digit classes first only where a number is asked for", () => {
    expect(hintsForStage("zip", ["Demo Plumbing"])).toBe(
      "$POSTALCODE, $OOV_CLASS_DIGIT_SEQUENCE, Demo Plumbing",
    );
    expect(hintsForStage("address", [])).toBe("$ADDRESSNUM, $STREET, $OOV_CLASS_DIGIT_SEQUENCE");
    expect(hintsForStage("name", ["Demo Plumbing"])).toBe("Demo Plumbing");
    expect(hintsForStage("issue", [])).toBe("");
  });
});

describe("street names seen in past leads' addresses", () => {
  it("reads the street out of an address", () => {
    expect(streetOf("312 Birch Lane")).toBe("Birch Lane");
    expect(streetOf("123 W Oak Hollow Dr, Unit 4")).toBe("W Oak Hollow Dr");
    expect(streetOf("4500 Guadalupe St. Apt 2")).toBe("Guadalupe St");
    expect(streetOf("the blue house")).toBeNull();
  });

  it("most common first", () => {
    expect(commonStreets(["1 Main St", "2 Main St", "5 Birch Lane", "nowhere", "9 main st"])).toEqual([
      "Main St",
      "Birch Lane",
    ]);
  });
});
