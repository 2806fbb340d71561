import { describe, expect, it } from "vitest";
import { landingPath } from "./landing-page";

describe("where people land after sign-in", () => {
  it("staff and managers land on the inbox, setup or not", () => {
    for (const role of ["staff", "manager"] as const) {
      expect(landingPath({ slug: "acme", role }, false)).toBe("/t/acme/leads");
      expect(landingPath({ slug: "acme", role }, true)).toBe("/t/acme/leads");
    }
  });

  it("owners keep the setup overview while setup is incomplete, then land on the inbox too", () => {
    expect(landingPath({ slug: "acme", role: "owner" }, false)).toBe("/t/acme");
    expect(landingPath({ slug: "acme", role: "owner" }, true)).toBe("/t/acme/leads");
    expect(landingPath({ slug: "acme", role: "operator" }, false)).toBe("/t/acme");
  });
});
