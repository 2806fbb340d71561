// "Forgot password?" in the browser: a new owner who forgot their password asks for a link from
// sign-in (the same answer as for an email nobody uses), reads it in the local mailbox (local mode,
// no email server), sets a new password under the sign-up rules, and is signed out everywhere;
// the old password no longer works, the new one does, and the link cannot be used twice.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y";

const OLD_PASSWORD = "first-copper-pipe-91";
const NEW_PASSWORD = "second-brass-valve-27";

test("forgot password: same answer for any email → link by email → new password → signed out everywhere → sign in with it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = `reset-${Date.now()}@password-reset.test`;

  // An owner signs up (their session stays open in this browser: the "other device").
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Rita Reset");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(OLD_PASSWORD);
  await page.getByLabel("Business name").fill("Reset Plumbing");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/t\/[\w-]+/);
  const home = page.url();

  // Somewhere else, signed out: "Forgot password?" from sign-in, by keyboard.
  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.goto("/sign-in");
  await visitor.getByRole("link", { name: "Forgot password?" }).focus();
  await visitor.keyboard.press("Enter");
  await expect(visitor).toHaveURL(/\/forgot-password$/);
  await expect(visitor.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expectAccessible(visitor, "forgot password");

  // A mistyped address is named on its field.
  await visitor.getByLabel("Email").fill("rita-at-example");
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(visitor.getByText("Enter a valid email address.")).toBeVisible();

  // An email nobody uses and the real one get the same answer.
  const answer = "If an account exists for that email, we sent a link to reset the password.";
  await visitor.getByLabel("Email").fill("nobody-uses-this@password-reset.test");
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByRole("status")).toContainText(answer);
  await visitor.getByLabel("Email").fill(email);
  await visitor.keyboard.press("Enter");
  await expect(visitor.getByRole("status")).toContainText(answer);

  // The link, from the local mailbox (local mode: no email server). The answer on the page was
  // already there from the first address, so the mailbox is read again until the email is in it.
  const mail = visitor.getByTestId("local-mail").filter({ hasText: email }).first();
  await expect(async () => {
    await visitor.goto("/dev/mail");
    await expect(mail).toContainText("Reset your LeadRescue password", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  // Sent a moment ago, in words: never a raw ISO timestamp.
  await expect(mail).toContainText(/, \d{1,2}:\d{2} [AP]M \((just now|\d+ min ago)\)/);
  await expect(mail).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
  const link = /https?:\/\/\S+\/reset-password\/[\w-]+/.exec((await mail.textContent()) ?? "")?.[0];
  expect(link).toBeTruthy();
  await expect(visitor.getByTestId("local-mail").filter({ hasText: "nobody-uses-this" })).toHaveCount(0);
  const path = new URL(link!).pathname;

  // A new password under the sign-up rules, errors on the field.
  await visitor.goto(path);
  await expect(visitor.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await visitor.getByLabel("New password").fill("short");
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor.getByText("Password must be at least 10 characters.")).toBeVisible();
  await expect(visitor.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await visitor.getByLabel("New password").fill(NEW_PASSWORD);
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor).toHaveURL(/\/sign-in\?ended=reset$/);
  await expect(visitor.getByRole("status")).toContainText("Your password was reset");

  // The session from before the reset is over.
  await page.goto(home);
  await expect(page).toHaveURL(/\/sign-in/);

  // The old password no longer signs in; the new one does.
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByLabel("Password", { exact: true }).fill(OLD_PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor.getByText("That email and password do not match.")).toBeVisible();
  await visitor.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/t\/[\w-]+/);

  // The link works once.
  await visitor.goto(path);
  await expect(visitor.getByText("This reset link has expired or was already used.")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Ask for a new reset link" })).toBeVisible();
  await other.close();
});
