// Your account: a person changes their own password and signs out everywhere; each ends every
// session of theirs (a copy of the old cookie included) and sign-in says why. The password is put
// back at the end, so the other specs still sign in with the demo password.
import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn } from "./helpers";

const NEW_PASSWORD = "copper-pipe-wrench-42";
const ACCOUNT = `/t/${DEMO.secondTenant}/settings/account`;

test("changing the password and signing out everywhere end every session, and sign-in says why", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.secondOwner);
  await page.getByRole("link", { name: "Your account" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${ACCOUNT}$`));
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  // A second device holding the same session.
  const other = await browser.newContext();
  await other.addCookies(await page.context().cookies());
  const otherPage = await other.newPage();
  await otherPage.goto(ACCOUNT);
  await expect(otherPage.getByRole("heading", { name: "Your account" })).toBeVisible();

  // A wrong current password is named on its field, and nothing changes.
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=password/);
  await expect(page.getByRole("status")).toContainText("Your password was changed");

  // The other device is signed out too; the old password no longer signs in, the new one does.
  await otherPage.goto(ACCOUNT);
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();
  await page.getByLabel("Email").fill(DEMO.secondOwner);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match.")).toBeVisible();
  await signIn(page, DEMO.secondOwner, NEW_PASSWORD);

  // Put the demo password back (the other specs use it), then sign out everywhere.
  await page.goto(ACCOUNT);
  await page.getByLabel("Current password").fill(NEW_PASSWORD);
  await page.getByLabel("New password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=password/);
  await signIn(page, DEMO.secondOwner);

  await page.goto(ACCOUNT);
  await page.getByRole("button", { name: "Sign out everywhere…" }).click();
  await page.getByRole("button", { name: "Yes, sign me out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=everywhere/);
  await expect(page.getByRole("status")).toContainText("signed out on every device");
  await page.goto(ACCOUNT);
  await expect(page).toHaveURL(/\/sign-in/);
});
