import { describe, expect, it } from "vitest";
import { agencyMarginCsv, type AgencyBilling } from "./margin";

const row = (business: string, plan: string | null): AgencyBilling["rows"][number] => ({
  businessId: "t1",
  business,
  slug: "x",
  plan,
  source: "estimate",
  calls: 3,
  texts: 0,
  includedCalls: 100,
  includedTexts: 100,
  overageCalls: 0,
  overageTexts: 0,
  overageCents: 0,
  prorationCents: -250,
  revenueCents: 9900,
  wholesaleCents: 4900,
  marginCents: -1250,
  invoices: 0,
});

describe("the agency's margin CSV", () => {
  it("keeps a business or plan name that a spreadsheet would run as a formula as text", () => {
    const csv = agencyMarginCsv({
      agency: "Demo Agency",
      month: "2026-12",
      label: "December 2026",
      currency: "usd",
      rows: [row('=HYPERLINK("http://evil.example","Invoice")', "@SUM(A1)"), row("-1+cmd", "+Pro")],
      totals: {
        revenueCents: 0,
        wholesaleCents: 0,
        marginCents: 0,
        overageCents: 0,
        prorationCents: 0,
        calls: 0,
        texts: 0,
      },
    });
    const [, first, second] = csv.trim().split("\n");
    expect(first).toContain(`"'=HYPERLINK(""http://evil.example"",""Invoice"")",'@SUM(A1),`);
    expect(second).toContain("'-1+cmd,'+Pro,");
    // Amounts stay numbers, negative ones too.
    expect(first).toContain(",-12.50,");
    expect(first).toMatch(/,-2\.50$/);
  });
});
