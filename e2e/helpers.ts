// Shared steps for the e2e specs.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-1";
export const DEMO = {
  owner: "owner@demo-plumbing.test",
  staff: "staff@demo-plumbing.test",
  operator: "operator@demo-agency.test",
  tenant: "demo-plumbing",
  secondTenant: "hill-country-plumbing",
  /** Owner of the second business, which no other spec places AI calls to. */
  secondOwner: "owner@hill-country-plumbing.test",
};

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Lands on the business: its inbox, or the setup overview for an owner whose setup is
  // incomplete; an agency operator lands on the agency console.
  await expect(page).toHaveURL(/\/(t\/[^/]+(\/leads)?|agency)$/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
}
