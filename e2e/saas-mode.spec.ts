// SaaS mode as an agency operator and its business's owner meet it, end to end: the operator
// connects the agency's Stripe (the local fake's onboarding page), sets the brand and defines a plan,
// creates a business on it and invites the owner; the owner signs up from the invite, lands on the
// checklist without entering a card, and sees the agency's brand and plan (never LeadRescue's
// wholesale price), on the dashboard and on the public request form. The owner finishes setup and
// has the AI greet callers as the agency's assistant; calls (real signed Twilio webhooks) go past
// the included amount; the overage shows on the owner's usage and on the operator's margin table;
// Stripe (the fake) closes the month, and its invoice matches the margin table to the cent.
import { expect as baseExpect, test, type Page } from "@playwright/test";
import twilio from "twilio";
import { answerDial, hangUp, say, startCall, type Post } from "@/server/simulator/call-driver";
import { expectAccessible } from "./a11y";
import { DEMO, DEMO_PASSWORD } from "./helpers";

// A long chain of server round trips (the console loads several cards at once): a roomier wait per step.
const expect = baseExpect.configure({ timeout: 30_000 });
const AUTH_TOKEN = "dev-twilio-auth-token"; // local-mode default (README "Configuration")

function poster(baseURL: string): Post {
  return async (urlOrPath, form) => {
    const url = urlOrPath.startsWith("http") ? urlOrPath : `${baseURL}${urlOrPath}`;
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, form),
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: await res.text() };
  };
}

const usd = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/** This month in the business's time zone, as Stripe's renewal closes it (the 1st to the 1st). */
function thisMonth(timeZone: string) {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number];
  // Noon UTC on the 1st is the 1st in every US time zone.
  const start = Math.floor(Date.UTC(y, m - 1, 1, 12) / 1000);
  return { start, end: Math.floor(Date.UTC(y, m, 1, 12) / 1000) };
}

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

