// Leads from outside calls: a visitor asks for a plumber on the business's public request form
// from a phone, and the office sees the web form lead in the inbox with its 15-minute response
// time; the office adds a lead by hand and is offered the caller's open lead instead of a duplicate.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { DEMO, requestFormOnPhone, signIn, signOut } from "./helpers";

async function routeStandardTo(page: Page, choice: string) {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/settings/routing`);
  await page.getByLabel("Standard inbound").selectOption({ label: choice });
  await expect(page.getByText("Routing saved.")).toBeVisible();
  await signOut(page);
}

test("a visitor requests a plumber from a phone; staff see the web form lead due within 15 minutes", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The office: standard inbound leads go to Sam Staff (the owner by default).
  await routeStandardTo(page, "Sam Staff (staff)");

  const { phone, visitor } = await requestFormOnPhone(browser);
  await expectAccessible(visitor, "request form");
  await visitor.getByLabel("Your name").fill("Rosa Diaz");
  await visitor.getByLabel("Phone number").fill("(512) 555-0188");
  await visitor.getByLabel("ZIP code").fill("7870");
  await visitor.getByLabel("What's the problem?").fill("Kitchen sink drains very slowly");
  await visitor.getByLabel("Preferred time").selectOption("Afternoon");
  const consent = visitor.getByRole("checkbox", { name: /may send me text messages/ });
  await expect(consent).not.toBeChecked();
  await consent.check();
  // A mistyped ZIP is named next to its field, and nothing the visitor typed is lost.
  await visitor.getByRole("button", { name: "Send request" }).click();
  await expect(visitor.getByText("ZIP 7870 is not 5 digits.")).toBeVisible();
  await expect(visitor.getByLabel("Your name")).toHaveValue("Rosa Diaz");
  await expect(visitor.getByLabel("What's the problem?")).toHaveValue("Kitchen sink drains very slowly");
  await expect(consent).toBeChecked();
  await visitor.getByLabel("ZIP code").fill("78704");
  // People take more than the minimum fill time (3 s) from opening the page; so does this visitor.
  await visitor.waitForTimeout(3_000);
  await visitor.getByRole("button", { name: "Send request" }).click();
  await expect(visitor.getByRole("heading", { name: "Thank you — your request was sent" })).toBeVisible();
  await expect(visitor).toHaveURL(new RegExp(`/q/${DEMO.tenant}/sent$`));
  await expectAccessible(visitor, "request sent");
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.close();

  await signIn(page, DEMO.staff);
  const row = page.getByTestId("inbox-row").filter({ hasText: "Rosa Diaz" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Web form");
  await expect(row).toContainText(/due in 1[45] min/);
  await row.getByRole("link", { name: "Rosa Diaz" }).click();
  await expect(page.getByText("Reply to the web form inquiry").first()).toBeVisible();
  await expect(page.getByText(/Lead created \(web form, request form\); agreed to texts/)).toBeVisible();
  await signOut(page);

  await routeStandardTo(page, "Use the fallback");
});

test("the request form can be framed by the business's website; the app's pages cannot", async ({
  request,
}) => {
  const form = await request.get(`/q/${DEMO.tenant}?embed=1&accent=0f766e`);
  expect(form.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(form.headers()["x-frame-options"]).toBeUndefined();
  const signInPage = await request.get("/sign-in");
  expect(signInPage.headers()["x-frame-options"]).toBe("DENY");
});

test("staff add a call they took; a caller with an open lead is offered that lead instead", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.staff);
  await page.getByRole("link", { name: "Add lead" }).click();
  await expect(page.getByRole("heading", { name: "Add lead" })).toBeVisible();
  await expectAccessible(page, "add lead");
  // The visitor of the first test (the request form) already has an open lead.
  await page.getByLabel("Customer's name").fill("Rosa D.");
  await page.getByLabel("Phone number").fill("512-555-0188");
  await page.getByLabel("Phone number").press("Enter");
  await expect(
    page.getByRole("alert").filter({ hasText: "This caller already has an open lead (Rosa Diaz). Open it?" }),
  ).toBeFocused();
  await page.getByRole("link", { name: "Open it" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/leads/[^/]+$`));
  await expect(page.getByRole("heading", { name: "Rosa Diaz" })).toBeVisible();

  await signOut(page);

  // The owner adds a referral; the page asks who referred them, by name.
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads/new`);
  await page.getByLabel("Referral").check();
  await page.getByLabel("Customer's name").fill("Ken Referral");
  await page.getByLabel("Phone number").fill("512-555-0177");
  await page.getByRole("button", { name: "Add lead" }).click();
  await expect(page.getByText(/who referred them/)).toBeVisible();
  await page.getByLabel("Referred by").fill("Jim at Hill Hardware");
  await page.getByRole("button", { name: "Add lead" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/leads/[^/]+$`));
  await expect(page.getByRole("heading", { name: "Ken Referral" })).toBeVisible();
});
