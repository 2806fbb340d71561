// SaaS mode as an agency operator and its business's owner meet it: the operator connects the
// agency's Stripe (the local fake's onboarding page), sets the brand and defines a plan, creates a
// business on it and invites the owner; the owner signs up from the invite, lands on the checklist
// without entering a card, and sees the agency's brand and plan (never LeadRescue's wholesale price).
// Overage past the included calls and the month's invoice against the margin table are proved by
// server/saas/connect.integration.test.ts (the fake's invoices reconciled to the cent).
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { DEMO, DEMO_PASSWORD } from "./helpers";

const stamp = Date.now().toString(36);
test.use({ viewport: { width: 1400, height: 1000 } });

async function signInAsOperator(page: Page) {
  await page.goto("/a/demo-agency/sign-in?next=/agency/saas");
  await expect(page.getByTestId("agency-brand")).toContainText("Demo Agency");
  await page.getByLabel("Email").fill(DEMO.operator);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/agency/saas");
}

test("an operator connects Stripe, brands the agency, defines a plan and onboards a business whose owner sees the brand and plan", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signInAsOperator(page);
  await expect(page.getByRole("heading", { level: 1, name: "SaaS mode" })).toBeVisible();

  // Connect Stripe: the fake's onboarding page, then back to the console.
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page.getByRole("heading", { name: "Connect your Stripe account" })).toBeVisible();
  await page.getByRole("button", { name: "Finish onboarding" }).click();
  await page.waitForURL((url) => url.pathname === "/agency/saas");
  await expect(page.getByTestId("stripe-connected")).toContainText("Stripe is ready");

  // Brand: a colour that fails contrast is refused; a readable one is saved.
  const brand = page.getByRole("form", { name: "Brand" });
  await brand.getByLabel("Accent colour").fill("#ffeb3b");
  await expect(brand.getByText(/#ffeb3b is too light to read/)).toBeVisible();
  await brand.getByLabel("Accent colour").fill("#0f766e");
  await expect(brand.getByText(/readable/)).toBeVisible();
  await brand.getByRole("button", { name: "Save brand" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Brand saved." }).first()).toBeAttached();

  // A plan.
  const planForm = page.getByRole("form", { name: "Add a plan" });
  await planForm.getByLabel("Plan name").fill(`Growth ${stamp}`);
  await planForm.getByLabel("Monthly price ($)").fill("249");
  await planForm.getByLabel("Included AI-handled calls a month").fill("40");
  await planForm.getByLabel("Included texts a month").fill("200");
  await planForm.getByLabel("Price per extra call ($)").fill("4.50");
  await planForm.getByLabel("Price per extra text ($)").fill("0.05");
  await planForm.getByLabel("Free trial (days)").fill("14");
  await planForm.getByRole("button", { name: "Add plan" }).click();
  await expect(page.getByTestId("plan-list")).toContainText(
    `Growth ${stamp} — $249.00 / month, 40 calls and 200 texts included`,
  );
  await expectAccessible(page, "SaaS mode console");

  // A business on the plan, with an owner invite.
  await page.goto("/agency");
  await page.getByRole("button", { name: "Add a business" }).click();
  const name = `Riverside Plumbing ${stamp}`;
  const ownerEmail = `owner-${stamp}@riverside.test`;
  await page.getByLabel("Business name").fill(name);
  await page.getByLabel("Owner's email").fill(ownerEmail);
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: `Growth ${stamp}` });
  await page.getByRole("button", { name: "Add business" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `Added ${name}` })
      .first(),
  ).toBeVisible();
  const link = await page.getByLabel("Owner invite link").inputValue();

  // The owner signs up from the invite, under the agency's brand, and lands on the checklist.
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  await owner.goto(link);
  await expect(owner.getByTestId("agency-brand")).toContainText("Demo Agency");
  await expect(owner.getByText(/on Demo Agency as/)).toBeVisible();
  await owner.getByLabel("Your name").fill("Rita Riverside");
  await owner.getByLabel("Choose a password").fill("riverside-pass-42");
  await owner.getByRole("button", { name: /join/i }).click();
  await owner.waitForURL(/\/t\/riverside-plumbing-[a-z0-9-]+$/);
  await expect(owner.getByRole("navigation", { name: "Main" }).getByTestId("agency-brand")).toContainText(
    "Demo Agency",
  );
  await expect(owner.getByText(/of 6 done/)).toBeVisible(); // the checklist, billing already done: no card asked

  // Billing: the agency's plan and price, usage against what is included, nothing of LeadRescue's wholesale.
  await owner.goto(owner.url() + "/settings/billing");
  await expect(owner.getByRole("heading", { name: `Your plan: Growth ${stamp}` })).toBeVisible();
  await expect(owner.getByText("$249.00 / month, from your agency")).toBeVisible();
  await expect(owner.getByTestId("agency-plan-usage")).toContainText("0 of 40");
  await expect(owner.getByText("Free trial").first()).toBeVisible();
  const html = (await owner.content()).toLowerCase();
  expect(html).not.toContain("wholesale");
  expect(html).not.toContain("$49.00");
  await expect(owner.getByRole("button", { name: /Subscribe/ })).toHaveCount(0);
  await expectAccessible(owner, "owner billing on an agency plan");
  await ownerContext.close();

  // The operator's margin table has the business on its plan (an estimate until Stripe invoices the month).
  await page.goto("/agency/saas");
  const margin = page.getByTestId("margin-table");
  await expect(margin.getByRole("row").filter({ hasText: name })).toContainText("Estimate");
  await expect(margin.getByRole("row").filter({ hasText: name })).toContainText("$249.00");
});

test("the SaaS console fits a 390 px phone", async ({ page }) => {
  await signInAsOperator(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { level: 1, name: "SaaS mode" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