test("an operator connects Stripe, brands the agency, defines a plan and onboards a business whose owner sees the brand and plan; calls past the plan show as overage and the month's invoice matches the margin table", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(420_000);
  await signInAsOperator(page);
  await expect(page.getByRole("heading", { level: 1, name: "SaaS mode" })).toBeVisible();

  // Connect Stripe: the fake's onboarding page, then back to the console.
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page.getByRole("heading", { name: "Connect your Stripe account" })).toBeVisible();
  // The local Stripe fake's address and the agency's connected account, for closing the month later.
  const stripeFake = new URL(page.url()).origin;
  const connectedAccount = /acct_\w+/.exec((await page.locator("body").textContent()) ?? "")![0];
  await page.getByRole("button", { name: "Finish onboarding" }).click();
  await page.waitForURL((url) => url.pathname === "/agency/saas");
  await expect(page.getByTestId("stripe-connected")).toContainText("Stripe is ready");
  await expect(page.getByTestId("wholesale-price")).toContainText(
    "LeadRescue's wholesale price: $49.00 a business a month, $1.50 per billable AI-handled call and $0.03 per text",
  );

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
  await planForm.getByLabel("Included AI-handled calls a month").fill("2");
  await planForm.getByLabel("Included texts a month").fill("200");
  await planForm.getByLabel("Price per extra call ($)").fill("4.50");
  await planForm.getByLabel("Price per extra text ($)").fill("0.05");
  await planForm.getByLabel("Free trial (days)").fill("14");
  await planForm.getByRole("button", { name: "Add plan" }).click();
  await expect(page.getByTestId("plan-list")).toContainText(
    `Growth ${stamp} — $249.00 / month, 2 calls and 200 texts included`,
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
  await expect(owner.getByTestId("agency-plan-usage")).toContainText("0 of 2");
  await expect(owner.getByText("Free trial").first()).toBeVisible();
  const html = (await owner.content()).toLowerCase();
  expect(html).not.toContain("wholesale");
  expect(html).not.toContain("$49.00");
  await expect(owner.getByRole("button", { name: /Subscribe/ })).toHaveCount(0);
  await expectAccessible(owner, "owner billing on an agency plan");
  const slug = new URL(owner.url()).pathname.split("/")[2]!;

  // The public request form wears the agency's brand too.
  const form = await ownerContext.newPage();
  await form.goto(`/q/${slug}`);
  await expect(form.getByTestId("agency-brand")).toContainText("Demo Agency");
  await expect(form.getByRole("heading", { name: `Request a plumber from ${name}` })).toBeVisible();
  await expectAccessible(form, "request form under the agency's brand");
  await form.close();

  // The owner finishes setup: a tracking number, the plumber's phone, the service area, hours and a slot.
  const tracking = `+1737555${String(1000 + Math.floor(Math.random() * 8999))}`;
  await owner.goto(`/t/${slug}/settings/phone`);
  await owner.getByLabel("Tracking number", { exact: true }).fill(tracking);
  await owner.getByRole("button", { name: "Add number" }).click();
  // Listed as people write numbers: (737) 555-1234.
  await expect(owner.getByRole("list", { name: "Tracking numbers" })).toContainText(
    `(737) 555-${tracking.slice(-4)}`,
  );
  await owner.getByLabel("Plumber's phone").fill("737-555-0143");
  await owner.getByRole("button", { name: "Save phones" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await owner.goto(`/t/${slug}/settings/service-area`);
  await owner.getByLabel("All ZIPs within a radius").check();
  await owner.getByLabel("Miles").fill("5");
  await owner.getByLabel("Around ZIP").fill("78701");
  await owner.getByRole("button", { name: "Preview" }).click();
  await expect(owner.getByRole("list", { name: "ZIP codes found" })).toContainText("78701");
  await owner.getByRole("button", { name: /^Add \d+ selected ZIP codes$/ }).click();
  await expect(
    owner.getByRole("status").filter({ hasText: /Added \d+ ZIP codes to your service area/ }),
  ).toBeVisible();
  await owner.goto(`/t/${slug}/settings/hours`);
  await owner.getByRole("button", { name: "Save hours" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Business hours saved." })).toBeVisible();
  await owner.getByLabel("Day", { exact: true }).selectOption({ label: "Tuesday" });
  await owner.getByLabel("From", { exact: true }).fill("09:00");
  await owner.getByLabel("To", { exact: true }).fill("11:00");
  await owner.getByRole("button", { name: "Add slot" }).click();
  await expect(owner.getByRole("list", { name: "Booking slots" })).toContainText(
    "Tuesday 9:00 AM – 11:00 AM",
  );

  // The owner chooses to have the AI introduce itself as the agency's assistant.
  await owner.goto(`/t/${slug}/settings/business`);
  const greeting = owner.getByRole("form", { name: "Your agency on calls" });
  await expect(greeting.getByTestId("greeting-preview")).toContainText(
    "I'm the virtual assistant, and I can help",
  );
  await greeting.getByLabel("Have the AI introduce itself as the virtual assistant from Demo Agency").check();
  await expect(greeting.getByTestId("greeting-preview")).toContainText(
    `Hi, thanks for calling ${name}. Sorry we couldn't get to the phone. I'm the virtual assistant from Demo Agency`,
  );
  await greeting.getByRole("button", { name: "Save greeting" }).click();
  await expect(greeting.getByText("Greeting saved.")).toBeVisible();
  await expectAccessible(owner, "business settings with the greeting choice");

  // Three real calls the plumber misses (signed Twilio webhooks): the AI answers each, greeting as
  // the agency's assistant, and each caller gives a ZIP in the area — 3 billable calls, 2 included.
  const post = poster(baseURL!);
  for (let i = 0; i < 3; i++) {
    let call = await startCall(post, {
      from: `+1512555${String(7000 + Math.floor(Math.random() * 2000) + i)}`,
      to: tracking,
      isTest: false,
    });
    call = await answerDial(post, call, "no-answer");
    expect(
      call.lines
        .filter((l) => l.who === "agent")
        .map((l) => l.text)
        .join(" "),
    ).toContain(
      `Hi, thanks for calling ${name}. Sorry we couldn't get to the phone. I'm the virtual assistant from Demo Agency, and I can help get a plumber to you.`,
    );
    call = await say(post, call, "78701");
    await hangUp(post, call);
  }

  // The owner's usage: 3 of 2 calls, 1 extra at the plan's $4.50.
  await owner.goto(`/t/${slug}/settings/billing`);
  await expect(async () => {
    await owner.reload();
    await expect(owner.getByTestId("agency-plan-usage")).toContainText("3 of 2", { timeout: 8_000 });
  }).toPass({ timeout: 60_000 });
  await expect(owner.getByTestId("agency-plan-usage")).toContainText("1 extra");
  await expect(owner.getByTestId("agency-plan-usage")).toContainText("$4.50");
  await ownerContext.close();

  // The operator's margin table: the business on its plan with the overage (an estimate until Stripe invoices the month).
  await page.goto("/agency/saas");
  const margin = page.getByTestId("margin-table");
  const row = margin.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Estimate", { timeout: 30_000 });
  await expect(row).toContainText("3 / 2");
  await expect(row).toContainText("$4.50 (1 calls");
  await expect(row).toContainText(usd(24900 + 450));

  // Stripe closes the month on the agency's account (the fake's renewal): the draft invoice gets the
  // extra call and LeadRescue's fee, then is paid; the margin table then reads that invoice.
  const period = thisMonth("America/Chicago");
  const closed = await fetch(`${stripeFake}/_fake/accounts/${connectedAccount}/close-period`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ start: String(period.start), end: String(period.end) }).toString(),
  });
  expect(closed.status).toBe(200);
  const invoices = (await closed.json()) as {
    id: string;
    status: string;
    total: number;
    application_fee_amount: number | null;
    lines: { data: { amount: number; description: string | null }[] };
  }[];
  expect(invoices).toHaveLength(1);
  const invoice = invoices[0]!;
  expect(invoice.status).toBe("paid");
  expect(invoice.lines.data.map((l) => l.amount)).toContain(450); // 1 extra call × $4.50
  const fee = invoice.application_fee_amount!;
  expect(fee).toBeGreaterThan(0);
  // The fake delivers each event and waits for the app's answer before it returns: the invoice is synced.
  await page.reload();
  await expect(page.getByTestId("margin-table").getByRole("row").filter({ hasText: name })).toContainText(
    "Invoiced (1)",
    { timeout: 30_000 },
  );
  const invoiced = page.getByTestId("margin-table").getByRole("row").filter({ hasText: name });
  await expect(invoiced).toContainText(usd(invoice.total)); // revenue = the invoice's total
  await expect(invoiced).toContainText(usd(fee)); // wholesale = the application fee
  await expect(invoiced).toContainText(usd(invoice.total - fee)); // margin
  await expect(invoiced).toContainText("$4.50 (1 calls");
});

test("the SaaS console fits a 390 px phone", async ({ page }) => {
  await signInAsOperator(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { level: 1, name: "SaaS mode" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("an agency API key says when it was last used, in words", async ({ page }) => {
  await signInAsOperator(page);
  const name = `Books ${stamp}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("agency-key-secret").textContent())!.trim();
  const key = page.getByRole("listitem").filter({ hasText: name });
  await expect(key).toContainText("(never used)");
  const month = new Date().toISOString().slice(0, 7);
  const used = await page.request.get(`/api/v1/agency/billing?month=${month}`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(used.status()).toBe(200);
  await page.reload();
  await expect(key).toContainText(/\(last used (just now|1 min ago)\)/);
});
