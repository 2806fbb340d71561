// Call QA in the browser: the page, its empty state, "run today's sample now",
// and the prompt profile switch with a reason; staff do not get the page.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("an owner opens Call QA, runs today's sample and switches the prompt profile with a reason", async ({
  page,
}) => {
  // The second business: other specs place AI calls to Demo Plumbing, so its QA page is not empty.
  await signIn(page, DEMO.secondOwner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Call QA" }).click();
  await expect(page.getByRole("heading", { name: "Call QA", level: 1 })).toBeVisible();
  await expect(page.getByText("No AI-handled calls yet.")).toBeVisible();

  await page.getByRole("button", { name: "Run today's sample now" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: /nothing to sample|Sampled \d+ of/ }),
  ).toBeVisible();

  const profile = page.getByRole("region", { name: "How the AI asks questions" });
  await profile.getByRole("button", { name: "Switch to safe" }).click();
  await expect(profile.getByText(/at least 5 characters/)).toBeVisible();
  await profile.getByLabel("Reason for switching to safe").fill("Trying the scripted questions for a week");
  await profile.getByRole("button", { name: "Switch to safe" }).click();
  await expect(
    profile.getByText("Switched to safe, scripted questions. New calls use them from now on."),
  ).toBeVisible();
  await expect(profile.getByText(/“Trying the scripted questions for a week”/)).toBeVisible();
  await profile.getByLabel("Reason for switching to standard").fill("Back to normal after the review");
  await profile.getByRole("button", { name: "Switch to standard" }).click();
  await expect(
    profile.getByText("Switched to standard questions. New calls use them from now on."),
  ).toBeVisible();
});

test("staff have no Call QA entry and the page says who can use it", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Call QA" }),
  ).toHaveCount(0);
  await page.goto(`/t/${DEMO.tenant}/qa`);
  await expect(page.getByText("You don't have permission to review AI calls.")).toBeVisible();
});
