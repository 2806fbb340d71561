// Shared steps for the e2e specs.
import { expect, type Browser, type Page } from "@playwright/test";
import twilio from "twilio";

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

const TWILIO_AUTH_TOKEN = "dev-twilio-auth-token"; // local-mode default (README "Configuration")
/** The demo business's tracking number. */
export const DEMO_TRACKING_NUMBER = "+15125550100";

/** The caller texts the business: a POST to /api/twilio/sms signed as Twilio signs it. */
export async function textFromCaller(baseURL: string, from: string, body: string, to = DEMO_TRACKING_NUMBER) {
  const url = `${baseURL}/api/twilio/sms`;
  const form = {
    AccountSid: "AC00000000000000000000000000000000",
    MessageSid: `SM${Date.now().toString(16)}`.padEnd(34, "7"),
    From: from,
    To: to,
    Body: body,
  };
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, url, form),
    },
    body: new URLSearchParams(form).toString(),
  });
  expect(res.status).toBe(200);
}

/** The inbox rows of a business, in queue order, as text. */
export async function inboxOrder(page: Page, tenant = DEMO.tenant): Promise<string[]> {
  await page.goto(`/t/${tenant}/leads`);
  const rows = page.getByTestId("inbox-row");
  await expect(rows.first()).toBeVisible();
  return rows.allInnerTexts();
}

export const rowIndexOf = (rows: string[], name: string) => rows.findIndex((r) => r.includes(name));

/** Quiet hours off (00:00–00:00), so an approved text goes out at any hour the test runs. */
export async function turnQuietHoursOff(page: Page, tenant = DEMO.tenant) {
  await page.goto(`/t/${tenant}/settings/messaging`);
  await page.getByLabel("Quiet hours start").fill("00:00");
  await page.getByLabel("Quiet hours end").fill("00:00");
  await page.getByRole("button", { name: "Save messaging" }).click();
  await expect(page.getByText("Messaging saved.")).toBeVisible();
}

/** A visitor on a phone (390 px wide) with the demo business's request form open. */
export async function requestFormOnPhone(browser: Browser) {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const visitor = await phone.newPage();
  await visitor.goto(`/q/${DEMO.tenant}`);
  await expect(visitor.getByRole("heading", { name: "Request a plumber from Demo Plumbing" })).toBeVisible();
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  return { phone, visitor };
}
