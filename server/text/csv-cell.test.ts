import { describe, expect, it } from "vitest";
import { csvCell } from "./csv-cell";

describe("csvCell", () => {
  it("keeps a business name that looks like a formula as text, quoted or not", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","Invoice")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""Invoice"")"`,
    );
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
  });

  it("leaves numbers and amounts written as text as numbers", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("-12.50")).toBe("-12.50");
    expect(csvCell("+3")).toBe("+3");
    expect(csvCell(null)).toBe("");
    expect(csvCell("Hill Country Plumbing, LLC")).toBe('"Hill Country Plumbing, LLC"');
  });
});
