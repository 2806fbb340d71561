// The reports page in the browser: figures with the previous period, a period change, the CSV
// download checked row by row, each figure opening the inbox with exactly its leads, staff's own
// numbers, and no serious accessibility violations.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// Each test signs in, loads reports and runs axe: generous on a busy machine.
test.setTimeout(180_000);

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("an owner opens Reports, changes the period and downloads the CSV with the same figures", async ({
  page,
}) => {
  await signIn(page, DEMO.owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible({ timeout: 30_000 });
  // The first report after a cold start compiles its queries: give it time.
  await expect(page.getByTestId("report-period")).toContainText("Central Time — Chicago", {
    timeout: 30_000,
  });
  // The demo inbox has leads from this morning: this month has some.
  await expect(page.getByTestId("figure-leads")).not.toHaveText("0");
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Period", { exact: true }).selectOption("last_month");
  const monthName = new Intl.DateTimeFormat("en-US", {
    month: "long",
    year: "numeric",
    timeZone: "America/Chicago",
  });
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  await expect(page.getByTestId("report-period")).toContainText(monthName.format(lastMonth), {
    timeout: 30_000,
  });
  // The demo's calls are from the last two days: from the 3rd on, last month and the one before
  // have none, and the page says so once (the business has leads, so no setup hints), not with a
  // wall of zeros.
  const today = Number(
    new Intl.DateTimeFormat("en-US", { day: "numeric", timeZone: "America/Chicago" }).format(now),
  );
  if (today > 2) {
    await expect(page.getByTestId("report-empty")).toContainText(
      "No calls or leads in this period or the one before.",
    );
    await expect(page.getByTestId("report-empty").getByRole("link")).toHaveCount(0);
  }
  await page.getByLabel("Period", { exact: true }).selectOption("this_month");
  await expect(page.getByTestId("figure-leads")).not.toHaveText("0", { timeout: 30_000 });
  const leadsShown = (await page.getByTestId("figure-leads").textContent())!.trim();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, "utf8")).split("\r\n");
  expect(csv[0]).toBe("period,first_day,last_day,section,figure,key,unit,value,previous_value");
  const leadsRow = csv.find((line) => line.includes(",kpis,Leads,leads,count,"));
  expect(leadsRow).toBeDefined();
  expect(leadsRow!.split(",")[7]).toBe(leadsShown.replace(/,/g, ""));
  expect(
    csv.some((line) =>
      line.includes(",missed_leads,Missed calls (the plumber did not answer),missedCalls,count,"),
    ),
  ).toBe(true);

  // A custom range backwards is refused, naming the field.
  await page.getByLabel("Period", { exact: true }).selectOption("custom");
  await page.getByLabel("First day").fill("2026-03-10");
  await page.getByLabel("Last day").fill("2026-03-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "The last day comes before the first day" }),
  ).toBeVisible();
});

test("a new owner's Reports page is one empty state that says what will show and how to get the first call", async ({
  page,
}) => {
  const stamp = Date.now();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Remy Reports");
  await page.getByLabel("Work email").fill(`remy-${stamp}@example.test`);
  await page.getByLabel("Password").fill("a-long-password-for-remy");
  await page.getByLabel("Business name").fill(`Remy's Rooter ${stamp}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/t\/remy-s-rooter-[a-z0-9-]+$/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/")[2]!;

  await page.goto(`/t/${slug}/reports`);
  const empty = page.getByTestId("report-empty");
  await expect(empty).toBeVisible({ timeout: 30_000 });
  await expect(empty.getByRole("heading", { name: "No calls or leads to report yet." })).toBeVisible();
  await expect(empty).toContainText("missed calls the AI rescued");
  // No wall of zero tiles, charts or tables.
  await expect(page.getByTestId("figures-missed_leads")).toHaveCount(0);
  await expect(page.getByTestId("figures-kpis")).toHaveCount(0);
  await expect(page.getByTestId("funnel-table")).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
  // How the first call comes in: the setup checklist and a test call.
  await expect(empty.getByRole("link", { name: "see the setup checklist" })).toHaveAttribute(
    "href",
    `/t/${slug}`,
  );
  await empty.getByRole("link", { name: "Test your flow" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/simulator$`));
});

