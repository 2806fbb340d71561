// The agency console as an operator meets it (DESIGN "Who uses it": an agency operator runs many
// client tenants — creates them, watches their health, pauses/resumes, works inside any of them).
import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./helpers";

const stamp = Date.now().toString(36);

test.use({ viewport: { width: 1400, height: 1000 } });

async function signInAsOperator(page: Page) {
  await page.goto(`/sign-in?next=/t/${DEMO.tenant}`);
  await page.getByLabel("Email").fill(DEMO.operator);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/t/${DEMO.tenant}`));
}

const row = (page: Page, name: string) => page.getByRole("row", { name, exact: true });

test("an operator watches every business's health, pauses and resumes one, and adds a new business", async ({
  page,
}) => {
  await signInAsOperator(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agency console" }).click();
  await expect(page).toHaveURL(/\/agency$/);
  await expect(page.getByRole("heading", { level: 1, name: "Agency console" })).toBeVisible();
  await expect(page.getByText("Demo Agency: 2 businesses")).toBeVisible();

  // Both businesses with their health; the one with open leaks (the seeded inbox) comes first.
  const demo = row(page, "Demo Plumbing");
  const hill = row(page, "Hill Country Plumbing");
  await expect(demo).toContainText("Needs attention");
  await expect(demo).toContainText("Free trial");
  await expect(hill).toContainText("Healthy");
  await expect(hill.getByText("On", { exact: true })).toBeVisible();
  await expect(hill).toContainText("—"); // no QA data yet
  await expect(page.getByRole("table", { name: "Businesses" }).getByRole("row").nth(1)).toHaveAccessibleName(
    "Demo Plumbing",
  );
  await expect(demo.getByRole("img", { name: /in the last 7 days: / })).toBeVisible();

  // Search by name.
  await page.getByLabel("Search businesses").fill("hill");
  await expect(demo).toBeHidden();
  await expect(hill).toBeVisible();
  await page.getByLabel("Search businesses").fill("nothing like this");
  await expect(page.getByText("No business matches")).toBeVisible();
  await page.getByLabel("Search businesses").fill("");

  // Pause Hill Country Plumbing: a reason is required, then a confirm.
  await hill.getByRole("button", { name: "Pause Hill Country Plumbing" }).click();
  await hill.getByRole("button", { name: "Yes, pause" }).click();
  await expect(hill.getByText("Say why (at least 3 characters)")).toBeVisible();
  await hill.getByLabel("Reason for pausing Hill Country Plumbing").fill("Client is closed for the holidays");
  await hill.getByRole("button", { name: "Yes, pause" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Hill Country Plumbing is paused" }),
  ).toBeAttached();
  await expect(hill).toContainText("Paused");
  await expect(hill).toContainText("Off (paused)");
  await expect(hill).toContainText("Client is closed for the holidays");

  // Its gate shows paused inside the business too.
  await hill.getByRole("link", { name: "Open Hill Country Plumbing" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.secondTenant}$`));
  await expect(page.getByText("The AI is off")).toBeVisible();
  await expect(
    page.getByText("your agency paused this business. Resume it from the agency console."),
  ).toBeVisible();

  // Resume it.
  await page.goto("/agency");
  await hill.getByRole("button", { name: "Resume Hill Country Plumbing" }).click();
  await hill.getByLabel("Reason for resuming Hill Country Plumbing").fill("Client is back");
  await hill.getByRole("button", { name: "Yes, resume" }).click();
  await expect(hill).toContainText("Healthy");
  await expect(hill.getByRole("button", { name: "Pause Hill Country Plumbing" })).toBeVisible();

  // Add a business: inline validation first, then an owner invite and the new row.
  const name = `Lakeside Plumbing ${stamp}`;
  await page.getByRole("button", { name: "Add a business" }).click();
  await page.getByRole("button", { name: "Add business" }).click();
  await expect(page.getByText("Business name must be at least 2 characters.")).toBeVisible();
  await expect(page.getByLabel("Owner's email")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Business name").fill(name);
  await page.getByLabel("Time zone").selectOption("America/Denver");
  await page.getByLabel("Owner's email").fill(`lake-${stamp}@example.test`);
  await page.getByRole("button", { name: "Add business" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `Added ${name}` })
      .first(),
  ).toBeVisible();
  await expect(page.getByLabel("Owner invite link")).toHaveValue(/\/invite\/[\w-]+$/);
  const added = row(page, name);
  await expect(added).toContainText("AI off");
  await expect(added).toContainText("Free trial"); // every new business starts the 14-day trial

  // Open it: the operator works inside the new business.
  await page
    .getByRole("link", { name: `Open ${name}` })
    .first()
    .click();
  await expect(page).toHaveURL(/\/t\/lakeside-plumbing-[a-z0-9-]+$/);
  await expect(page.getByText("1 of 6 done")).toBeVisible(); // billing (the trial) is the one step done
  await expect(page.getByText("Your role: operator")).toBeVisible();
});

test("the agency console fits a 390 px phone", async ({ page }) => {
  await signInAsOperator(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/agency");
  await expect(row(page, "Hill Country Plumbing")).toBeVisible();
  await expect(
    row(page, "Hill Country Plumbing").getByRole("link", { name: "Open Hill Country Plumbing" }),
  ).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("the agency console is not for business owners", async ({ page }) => {
  await page.goto(`/sign-in?next=/agency`);
  await page.getByLabel("Email").fill(DEMO.owner);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto(`/t/${DEMO.tenant}`);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agency console" }),
  ).toHaveCount(0);
});
