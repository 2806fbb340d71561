// Billing in the browser (service gate, cancellation and auto-detach): the owner subscribes through the (local) Stripe
// Checkout, sees the AI gate open, requests cancellation, sees the detach time, and undoes it.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("an owner sees the price before Checkout, adds a card without ending the trial, cancels, sees one cancelled state everywhere and undoes it", async ({
  page,
}) => {
  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "Billing" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/settings/billing$`));
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  // The demo business is on the same free trial every new business gets (no card yet).
  await expect(page.getByText("Free trial", { exact: true })).toBeVisible();
  await expect(page.getByTestId("ai-status")).toHaveText(
    /^The AI answers missed calls right now: free trial until [A-Z][a-z]{2} \d+\.$/,
  );
  await expect(page.getByTestId("plan-line")).toHaveText(
    "LeadRescue Pro: $149.00 / month + $4.00 per AI-handled call",
  );
  const note = page.getByText(
    /Your free trial continues until .+ Checkout saves your card; the first charge of \$149\.00 is on that day\./,
  );
  await expect(note).toBeVisible();
  // One trial end: the day Billing names is the day Stripe's Checkout names.
  const trialEnd = /continues until ([A-Z][a-z]{2} \d+, \d{4})\./.exec((await note.textContent()) ?? "")?.[1];
  expect(trialEnd).toBeTruthy();

  await page.getByRole("button", { name: /^Add a card to continue after / }).click();
  // The hosted Checkout page of the local Stripe fake: the trial carries over.
  await expect(page.getByRole("heading", { name: "Subscribe to LeadRescue" })).toBeVisible();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/checkout\/cs_test_/);
  await expect(
    page.getByText(`Your free trial continues until ${trialEnd}: nothing is charged before then.`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Save card and subscribe" }).click();

  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/settings/billing\\?checkout=success`));
  // Still the trial, now with a card: nothing to subscribe to twice.
  await expect(page.getByText(/\(card on file: the plan starts then\)/)).toBeVisible();
  await expect(page.getByRole("button", { name: /Subscribe|Add a card/ })).toHaveCount(0);
  await expect(page.getByTestId("ai-status")).toHaveText("The AI answers missed calls right now.");

  await page.getByRole("button", { name: "Cancel service" }).click();
  await page.getByRole("button", { name: "Yes, cancel service" }).click();
  const detach = page.getByTestId("detach-time");
  await expect(detach).toContainText("Cancelled — the AI stops answering on");
  const [, detachAt, requested] =
    /answering on (.+?); undo until then\. Requested on (.+?)\./.exec((await detach.textContent()) ?? "") ??
    [];
  const local = (s?: string) => Date.parse((s ?? "").replace(/ [A-Z]{2,5}$/, ""));
  // The detach is 24 hours after the request.
  expect(local(detachAt) - local(requested)).toBe(24 * 3_600_000);
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(page.getByText("None: the service is cancelled, nothing renews")).toBeVisible();
  await expect(page.getByTestId("ai-status")).toContainText("Cancelled — the AI stops answering on");
  // A banner on every page of the business, and the overview agrees.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
  await expect(page.getByRole("region", { name: "Service cancelled" })).toContainText(
    "Cancelled — the AI stops answering on",
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("ai-status")).toContainText("Cancelled — the AI stops answering on");

  await page
    .getByRole("region", { name: "Service cancelled" })
    .getByRole("link", { name: "Undo on the Billing page" })
    .click();
  await page.getByRole("button", { name: "Undo cancellation" }).click();
  await expect(page.getByText("Cancellation undone: the AI stays on.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel service" })).toBeVisible();
  await expect(page.getByTestId("detach-time")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Service cancelled" })).toHaveCount(0);
});

test("the usage card and the ledger count the same billable calls this period", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/settings/billing`);
  const stat = page.getByText("Billable AI calls this period").locator("..");
  const billable = Number(await stat.locator("p").nth(1).textContent());
  await page.getByLabel("Show").selectOption("billable");
  await expect(
    page
      .getByText(`Page 1 · ${billable} call${billable === 1 ? "" : "s"}`)
      .or(page.getByText("No billable calls this period")),
  ).toBeVisible();
});

test("staff cannot open billing", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await expect(page.getByRole("link", { name: "Billing" })).toHaveCount(0);
  await page.goto(`/t/${DEMO.tenant}/settings/billing`);
  await expect(page.getByText("You don't have permission to see or change billing.")).toBeVisible();
});
