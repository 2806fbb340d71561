// The first Tab on a signed-in page reaches "Skip to main content", shown when focused; it moves
// the keyboard past the menu to the page itself.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`the skip link jumps past the menu at ${viewport.width} px`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signIn(page, DEMO.owner);
    await page.goto(`/t/${DEMO.tenant}/reports`);
    await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible({ timeout: 30_000 });
    const skip = page.getByRole("link", { name: "Skip to main content" });
    // Out of sight until a keyboard reaches it.
    expect((await skip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    await page.keyboard.press("Tab");
    await expect(skip).toBeFocused();
    const box = await skip.boundingBox();
    expect(box && box.width > 50 && box.height > 10).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main-content")).toBeFocused();
    // The next Tab lands inside the page, not in the menu.
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => !!document.activeElement?.closest("main"));
    expect(inMain).toBe(true);
  });
}

test("the agency console has the skip link too", async ({ page }) => {
  await signIn(page, DEMO.operator);
  await page.goto("/agency");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main-content")).toBeFocused();
});