test("the demo's report agrees with itself: every phone lead is a call, and the funnel never widens", async ({
  page,
}) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/reports`);
  const calls = page.getByTestId("figure-calls");
  await expect(calls).toHaveText(/^\d+$/, { timeout: 30_000 });
  const phoneRow = page
    .getByTestId("source-table")
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "Phone", exact: true }) });
  // The cells: source, then leads.
  const phoneLeads = Number((await phoneRow.getByRole("cell").nth(1).innerText()).replace(/\D/g, ""));
  expect(phoneLeads).toBeGreaterThan(0);
  expect(Number(await calls.textContent())).toBeGreaterThanOrEqual(phoneLeads);
  const funnel = page.getByTestId("funnel-table");
  await page
    .getByRole("figure", { name: /Funnel/ })
    .getByText("Show the numbers as a table")
    .click();
  const stages = await funnel
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => Number(r.querySelector("td")?.textContent)));
  expect(stages).toHaveLength(4);
  expect(stages[0]).toBe(Number(await page.getByTestId("figure-leads").textContent()));
  for (let i = 1; i < stages.length; i++) expect(stages[i]).toBeLessThanOrEqual(stages[i - 1]!);

  // The overview knows calls came in.
  await page.goto(`/t/${DEMO.tenant}`);
  await expect(page.getByTestId("ai-status")).toContainText("reach LeadRescue: the first arrived on", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("ai-status")).not.toContainText("no real call has come in yet");
});

test("each figure opens the inbox with exactly the leads it counts", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/reports`);
  await expect(page.getByTestId("report-period")).toContainText("Central Time — Chicago", {
    timeout: 30_000,
  });
  // The demo's month: calls the AI rescued, a web form request, a referral, a booked visit.
  expect(Number(await page.getByTestId("figure-aiRescuedCalls").textContent())).toBeGreaterThan(0);
  for (const key of ["leads", "calls", "missedCalls", "aiRescuedCalls", "booked"]) {
    await page.goto(`/t/${DEMO.tenant}/reports`);
    const figure = page.getByTestId(`figure-${key}`);
    await expect(figure).toHaveText(/^\d+$/, { timeout: 30_000 });
    const n = Number(await figure.textContent());
    await page.getByTestId(`figure-link-${key}`).click();
    await expect(page).toHaveURL(new RegExp(`/leads\\?.*figure=${key}`));
    await expect(page.getByTestId("inbox-figure-note")).toBeVisible();
    if (n === 0) await expect(page.getByText("No leads match these filters.")).toBeVisible();
    else await expect(page.getByTestId("inbox-row")).toHaveCount(n, { timeout: 30_000 });
    // The inbox's own counts add up to the same number.
    const counts = await page.getByTestId("group-count").locator("span.tabular-nums").allTextContents();
    expect(counts.reduce((sum, c) => sum + Number(c), 0)).toBe(n);
  }
});

test("staff see their own leads' numbers", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByTestId("report-period")).toContainText("These are your own leads' numbers.", {
    timeout: 30_000,
  });
  await expectNoSeriousAxeViolations(page);
});

test("an owner records a booked lead's outcome in one click each, and Reports counts it", async ({
  page,
}) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page
    .getByTestId("inbox-row")
    .filter({ hasText: "Priya Patel" })
    .getByRole("link", { name: "Priya Patel" })
    .click();
  const card = page.getByRole("region", { name: "Visit outcome" });
  // Her visit is tomorrow: a show before it is refused until "It happened early" is ticked.
  await card.getByRole("button", { name: "Customer was there" }).click();
  await expect(card.getByText("The visit has not happened yet.")).toBeVisible();
  await expect(card.getByTestId("outcome-now")).toHaveText("Visit: not recorded · Job: not recorded");
  await card.getByLabel("It happened early (the plumber already went)").check();
  await card.getByRole("button", { name: "Customer was there" }).click();
  await expect(card.getByText("Recorded: Customer was there.")).toBeVisible();
  await card.getByLabel("Job value ($, optional)").fill("12x");
  await card.getByRole("button", { name: "Won" }).click();
  await expect(card.getByText("Enter the job value in dollars, like 1250 or 1,250.50.")).toBeVisible();
  await card.getByLabel("Job value ($, optional)").fill("1,250");
  await card.getByRole("button", { name: "Won" }).click();
  await expect(card.getByTestId("outcome-now")).toHaveText(
    "Visit: Customer was there · Job: Job won ($1,250.00)",
  );
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/t/${DEMO.tenant}/reports`);
  await expect(page.getByTestId("figure-won")).not.toHaveText("0", { timeout: 30_000 });
  await expect(page.getByTestId("figure-wonValueCents")).not.toHaveText("$0.00");
});

test("the printable monthly report shows the month's figures, and a bad month says what to fix", async ({
  page,
}) => {
  await signIn(page, DEMO.owner);
  const month = new Date().toISOString().slice(0, 7);
  await page.goto(`/t/${DEMO.tenant}/reports/print?month=${month}`);
  await expect(
    page.getByRole("heading", { name: "Demo Plumbing: missed-lead report", level: 1 }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByRole("rowheader", { name: "Missed calls (the plumber did not answer)" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.goto(`/t/${DEMO.tenant}/reports/print?month=2026-13`);
  await expect(page.getByRole("alert").filter({ hasText: "There is no month “2026-13”" })).toBeVisible();
  // Without a month: this month so far.
  await page.goto(`/t/${DEMO.tenant}/reports/print`);
  await expect(
    page.getByRole("heading", { name: "Demo Plumbing: missed-lead report", level: 1 }),
  ).toBeVisible({ timeout: 30_000 });
});
