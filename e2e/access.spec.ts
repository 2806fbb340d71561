// Sign-in, tenant switching and tenant isolation, as people meet them in the browser.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./helpers";

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.owner);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await page.goto(`/t/${DEMO.tenant}`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an agency operator lands on the agency console and switches between two agency tenants", async ({
  page,
}) => {
  await signIn(page, DEMO.operator);
  await expect(page).toHaveURL(/\/agency$/);
  await page.getByRole("link", { name: "Open Demo Plumbing" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}`));
  const switcher = page.getByLabel("Business");
  await expect(switcher).toBeVisible();
  await switcher.selectOption({ label: "Hill Country Plumbing" });
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.secondTenant}$`));
  await expect(page.getByText("Setup checklist")).toBeVisible();
  await page.getByLabel("Business").selectOption({ label: "Demo Plumbing" });
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}$`));
  await expect(page.getByText("Your role: operator")).toBeVisible();
});

test("switching business without a page load never shows the other business's cached data", async ({
  page,
}) => {
  await signIn(page, DEMO.operator);
  const nav = page.getByRole("navigation", { name: "Main" });
  await page.goto(`/t/${DEMO.tenant}/settings/phone`);
  await expect(page.getByText("(512) 555-0100").first()).toBeVisible();
  await page.getByLabel("Business").selectOption({ label: "Hill Country Plumbing" });
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.secondTenant}$`));
  await nav.getByRole("link", { name: "Phone numbers" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.secondTenant}/settings/phone$`));
  await expect(page.getByText("(512) 555-0200").first()).toBeVisible();
  await expect(page.getByText("(512) 555-0100")).toHaveCount(0);
});

test("a staff member of one business cannot open another business's pages, and a copy of their session cookie opens nothing once they sign out", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.staff);
  await expect(page.getByText("Your role: staff")).toBeVisible();
  await page.goto(`/t/${DEMO.secondTenant}`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto(`/t/${DEMO.secondTenant}/settings/phone`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // The API refuses too, whatever the page does.
  const res = await page.request.get(`/api/trpc/setup.phones`, {
    headers: { "x-tenant": DEMO.secondTenant },
  });
  expect(res.status()).toBe(403);
  await page.goto(`/t/${DEMO.tenant}`);
  // A copy of the session cookie taken before signing out opens nothing afterwards.
  const copied = (await page.context().cookies()).filter((c) => c.name.endsWith("session-token"));
  expect(copied).toHaveLength(1);
  await signOut(page);
  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(copied);
  const other = await elsewhere.newPage();
  await other.goto(`/t/${DEMO.tenant}/leads`);
  await expect(other).toHaveURL(/\/sign-in/);
  const api = await other.request.get(`/api/trpc/setup.phones`, { headers: { "x-tenant": DEMO.tenant } });
  expect(api.status()).toBe(401);
  await elsewhere.close();
});
