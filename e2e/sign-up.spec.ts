// Sign-up never says whether an account exists for an email.
import { expect, test } from "@playwright/test";
import { DEMO } from "./helpers";

test("signing up with an email that already has an account gets the same neutral answer, no account and no hint", async ({
  page,
}) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Work email").fill(DEMO.owner);
  await page.getByLabel("Password").fill("a-long-password-for-someone");
  await page.getByLabel("Business name").fill("Another Plumbing Co");
  await page.getByRole("button", { name: "Create account" }).click();
  const alert = page
    .getByRole("alert")
    .filter({ hasText: "We could not create an account with these details." });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText("If you have signed up before, sign in instead");
  await expect(page.getByText(/already exists|an account for/i)).toHaveCount(0);
  await expect(page).toHaveURL(/\/sign-up$/);
});
