// Every page, as an owner, office staff and an agency operator would open it, at 1280 px and on a
// 390 px phone: no serious or critical accessibility violation (axe-core). On a touch phone every
// control a finger taps is at least 44×44 px.
import { expect, test, type Page } from "@playwright/test";
import { AXE_CHECK, expectAccessible, expectNoFindings, TAP_CHECK, type PageCheck } from "./a11y";
import { DEMO, signIn } from "./helpers";

const T = `/t/${DEMO.tenant}`;
const OWNER_PAGES = [
  "",
  "/leads",
  "/leads/stale",
  "/routines",
  "/notifications",
  "/simulator",
  "/qa",
  "/settings/phone",
  "/settings/service-area",
  "/settings/hours",
  "/settings/routing",
  "/settings/team",
  "/settings/billing",
  "/settings/api-keys",
  "/settings/audit",
  "/settings/business",
  "/settings/messaging",
  "/dev/outbox",
  "/dev/messages",
];
const STAFF_PAGES = [
  "",
  "/leads",
  "/routines",
  "/notifications",
  "/settings/phone",
  "/settings/hours",
  "/settings/messaging",
];

/**
 * Visits every page and reports all findings at once (not only the first page's). A path is in the
 * business (`/leads`) unless it is the agency console's own (`/agency…`).
 */
async function visitAll(page: Page, paths: string[], who: string, check: PageCheck = AXE_CHECK) {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path.startsWith("/agency") ? path : `${T}${path}`);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    // Let client data load: the filled page is what people use.
    await page.waitForLoadState("networkidle");
    found.push(...(await check.find(page, `${who} ${path || "/"}`)));
  }
  expectNoFindings(found, check);
}

async function firstLeadPath(page: Page): Promise<string> {
  await page.goto(`${T}/leads`);
  const href = await page.getByTestId("inbox-row").first().getByRole("link").first().getAttribute("href");
  return href!.replace(T, "");
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });
    test.setTimeout(600_000);

    test("signed-out pages", async ({ page }) => {
      for (const path of ["/sign-in", "/sign-up"]) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
    });

    test("every page an owner opens", async ({ page }) => {
      await signIn(page, DEMO.owner);
      await visitAll(page, [...OWNER_PAGES, await firstLeadPath(page)], "owner");
    });

    test("every page office staff open", async ({ page }) => {
      await signIn(page, DEMO.staff);
      await visitAll(page, [...STAFF_PAGES, await firstLeadPath(page)], "staff");
    });

    test("the agency console and a business as an operator", async ({ page }) => {
      await signIn(page, DEMO.operator);
      await expect(page).toHaveURL(/\/agency$/);
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, "operator /agency");
      await visitAll(page, ["", "/settings/billing", "/settings/audit"], "operator");
    });
  });
}

// Every page each kind of user opens: the owner's, office staff's (the inbox, their day, the setup
// pages they may read) and the agency operator's console.
const TOUCH_WALKS: { who: string; email: string; paths: (page: Page) => Promise<string[]> }[] = [
  {
    who: "owner",
    email: DEMO.owner,
    paths: async (page) => [...OWNER_PAGES, "/reports", "/settings/calendar", await firstLeadPath(page)],
  },
  {
    who: "staff",
    email: DEMO.staff,
    paths: async (page) => [
      ...STAFF_PAGES,
      "/leads/new",
      "/reports",
      "/settings/service-area",
      "/settings/call-answers",
      "/settings/follow-ups",
      "/settings/calendar",
      "/settings/account",
      await firstLeadPath(page),
    ],
  },
  {
    who: "operator",
    email: DEMO.operator,
    paths: async () => ["/agency", "/agency/reports", "/agency/saas"],
  },
];

test.describe("on a touch phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test.setTimeout(600_000);

  for (const { who, email, paths } of TOUCH_WALKS) {
    test(`every control on the ${who}'s pages is at least 44×44 px to tap`, async ({ page }) => {
      await signIn(page, email);
      expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true);
      await visitAll(page, await paths(page), who, TAP_CHECK);
    });
  }
});
