// Web security as a browser meets it: the security headers on every kind of response, a strict
// CSP the app still works under (no violation while signing in and opening the inbox), and
// sign-in that never sends you off-site whatever `?next=` says.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn } from "./helpers";

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, what).not.toContain("unsafe-eval");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  // The e2e server runs on http: no HSTS there (it is only sent when PUBLIC_BASE_URL is https).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(msg.text()))
      violations.push(msg.text());
  });
  page.on("pageerror", (err) => violations.push(String(err)));
  return violations;
}

async function signInVia(page: Page, url: string, email = DEMO.staff) {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("every kind of response carries the security headers, with a fresh nonce each time", async ({
  request,
  page,
}) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  expectSecurityHeaders(first.headers(), "page");
  expect(first.headers()["content-security-policy"]).not.toBe(second.headers()["content-security-policy"]);
  // The page's own scripts carry the nonce of its header.
  const nonce = /'nonce-([^']+)'/.exec(first.headers()["content-security-policy"]!)![1]!;
  expect(await first.text()).toContain(`nonce="${nonce}"`);

  expectSecurityHeaders(
    (await request.post("/api/twilio/voice", { form: { CallSid: "CA1" } })).headers(),
    "webhook (403)",
  );
  expectSecurityHeaders((await request.get("/api/v1/leads")).headers(), "REST API (401)");
  expectSecurityHeaders((await request.get("/no-such-page")).headers(), "404");
  await page.goto("/sign-in");
  const script = await page.locator("script[src]").first().getAttribute("src");
  expectSecurityHeaders((await request.get(script!)).headers(), "static script");
});

test("the app works under its CSP: sign in and open the inbox without a single violation", async ({
  page,
}) => {
  const violations = collectCspViolations(page);
  await signInVia(page, "/sign-in");
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/leads$`));
  await expect(page.getByRole("heading", { name: "Inbox", exact: true })).toBeVisible();
  // Client-side navigation still works (scripts loaded through 'strict-dynamic').
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/notifications$`));
  expect(violations).toEqual([]);
});

for (const next of ["//evil.example", "/\\evil.example", "https://evil.example/x", "/.//evil.example"]) {
  test(`sign-in with next=${next} stays on this site`, async ({ page }) => {
    const offsite: string[] = [];
    page.on("request", (req) => {
      if (new URL(req.url()).hostname.includes("evil.example")) offsite.push(req.url());
    });
    await signInVia(page, `/sign-in?next=${encodeURIComponent(next)}`);
    await expect(page).not.toHaveURL(/sign-in/);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    expect(offsite).toEqual([]);
  });
}

test("sign-in with a next path on this site goes there", async ({ page }) => {
  await signInVia(page, `/sign-in?next=${encodeURIComponent(`/t/${DEMO.tenant}/notifications`)}`);
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/notifications$`));
});

test("an API key stops working when the owner who made it is removed, and the settings say who made it and why", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const coOwner = {
    name: "Rae Keymaker",
    email: `rae-${Date.now()}@example.test`,
    password: "rae-keymaker-password",
  };
  // The demo owner invites Rae as a second owner; Rae joins in a browser of their own.
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/settings/team`);
  await page.getByLabel("Email", { exact: true }).fill(coOwner.email);
  await page.getByLabel("Role", { exact: true }).selectOption("owner");
  await page.getByRole("button", { name: "Send invite" }).click();
  const link = await page.getByLabel("Invite link").inputValue();
  const rae = await browser.newContext();
  const raePage = await rae.newPage();
  await raePage.goto(link);
  await raePage.getByLabel("Your name").fill(coOwner.name);
  await raePage.getByLabel("Choose a password").fill(coOwner.password);
  await raePage.getByRole("button", { name: "Create account and join" }).click();
  await expect(raePage).toHaveURL(new RegExp(`/t/${DEMO.tenant}`));

  // Rae makes a key for an integration: only Rae ever sees its secret.
  await raePage.goto(`/t/${DEMO.tenant}/settings/api-keys`);
  await raePage.getByLabel("Key name").fill("Rae's Zapier");
  await raePage.getByRole("button", { name: "Create key" }).click();
  const secret = await raePage.getByLabel("New API key").inputValue();
  await rae.close();
  const leads = () =>
    request.get("/api/v1/leads?limit=1", { headers: { authorization: `Bearer ${secret}` } });
  expect((await leads()).status()).toBe(200);

  await page.goto(`/t/${DEMO.tenant}/settings/api-keys`);
  const row = page.getByRole("row").filter({ hasText: "Rae's Zapier" });
  await expect(row).toContainText(coOwner.name);

  // Rae leaves the business: the key is revoked with them.
  await page.goto(`/t/${DEMO.tenant}/settings/team`);
  await page.getByRole("button", { name: `Remove ${coOwner.name}` }).click();
  await page
    .getByRole("group", { name: `Confirm: Remove ${coOwner.name}` })
    .getByRole("button", { name: "Yes, remove" })
    .click();
  await expect(page.getByText(`${coOwner.name} was removed.`)).toBeVisible();
  expect((await leads()).status()).toBe(401);
  await page.goto(`/t/${DEMO.tenant}/settings/api-keys`);
  await expect(row).toContainText(`${coOwner.name}, who made it, was removed from the business`);
  // The business's own demo key keeps working.
  expect(
    (
      await request.get("/api/v1/leads?limit=1", {
        headers: { authorization: "Bearer lr_live_demo_key_for_local_use_only_0001" },
      })
    ).status(),
  ).toBe(200);
});
