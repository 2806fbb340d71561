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

/** A check of one rendered page: what it finds (one line each) and what the findings are called. */
export type PageCheck = { find: (page: Page, what: string) => Promise<string[]>; problem: string };

/** Fails listing every finding, from one page or many. */
export function expectNoFindings(found: string[], check: PageCheck) {
  expect(found, `${found.length} ${check.problem}\n  ${found.join("\n  ")}`).toEqual([]);
}

export const AXE_CHECK: PageCheck = {
  find: seriousViolations,
  problem: "serious or critical accessibility violation(s)",
};

export async function expectAccessible(page: Page, what: string) {
  expectNoFindings(await seriousViolations(page, what), AXE_CHECK);
}

/** The smallest target a finger may have to tap, in CSS px (WCAG 2.5.5; Apple's and Google's guides). */
export const MIN_TAP_PX = 44;

/**
 * On a touch phone: every visible control (button, link, input, select, summary) smaller than
 * 44×44 px, one line each. A checkbox or radio counts with its label (tapping the label ticks it);
 * a link inside a sentence of running text is exempt (WCAG 2.5.8 "inline" exception).
 */
export async function smallTapTargets(page: Page, what: string): Promise<string[]> {
  const small = await page.evaluate((min) => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="switch"]',
    );
    const isBlock = (el: Element) => !getComputedStyle(el).display.startsWith("inline");
    const words = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
    for (const el of controls) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      let rect = el.getBoundingClientRect();
      // Not drawn (display: none above it, a closed <details>) or visually hidden for screen readers (sr-only: 1×1 px).
      if (rect.width <= 1 || rect.height <= 1) continue;
      if (el.closest('[aria-hidden="true"]')) continue;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        const label =
          el.closest("label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        const r = label?.getBoundingClientRect();
        if (r && r.width * r.height > rect.width * rect.height) rect = r;
      }
      // A stretched link (its ::after covers the whole row or card): the row is what the finger taps.
      const after = getComputedStyle(el, "::after");
      if (after.content !== "none" && after.position === "absolute" && el.parentElement) {
        let box: Element | null = el.parentElement;
        while (box && getComputedStyle(box).position === "static") box = box.parentElement;
        if (box) rect = box.getBoundingClientRect();
      }
      if (el.tagName === "A" && style.display.startsWith("inline")) {
        // The block the link sits in: a sentence around the link makes it an inline link.
        let block: Element | null = el.parentElement;
        while (block && !isBlock(block)) block = block.parentElement;
        const around = words(block?.textContent).replace(words(el.textContent), "");
        if (/[A-Za-z]{2,}.*\s.*[A-Za-z]{2,}/.test(around)) continue;
      }
      if (rect.width + 0.5 >= min && rect.height + 0.5 >= min) continue;
      const name =
        el.getAttribute("aria-label") ||
        words(el.textContent).slice(0, 40) ||
        words((el as HTMLInputElement).labels?.[0]?.textContent).slice(0, 40) ||
        el.getAttribute("name") ||
        el.getAttribute("placeholder") ||
        el.id ||
        "(no name)";
      const kind =
        el.tagName === "INPUT" ? `input[type=${(el as HTMLInputElement).type}]` : el.tagName.toLowerCase();
      out.push(`${kind} "${name}" is ${Math.round(rect.width)}×${Math.round(rect.height)} px`);
    }
    return out;
  }, MIN_TAP_PX);
  return small.map((s) => `${what} — ${s}`);
}

/**
 * Opens what the page keeps folded away on a phone (a "Filter" button, a closed <details>), so
 * the controls behind it are measured too: a finger taps those as well.
 */
export async function openDisclosures(page: Page) {
  const main = page.locator("#main-content");
  for (const toggle of await main.locator('button[aria-expanded="false"]:visible').all()) {
    // An earlier toggle may have hidden or replaced this one.
    if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) === "false") {
      await toggle.click();
    }
  }
  await main.locator("details:not([open])").evaluateAll((all) => {
    for (const d of all) (d as HTMLDetailsElement).open = true;
  });
  await page.waitForLoadState("networkidle");
}

export const TAP_CHECK: PageCheck = {
  find: async (page, what) => {
    await openDisclosures(page);
    return smallTapTargets(page, what);
  },
  problem: `control(s) smaller than ${MIN_TAP_PX}×${MIN_TAP_PX} px to tap on a touch phone`,
};

export async function expectTapTargets(page: Page, what: string) {
  expectNoFindings(await smallTapTargets(page, what), TAP_CHECK);
}
