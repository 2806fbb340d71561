// The report pages at 1280 px and on a 390 px phone, filled with data: no serious or critical
// accessibility violation (axe-core) on the reports page, the printable month, the QA page's weekly
// handoff review list and the agency console's Reports tab.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { DEMO, signIn } from "./helpers";

const T = `/t/${DEMO.tenant}`;

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`report pages at ${viewport.width} px`, () => {
    test.use({ viewport });
    test.setTimeout(240_000);

    test("an owner's reports page, printable month and handoff review list", async ({ page }) => {
      await signIn(page, DEMO.owner);
      await page.goto(`${T}/reports`);
      await expect(page.getByTestId("report-period")).toContainText("Central Time — Chicago", {
        timeout: 60_000,
      });
      await expect(page.getByTestId("figure-leads")).not.toHaveText("0");
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, `owner ${T}/reports`);

      await page.goto(`${T}/reports/print?month=${new Date().toISOString().slice(0, 7)}`);
      await expect(
        page.getByRole("rowheader", { name: "Missed calls (the plumber did not answer)" }),
      ).toBeVisible({ timeout: 60_000 });
      await expectAccessible(page, `owner ${T}/reports/print`);

      await page.goto(`${T}/qa`);
      const review = page.getByTestId("handoff-review").first();
      await expect(review).toBeVisible({ timeout: 60_000 });
      await expect(review).toContainText("Priya Patel");
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, `owner ${T}/qa (weekly handoff QA)`);
    });

    test("the agency console's Reports tab", async ({ page }) => {
      await signIn(page, DEMO.operator);
      await page.goto("/agency/reports");
      await expect(page.getByRole("rowheader", { name: "All businesses" })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole("rowheader", { name: /Demo Plumbing/ })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, "operator /agency/reports");
    });
  });
}
