// Billing in the browser (seed 000 §9–10): the owner subscribes through the (local) Stripe
// Checkout, sees the AI gate open, requests cancellation, sees the detach time, and undoes it.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("an owner subscribes through Checkout, sees the gate open, cancels and undoes the cancellation", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "Billing" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/settings/billing$`));
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  // The demo business starts on a free trial (seeded through the local Stripe fake).
  await expect(page.getByText("Free trial", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Subscribe now" }).click();
  // The hosted Checkout page of the local Stripe fake.
  await expect(page.getByRole("heading", { name: "Subscribe to LeadRescue" })).toBeVisible();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/checkout\/cs_test_/);
  await expect(page.getByLabel("Card number")).toHaveValue("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Pay and subscribe" }).click();

  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/settings/billing\\?checkout=success`));
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByText("Thank you — your subscription is active.")).toBeVisible();
  await expect(page.getByText("The AI is on: missed calls are answered.")).toBeVisible();
  await expect(page.getByText(/LeadRescue Pro: \$149\.00 \/ month \+ \$4\.00 per AI-handled call/)).toBeVisible();

  await page.getByRole("button", { name: "Cancel service" }).click();
  await page.getByRole("button", { name: "Yes, cancel service" }).click();
  const detach = page.getByTestId("detach-time");
  await expect(detach).toContainText("Cancellation requested on");
  await expect(detach).toContainText("The AI will be detached at");
  // Seed 000 §10: the detach is 24 hours after the request.
  const [, requested, detachAt] = /requested on (.+?)\. The AI will be detached at (.+?)\./.exec((await detach.textContent()) ?? "") ?? [];
  const local = (s?: string) => Date.parse((s ?? "").replace(/ [A-Z]{2,5}$/, ""));
  expect(local(detachAt) - local(requested)).toBe(24 * 3_600_000);
  // Until the detach the AI stays on.
  await expect(page.getByText("The AI is on: missed calls are answered.")).toBeVisible();

  await page.getByRole("button", { name: "Undo cancellation" }).click();
  await expect(page.getByText("Cancellation undone: the AI stays on.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel service" })).toBeVisible();
  await expect(page.getByTestId("detach-time")).toHaveCount(0);
});

test("staff cannot open billing", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await expect(page.getByRole("link", { name: "Billing" })).toHaveCount(0);
  await page.goto(`/t/${DEMO.tenant}/settings/billing`);
  await expect(page.getByText("You don't have permission to see or change billing.")).toBeVisible();
});
