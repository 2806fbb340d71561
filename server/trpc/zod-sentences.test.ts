// What a person reads when a form is refused: a sentence naming the field, never validator text.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { timeZoneLabel, US_TIME_ZONES } from "@/server/tenants/us-time-zones";
import { issueSentence } from "./zod-sentences";

const sentences = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map(issueSentence);
};

describe("validation messages as sentences", () => {
  it("says a business name is too long in words, naming the field and the limit", () => {
    const schema = z.object({ businessName: z.string().max(100) });
    expect(sentences(schema, { businessName: "x".repeat(101) })).toEqual([
      "Business name can be at most 100 characters: shorten it.",
    ]);
  });
  it("keeps the sentences a schema wrote for people", () => {
    expect(
      sentences(z.object({ password: z.string().min(10, "Password must be at least 10 characters.") }), {
        password: "short",
      }),
    ).toEqual(["Password must be at least 10 characters."]);
  });
  it("names a missing field and a wrong choice without the validator's wording", () => {
    const out = sentences(z.object({ timeZone: z.string(), status: z.enum(["booked", "closed"]) }), {
      status: "nope",
    });
    expect(out).toEqual(["Time zone is missing: fill it in.", "Status: choose one of the listed options."]);
    expect(out.join(" ")).not.toMatch(/Too big|Invalid input|expected/);
  });
});

describe("US time zones by name", () => {
  it("offers every US zone, each a real zone with a name people know", () => {
    expect(US_TIME_ZONES.length).toBeGreaterThanOrEqual(29);
    for (const { zone } of US_TIME_ZONES)
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: zone })).not.toThrow();
    expect(timeZoneLabel("America/Chicago")).toBe("Central Time — Chicago");
    expect(timeZoneLabel("America/Indiana/Knox")).toBe("Central Time — Knox, Indiana");
    expect(timeZoneLabel("America/Phoenix")).toBe("Mountain Time, no daylight saving — Phoenix");
  });
});
