import { describe, expect, it } from "vitest";
import { MAX_LINES, wrapAxisLabels, wrapLabel } from "./wrap-label";

describe("a chart's category label on a narrow screen", () => {
  it("keeps a label that fits on one line as it is", () => {
    expect(wrapLabel("Under 5 minutes", 20)).toEqual(["Under 5 minutes"]);
  });

  it("shortens the units first, then wraps words into lines that fit the column", () => {
    expect(wrapLabel("Under 5 minutes", 7)).toEqual(["Under 5", "min"]);
    expect(wrapLabel("1–4 hours", 7)).toEqual(["1–4 hr"]);
    expect(wrapLabel("No human touch yet", 6)).toEqual(["No", "human", "touch", "yet"]);
  });

  it("one axis says its units one way: all hours, or all hr", () => {
    const speed = ["Under 5 minutes", "1–4 hours", "4–24 hours", "Over 24 hours"];
    const lines = wrapAxisLabels(speed, 10).map((l) => l.join(" "));
    expect(lines).toEqual(["Under 5 min", "1–4 hr", "4–24 hr", "Over 24 hr"]);
    expect(wrapAxisLabels(speed, 20).map((l) => l.join(" "))).toEqual(speed);
  });

  it("never makes more lines than the axis has room for", () => {
    const lines = wrapLabel("a b c d e f g h", 1);
    expect(lines).toHaveLength(MAX_LINES);
    expect(lines.join(" ")).toBe("a b c d e f g h");
  });
});
