// Accessibility check for any page: axe-core on the rendered page, failing on every serious or
// critical violation, with the rule, the fix hint and the first offending elements in the message.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The serious or critical violations on the page, one line each (empty when there are none). */
export async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${what} — ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .slice(0, 4)
          .map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`)
          .join("\n    ")}`,
    );
}

export async function expectAccessible(page: Page, what: string) {
  const found = await seriousViolations(page, what);
  expect(
    found,
    `${found.length} serious or critical accessibility violation(s)\n  ${found.join("\n  ")}`,
  ).toEqual([]);
}
