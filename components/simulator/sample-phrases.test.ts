import { describe, expect, it } from "vitest";
import { sampleZips } from "@/server/simulator/sample-zips";
import { toE164 } from "@/server/setup/phone-numbers";
import { fictionalCaller, samplePhrases } from "./sample-phrases";

describe("the simulator's quick-fill ZIPs are the business's own", () => {
  it("a Denver business's first ZIP is one it serves, and the other one it does not", () => {
    const zips = sampleZips(["80206", "80202", "80204"]);
    expect(zips).toEqual({ inArea: "80202", outOfArea: "10001" });
    const phrases = samplePhrases(zips);
    expect(phrases.slice(0, 2)).toEqual(["My ZIP is 80202", "My ZIP is 10001"]);
    // Austin's ZIP would be declined as out of area by this business.
    expect(phrases.join(" ")).not.toContain("78701");
  });
  it("a business that serves 10001 gets another out-of-area ZIP", () => {
    expect(sampleZips(["10001", "10002"])).toEqual({ inArea: "10001", outOfArea: "90210" });
  });
  it("no service area yet: no in-area phrase to offer", () => {
    const zips = sampleZips([]);
    expect(zips.inArea).toBeNull();
    expect(samplePhrases(zips)[0]).toBe("My ZIP is 10001");
  });
});

describe("the simulator's fictional caller", () => {
  it("is written as a person types a number, and the call accepts it as well as +1…", () => {
    const from = fictionalCaller();
    expect(from).toMatch(/^\(512\) 555-01\d\d$/);
    const e164 = toE164(from, "from");
    expect(e164).toMatch(/^\+151255501\d\d$/);
    expect(toE164(e164, "from")).toBe(e164);
  });
});
