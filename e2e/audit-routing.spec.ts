// Call routing changes show in the audit log: who routed which leads where, and the phones calls ring.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const T = `/t/${DEMO.tenant}`;

test("an owner's routing and phone changes are in the audit log", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`${T}/settings/routing`);
  await page.getByLabel("Estimates").selectOption({ label: "Sam Staff (staff)" });
  await expect(page.getByText("Routing saved.")).toBeVisible();
  await page.getByLabel("Estimates").selectOption({ label: "Use the fallback" });
  await expect(page.getByText("Routing saved.")).toBeVisible();

  // The same phones saved again: still a change worth a line (who saved what, when).
  await page.goto(`${T}/settings/phone`);
  await expect(page.getByLabel("Plumber's phone")).not.toHaveValue("");
  await page.getByRole("button", { name: "Save phones" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.goto(`${T}/settings/audit`);
  const main = page.getByRole("main");
  await expect(main.getByText("Routed estimates to Sam Staff").first()).toBeVisible({ timeout: 30_000 });
  await expect(
    main.getByText("Cleared the routing rule for estimates (the fallback rule takes them)").first(),
  ).toBeVisible();
  await expect(
    main.getByText("Changed the phones calls ring: the plumber's phone (512) 555-0101").first(),
  ).toBeVisible();
});
