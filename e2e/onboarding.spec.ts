// Onboarding as an owner meets it in the browser: sign up, complete the setup
// checklist, invite office staff who accept and sign in; plus the clear messages on the way.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "./helpers";

const stamp = Date.now().toString(36);

// The owner's sidebar is taller than 720 px and does not scroll (components/app-shell.tsx), so
// "Sign out" would be out of reach in the default viewport.
test.use({ viewport: { width: 1280, height: 1100 } });

async function nav(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("a new owner signs up, completes the checklist, and invites staff who join and sign in", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = {
    name: "Olivia Owner",
    email: `olivia-${stamp}@onboarding.test`,
    password: "olivia-password-1",
  };
  const staff = {
    name: "Casey Staff",
    email: `casey-${stamp}@onboarding.test`,
    password: "casey-password-1",
  };
  const business = `Olivia's Pipes ${stamp}`;

  // Sign up → lands on the checklist, nothing done, the AI off.
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Work email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Business name").fill(business);
  await page.getByLabel("Time zone").selectOption("America/Denver");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/t\/olivia-s-pipes-[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByText("1 of 6 done")).toBeVisible();
  await expect(
    page.getByText("The AI is not answering calls yet: set up your tracking number"),
  ).toBeVisible();

  // Phone numbers: a bad number is refused inline, a number of another business is refused, then ours.
  await page.getByRole("link", { name: "Set up Tracking number", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Phone numbers" })).toBeVisible();
  await page.getByLabel("Tracking number", { exact: true }).fill("12345");
  await page.getByRole("button", { name: "Add number" }).click();
  await expect(page.getByText('"12345" is not a valid phone number')).toBeVisible();
  await expect(page.getByLabel("Tracking number", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Tracking number", { exact: true }).fill("+15125550100"); // Demo Plumbing's number
  await page.getByRole("button", { name: "Add number" }).click();
  await expect(page.getByText("can't be added as a tracking number")).toBeVisible();
  await page.getByLabel("Tracking number", { exact: true }).fill("(720) 555-0142");
  await page.getByLabel("Label (optional)").fill("Main line");
  await page.getByRole("button", { name: "Add number" }).click();
  const numbers = page.getByRole("list", { name: "Tracking numbers" });
  await expect(numbers).toContainText("(720) 555-0142");
  await expect(numbers).toContainText("Main line");
  await page.getByLabel("Plumber's phone").fill("720-555-0143");
  await page.getByRole("button", { name: "Save phones" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Service area by radius: preview shows the cities, then add them.
  await nav(page, "Service area");
  await page.getByLabel("All ZIPs within a radius").check();
  await page.getByLabel("Miles").fill("5");
  await page.getByLabel("Around ZIP").fill("78701");
  await page.getByRole("button", { name: "Preview" }).click();
  const found = page.getByRole("list", { name: "ZIP codes found" });
  await expect(found).toContainText("78701");
  await expect(found).toContainText("Austin, TX");
  await page.getByRole("button", { name: /^Add \d+ selected ZIP codes$/ }).click();
  await expect(
    page.getByRole("status").filter({ hasText: /Added \d+ ZIP codes to your service area/ }),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: "ZIP codes in your service area" })).toContainText("78701");
  await page.getByLabel("Search ZIP or city").fill("78702");
  await expect(
    page.getByRole("table", { name: "ZIP codes in your service area" }).getByRole("row"),
  ).toHaveCount(2);

  // Hours (in the business's time zone) and one booking slot.
  await nav(page, "Hours & booking slots");
  // The zone as people name it, as the pickers say it; stored as the IANA zone.
  await expect(
    page.getByRole("heading", { level: 1 }).locator("..").getByText("Mountain Time — Denver"),
  ).toBeVisible();
  await expect(page.getByText("America/Denver")).toHaveCount(0);
  await expect(page.getByLabel("Open on Monday")).toBeChecked();
  await page.getByRole("button", { name: "Save hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Business hours saved." })).toBeVisible();
  await page.getByLabel("Day", { exact: true }).selectOption({ label: "Tuesday" });
  await page.getByLabel("From", { exact: true }).fill("09:00");
  await page.getByLabel("To", { exact: true }).fill("11:00");
  await page.getByRole("button", { name: "Add slot" }).click();
  await expect(page.getByRole("list", { name: "Booking slots" })).toContainText("Tuesday 9:00 AM – 11:00 AM");

  // The checklist is complete: "setup complete", the first half of the service gate.
  await nav(page, "Overview");
  await expect(page.getByText("6 of 6 done")).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Setup checklist" }).getByText("Setup complete"),
  ).toBeVisible();
  await expect(page.getByText("Setup is not complete")).toHaveCount(0);
  // Every new business starts on the free trial: with setup complete, the AI answers calls.
  await expect(page.getByText(/The AI answers missed calls right now: free trial until/)).toBeVisible();

  // Invite a staff member and copy the link.
  await nav(page, "Team");
  await page.getByLabel("Email", { exact: true }).fill(staff.email);
  await page.getByLabel("Role", { exact: true }).selectOption("staff");
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByText(`Invite created for ${staff.email}.`)).toBeVisible();
  const link = await page.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByRole("list", { name: "Pending invites" })).toContainText(staff.email);
  await signOut(page);

  // The invited person accepts in the same browser and lands in the business as staff.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${business}` })).toBeVisible();
  await expect(page.getByText("as staff")).toBeVisible();
  await page.getByLabel("Your name").fill(staff.name);
  await page.getByLabel("Choose a password").fill(staff.password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  // Staff land on the inbox, where their work is.
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/leads$`));
  await expect(page.getByText("Your role: staff")).toBeVisible();

  // Staff get a friendly "no permission" state, not a crash, where the role map refuses them.
  await page.goto(`/t/${slug}/settings/api-keys`);
  await expect(page.getByText("You don't have permission to manage API keys.")).toBeVisible();
  await page.goto(`/t/${slug}/settings/phone`);
  await expect(page.getByRole("note")).toContainText("only an owner or manager can change them");
  await expect(page.getByRole("button", { name: "Add number" })).toHaveCount(0);

  // The link works once; the staff member signs in with their own password.
  await signOut(page);
  await page.goto(link);
  await expect(
    page.getByRole("alert").filter({ hasText: "This invite was already used. Sign in instead." }),
  ).toBeVisible();
  await signIn(page, staff.email, staff.password);
  await expect(page).toHaveURL(new RegExp(`/t/${slug}(/leads)?$`));
  await expect(page.getByText("Your role: staff")).toBeVisible();
});

test("invalid and unknown ZIP codes get a clear message and nothing is added", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/settings/service-area`);
  await page.getByLabel("Paste a list").check();
  await page.getByLabel("ZIP codes", { exact: true }).fill("78701, 9021\n00000 78799");
  await page.getByRole("button", { name: "Preview" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "not usable ZIP codes" });
  await expect(problems).toContainText("ZIP 9021 is not 5 digits.");
  await expect(problems).toContainText("ZIP 00000 is not a known US ZIP code.");
  // 78701 is already served by Demo Plumbing: shown, but not offered again.
  await expect(page.getByRole("list", { name: "ZIP codes found" })).toContainText("already in your area");

  await page.getByLabel("One ZIP code").check();
  await page.getByLabel("ZIP code", { exact: true }).fill("1234");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("ZIP 1234 is not 5 digits.")).toBeVisible();
  await expect(page.getByLabel("ZIP code", { exact: true })).toHaveAttribute("aria-invalid", "true");
});

