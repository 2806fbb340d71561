// White label rules: an accent colour must be readable with white (4.5:1), and a logo is an image by its bytes.
import { describe, expect, it } from "vitest";
import { SCRIPTS } from "@/server/voice/scripts";
import { accentProblem, brandOf, contrastRatio, greetingBrandOf, sniffImage } from "./branding";
import { DEFAULT_WHOLESALE, wholesaleCents, WHOLESALE } from "./wholesale";
import { capReached, usageAgainstPlan } from "./plan-usage";
import { crossedThresholds } from "./usage-alerts";

describe("accent colour contrast", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#1d4ed8", "#ffffff")).toBeGreaterThan(6);
  });
  it("A colour that fails contrast is refused with a message; a readable one passes", () => {
    expect(accentProblem("#1d4ed8")).toBeNull();
    expect(accentProblem("#767676")).toBeNull(); // 4.54:1, just enough
    expect(accentProblem("#777777")).toMatch(
      /too light to read: white text on it has a contrast of 4\.5:1, and at least 4\.5:1 is needed/,
    );
    expect(accentProblem("#ffeb3b")).toMatch(/too light/);
    expect(accentProblem("blue")).toBe("Enter the colour as #rrggbb, like #1d4ed8.");
  });
});

describe("logo type by its bytes", () => {
  it("knows PNG, JPEG and WebP and nothing else", () => {
    expect(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      "image/png",
    );
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImage(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("image/webp");
    expect(
      sniffImage(
        new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ),
    ).toBeNull();
  });
});

describe("usage against an agency plan", () => {
  const plan = {
    id: "p",
    name: "Starter",
    monthlyPriceCents: 19900,
    includedCalls: 10,
    includedTexts: 50,
    overageCallCents: 450,
    overageTextCents: 15,
    trialDays: 0,
    currency: "usd",
  };
  it("bills only what is past the included calls and texts", () => {
    expect(usageAgainstPlan(plan, "2026-03", { calls: 12, texts: 49 })).toMatchObject({
      overageCalls: 2,
      overageTexts: 0,
      overageCents: 900,
      revenueCents: 20800,
      callsShare: 1.2,
    });
  });
  it("stops the AI only with the stop choice, once the included calls are used", () => {
    expect(capReached("stop_ai", plan, 9)).toBe(false);
    expect(capReached("stop_ai", plan, 10)).toBe(true);
    expect(capReached("bill", plan, 500)).toBe(false);
  });
  it("alerts at 80 % and 100 %", () => {
    expect(crossedThresholds(0.79)).toEqual([]);
    expect(crossedThresholds(0.8)).toEqual([0.8]);
    expect(crossedThresholds(1.3)).toEqual([0.8, 1]);
    expect(crossedThresholds(null)).toEqual([]);
  });
  it("prices LeadRescue's wholesale per month, billable call and text", () => {
    expect(wholesaleCents({ calls: 3, texts: 10 })).toBe(
      WHOLESALE.monthlyCents + 3 * WHOLESALE.perCallCents + 10 * WHOLESALE.perTextCents,
    );
    // The published price list: $49 a business a month, $1.50 a billable call, $0.03 a text.
    expect(DEFAULT_WHOLESALE).toEqual({ monthlyCents: 4900, perCallCents: 150, perTextCents: 3 });
    expect(wholesaleCents({ calls: 3, texts: 10 }, DEFAULT_WHOLESALE)).toBe(4900 + 450 + 30);
    // Unset, the environment keeps the published list.
    expect(WHOLESALE).toEqual(DEFAULT_WHOLESALE);
  });
});

describe("the agency's brand in the call's greeting", () => {
  const agency = { name: "Hill Country Marketing", slug: "hcm", accentColor: "#0f766e", logoUpdatedAt: null };
  it("names the agency only when the owner chose it and the agency has a brand", () => {
    expect(greetingBrandOf({ greetingAgencyBrand: true, agency })).toBe("Hill Country Marketing");
    expect(greetingBrandOf({ greetingAgencyBrand: false, agency })).toBeNull();
    expect(greetingBrandOf({ greetingAgencyBrand: true, agency: null })).toBeNull();
    // An agency that set no colour and no logo has no brand to say.
    expect(brandOf({ ...agency, accentColor: null })).toBeNull();
    expect(
      greetingBrandOf({ greetingAgencyBrand: true, agency: { ...agency, accentColor: null } }),
    ).toBeNull();
  });
  it("says the business first, then the assistant from the agency, in plain words", () => {
    expect(SCRIPTS.standard.opening("Demo Plumbing", "Hill Country Marketing")).toBe(
      "Hi, thanks for calling Demo Plumbing. Sorry we couldn't get to the phone. I'm the virtual assistant from Hill Country Marketing, and I can help get a plumber to you. First, what's the ZIP code where you need the work done?",
    );
    expect(SCRIPTS.safe.opening("Demo Plumbing", "Hill Country Marketing")).toBe(
      "Thank you for calling Demo Plumbing. This is the automated assistant from Hill Country Marketing. What is the five-digit ZIP code where you need service?",
    );
    expect(SCRIPTS.standard.opening("Demo Plumbing", null)).toContain(
      "I'm the virtual assistant, and I can help get a plumber to you.",
    );
    expect(SCRIPTS.safe.opening("Demo Plumbing")).toContain("This is the automated assistant. What is");
  });
});
