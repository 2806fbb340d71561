// Owner screens speak the office's words: no call ids, no raw time zone names.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const T = `/t/${DEMO.tenant}`;

async function openLead(page: import("@playwright/test").Page, name: string) {
  await page.goto(`${T}/leads`);
  await page.getByTestId("inbox-row").filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
}

test("a phone lead's page shows no call id; a referral says who referred it", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await openLead(page, "James Carter");
  const fields = page.getByRole("region", { name: "Lead fields" });
  await expect(fields.getByText("Source", { exact: true })).toBeVisible();
  await expect(fields.getByText("Source reference")).toHaveCount(0);
  await expect(fields.getByText("Came in through")).toHaveCount(0);
  expect(await page.locator("main").innerText()).not.toMatch(/\bCA[0-9a-f]{32}\b/);
  // The booking card names the zone as people do.
  await expect(page.getByText("From your booking slots (Central Time — Chicago)")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("America/Chicago");

  await openLead(page, "Ray Ortiz");
  await expect(
    page.getByRole("region", { name: "Lead fields" }).getByText("Referred by Priya Patel"),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Lead fields" }).getByText("Came in through")).toBeVisible();
});
