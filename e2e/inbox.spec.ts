// The office works the inbox: the queue in priority order, accepting a
// handoff with the four confirmations, rejecting one with a missing-data reason, closing one
// with a reason code.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./helpers";

test("staff work the queue in order: emergency first, then high, booked confirmations, follow-up needed", async ({
  page,
}) => {
  await signIn(page, DEMO.staff);
  // Staff land on the inbox after sign-in, not on the setup overview.
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO.tenant}/leads$`));
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await expect(page.getByTestId("time-zone-note")).toHaveText(/^Times in Central Time — Chicago \(C[SD]T\)$/);
  // Group counts are a plain summary, not controls.
  await expect(page.getByRole("region", { name: "Leads per queue group" }).getByRole("button")).toHaveCount(
    0,
  );
  const rows = page.getByTestId("inbox-row");
  await expect(rows.first()).toContainText("Maria Lopez");
  const names = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ""));
  const order = ["Maria Lopez", "James Carter", "Priya Patel", "Tom Nguyen"].map((n) =>
    names.findIndex((t) => t.includes(n)),
  );
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  // Staff see their own leads and the inbox, not the owner's; test calls are not in the real queue.
  expect(names.some((t) => t.includes("Linda Brooks"))).toBe(false);
  expect(names.some((t) => t.includes("Test Caller"))).toBe(false);
  // Phone numbers dial.
  await expect(
    rows.filter({ hasText: "Maria Lopez" }).getByRole("link", { name: "(512) 555-0143" }),
  ).toHaveAttribute("href", "tel:+15125550143");
  await expect(rows.filter({ hasText: "Maria Lopez" }).getByText("Overdue", { exact: true })).toBeVisible();
  // What still keeps a lead with intake, in plain words; Sam's own lead waits for "you", not for Sam's name.
  await expect(rows.filter({ hasText: "Maria Lopez" }).getByTestId("handoff-waiting")).toHaveText(
    "Waiting for you to accept",
  );
  await expect(page.getByText("Belongs to intake")).toHaveCount(0);
  await expect(page.getByText("urgency ?")).toHaveCount(0);
});

test("the inbox fits a 390px phone: the right column wraps under the lead", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.staff);
  await expect(page.getByTestId("inbox-row").first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test("a lead that does not exist is a page state with a way back, not a red banner with Try again", async ({
  page,
}) => {
  await signIn(page, DEMO.staff);
  await page.goto(`/t/${DEMO.tenant}/leads/does-not-exist`);
  await expect(page.getByRole("heading", { name: "This lead was not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the inbox" }).click();
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
});

test("staff opening the stale-leads and routing pages get the no-permission note", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.goto(`/t/${DEMO.tenant}/leads/stale`);
  await expect(page.getByText("You don't have permission to close stale leads.")).toBeVisible();
  await page.goto(`/t/${DEMO.tenant}/settings/routing`);
  await expect(page.getByText("You don't have permission to change lead routing.")).toBeVisible();
  await expect(page.getByText("Could not load this")).toHaveCount(0);
});

test("test calls show only under the Test calls filter, where the owner clears them", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  const rows = page.getByTestId("inbox-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: "Test Caller" })).toHaveCount(0);
  await page.getByLabel("Test calls").check();
  await expect(rows.filter({ hasText: "Test Caller" }).getByText("Test", { exact: true })).toBeVisible();
  await expect(rows.filter({ hasText: "Maria Lopez" })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear test calls" }).click();
  await page.getByRole("button", { name: "Yes, clear test calls" }).click();
  await expect(page.getByText(/^Cleared \d+ test calls?\.$/)).toBeVisible();
  await expect(rows.filter({ hasText: "Test Caller" })).toHaveCount(0);
});

test("staff accept a handoff with one click after reading the four acceptance points", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page.getByTestId("inbox-row").filter({ hasText: "Maria Lopez" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Maria Lopez" })).toBeVisible();
  // The record: evidence quotes, the call path and the transcript turn by turn.
  await expect(
    page
      .getByText("“a pipe burst under my kitchen sink and there's water all over the floor”")
      .filter({ visible: true }),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Call path" })).toContainText("Rang plumber");
  await expect(page.getByRole("list", { name: "Call path" })).toContainText("Missed");
  await expect(page.getByRole("list", { name: "Transcript" }).getByRole("listitem")).toHaveCount(7);
  // The transcript is shown once: no excerpt field beside the full turns.
  await expect(page.getByText("Transcript excerpt")).toHaveCount(0);
  await expect(page.getByTestId("time-zone-note")).toHaveText(/^Times in Central Time — Chicago/);
  await expect(page.getByRole("list", { name: "Missing for handoff" })).toContainText(
    "You accept it (below)",
  );

  const accept = page.getByRole("form", { name: "Accept handoff" });
  await expect(accept.getByRole("list", { name: "Acceptance points" }).getByRole("listitem")).toHaveText([
    "✓I saw the notes",
    "✓I understand the promised next step",
    "✓I know the deadline",
    "✓The record has enough context to move without re-asking basic questions",
  ]);
  await accept.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(page.getByText(/Handed off: you accepted/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(
    "Handoff accepted (all four acceptance points confirmed)",
  );
});

test("staff reject an incomplete handoff with a missing-data reason: it goes back to intake", async ({
  page,
}) => {
  await signIn(page, DEMO.staff);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page.getByTestId("inbox-row").filter({ hasText: "James Carter" }).getByRole("link").first().click();
  await page.getByRole("button", { name: "Reject…" }).click();
  const reject = page.getByRole("form", { name: "Reject handoff" });
  await reject.getByRole("button", { name: "Reject handoff" }).click();
  await expect(reject.getByText("Say which field is missing.")).toBeVisible();
  await reject.getByLabel("Missing field").selectOption({ label: "service address or market" });
  await reject.getByLabel("What is missing or wrong").fill("No street address, only the ZIP");
  await reject.getByRole("button", { name: "Reject handoff" }).click();
  await expect(page).toHaveURL(/\/leads\?notice=rejected$/);
  await expect(page.getByText("Handoff rejected: the lead went back to intake")).toBeVisible();
  // Back with intake (the owner, by the routing rule): out of Sam's inbox, the reason on its timeline.
  await expect(page.getByTestId("inbox-row").filter({ hasText: "James Carter" })).toHaveCount(0);
  await signOut(page);
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page.getByTestId("inbox-row").filter({ hasText: "James Carter" }).getByRole("link").first().click();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(
    "Handoff rejected — missing service address or market: “No street address, only the ZIP”",
  );
  // The page says what intake must fix, never "waiting to accept".
  await expect(page.getByTestId("handoff-rejected")).toContainText("Sam Staff rejected the handoff");
  await expect(page.getByTestId("handoff-rejected")).toContainText("missing service address or market");
  await expect(page.getByText(/Waiting for .* to accept/)).toHaveCount(0);
});

test("staff close a lead with a reason code and it leaves the queue", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page.getByTestId("inbox-row").filter({ hasText: "Maria Lopez" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Maria Lopez" })).toBeVisible();
  await page.getByLabel("Close reason").selectOption({ label: "Duplicate" });
  await page.getByLabel("Note (optional)").fill("Same job as the call on Monday");
  await page.getByRole("button", { name: "Close lead" }).click();
  await expect(page.getByText("Closed — no handoff needed.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(
    "Closed: Duplicate — Same job as the call on Monday",
  );
  // A closed lead offers reopening only, not the status menu.
  await expect(page.getByLabel("Change status to")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reopen as follow-up needed" })).toBeVisible();
  await page.getByRole("link", { name: "← Inbox" }).click();
  await expect(page.getByTestId("inbox-row").first()).toBeVisible();
  await expect(page.getByTestId("inbox-row").filter({ hasText: "Maria Lopez" })).toHaveCount(0);
});

test("an owner takes over a lead waiting on someone else and accepts it in one step", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page.getByTestId("inbox-row").filter({ hasText: "Tom Nguyen" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Tom Nguyen" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Accept handoff" })).toHaveCount(0);
  await page.getByRole("button", { name: "Take over and accept" }).click();
  await expect(page.getByText(/Handed off: you accepted/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(
    /Taken over from .+ by Dana Owner/,
  );
});

test("on a 390 px phone every row shows when the lead came in, whole", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  const received = page.getByTestId("inbox-row-received");
  await expect(received.first()).toBeVisible({ timeout: 30_000 });
  const lines = await received.evaluateAll((els) =>
    els.map((el) => {
      const time = el.querySelector("time")!.getBoundingClientRect();
      const line = el.getBoundingClientRect();
      return {
        text: el.textContent ?? "",
        fits: el.scrollWidth <= el.clientWidth + 1 && time.right <= line.right + 1 && time.width > 0,
      };
    }),
  );
  expect(lines.length).toBeGreaterThan(3);
  for (const l of lines) {
    expect(l.text).toContain("received ");
    expect(l.fits, l.text).toBe(true);
  }
});

test("a booked lead's page lists confirming the visit in its tasks, and offers slots written like every other time", async ({
  page,
}) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page.getByTestId("inbox-row").filter({ hasText: "Priya Patel" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Priya Patel" })).toBeVisible();
  // The tasks never say "no tasks" while the next action is due.
  const tasks = page.getByRole("region", { name: "Tasks" });
  await expect(tasks.getByTestId("next-action-task")).toContainText(
    "Confirm the appointment with the customer",
  );
  await expect(tasks.getByTestId("next-action-task")).toContainText(
    /Next action · due \w{3}, \w{3} \d+, \d+:\d\d [AP]M/,
  );
  await expect(tasks.getByText("No tasks on this lead.")).toHaveCount(0);
  await expect(tasks.getByText("No other tasks.")).toBeVisible();
  // Booking slots read as the rest of the app's times ("Wed, Dec 9, 9:00 AM"), not the AI's "tomorrow at 9 AM".
  const book = page.getByRole("region", { name: "Book appointment" });
  const slots = await book
    .getByRole("radio")
    .evaluateAll((els) => els.map((e) => e.closest("label")?.textContent?.trim() ?? ""));
  expect(slots.length).toBeGreaterThan(1);
  for (const slot of slots.filter((s) => s !== "Custom time"))
    expect(slot).toMatch(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d [AP]M$/);
});