test("a made-up invite link says it is not valid", async ({ page }) => {
  await page.goto("/invite/not-a-real-invite-token-at-all");
  await expect(page.getByRole("heading", { name: "This invite can't be used" })).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "This invite link is not valid. Ask for a new one." }),
  ).toBeVisible();
});

test("repeated wrong passwords are rate limited, even for the right password", async ({ page }) => {
  const email = `locked-${stamp}@onboarding.test`;
  const res = await page.request.post("/api/trpc/account.signUp", {
    data: {
      json: {
        name: "Lou Locked",
        email,
        password: "right-password-1",
        businessName: `Locked Pipes ${stamp}`,
        timeZone: "America/Chicago",
      },
    },
  });
  expect(res.ok()).toBe(true);
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  }
  await page.getByLabel("Password").fill("right-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("wrong passwords sent with a different X-Real-IP or X-Forwarded-For each time are still limited: the address is the connection's", async ({
  page,
}) => {
  const email = `spoof-${stamp}@onboarding.test`;
  const res = await page.request.post("/api/trpc/account.signUp", {
    data: {
      json: {
        name: "Sam Spoof",
        email,
        password: "right-password-1",
        businessName: `Spoofed Pipes ${stamp}`,
        timeZone: "America/Chicago",
      },
    },
  });
  expect(res.ok()).toBe(true);
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.setExtraHTTPHeaders({
      "x-real-ip": `203.0.113.${i + 1}`,
      "x-forwarded-for": `198.51.100.${i + 1}`,
    });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  }
  await page.setExtraHTTPHeaders({ "x-real-ip": "203.0.113.99", "x-forwarded-for": "198.51.100.99" });
  await page.getByLabel("Password").fill("right-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the setup and account pages fit the screen, and the menu opens with the grouped navigation", async ({
    page,
  }) => {
    await signIn(page, DEMO.owner);
    await page.getByRole("button", { name: "Menu" }).click();
    const main = page.getByRole("navigation", { name: "Main" });
    for (const section of ["Work", "Setup", "Account"])
      await expect(main.getByRole("heading", { name: section, exact: true })).toBeVisible();
    await expect(main.getByRole("link", { name: "Local outbox" })).toBeVisible();
    await expect(page.getByText("LeadRescue", { exact: true }).filter({ visible: true })).toHaveCount(1);
    const paths = [
      "",
      "/settings/phone",
      "/settings/service-area",
      "/settings/hours",
      "/settings/routing",
      "/settings/team",
      "/settings/billing",
      "/settings/api-keys",
      "/settings/audit",
      "/settings/business",
      "/simulator",
      "/dev/outbox",
    ];
    for (const path of paths) {
      await page.goto(`/t/${DEMO.tenant}${path}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path || "/"} is ${width}px wide`).toBeLessThanOrEqual(390);
    }
  });
});

test("Hill Country Plumbing has its own owner on the Team page, who can sign in", async ({ page }) => {
  await signIn(page, DEMO.operator);
  await page.goto(`/t/${DEMO.secondTenant}/settings/team`);
  await expect(page.getByRole("list", { name: "Team members" })).toContainText(
    "owner@hill-country-plumbing.test",
  );
  await signOut(page);
  await signIn(page, "owner@hill-country-plumbing.test");
  await expect(page.getByText("Your role: owner")).toBeVisible();
  await expect(page.getByText("Hill Country Plumbing").first()).toBeVisible();
});
