// `/`: a visitor sees what LeadRescue does and the way in; a signed-in person still goes to their app.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { DEMO, signIn } from "./helpers";

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`a visitor lands on the product page, not on sign-in, at ${viewport.width} px`, async ({
    page,
    baseURL,
  }) => {
    await page.setViewportSize(viewport);
    // No images, fonts or scripts from anywhere else.
    const external: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(baseURL!) && !r.url().startsWith("data:")) external.push(r.url());
    });
    await page.goto("/");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Missed calls, rescued");
    await expect(page.getByText("rings the plumber's phone for 10 seconds")).toBeVisible();
    await expectAccessible(page, `product page at ${viewport.width}`);
    // Nothing wider than the screen on a phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(viewport.width);
    expect(external).toEqual([]);

    await page.getByRole("main").getByRole("link", { name: "Start free" }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
    await page.goto("/");
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test("a signed-in person going to / gets their app, not the product page", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/leads$`));
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
});
