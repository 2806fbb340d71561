// One lead from start to finish, in the order people meet it: a visitor asks for a plumber on the
// business's request form from a phone; the office sees the web form lead in the inbox, due within
// 15 minutes; its first follow-up text waits in the approval queue; the owner approves it and it
// reaches the local Twilio fake (delivered); the caller texts back (a signed POST to
// /api/twilio/sms), which stops the sequence, says why on the timeline and moves the lead up the queue;
// the office calls back and nobody answers: logging the call completes "Answer the caller's text" and
// the page and the inbox show the next call attempt with its due time.
import { expect, test } from "@playwright/test";
import {
  DEMO,
  inboxOrder,
  requestFormOnPhone,
  rowIndexOf,
  signIn,
  textFromCaller,
  turnQuietHoursOff,
} from "./helpers";

// A visitor of this spec only: no other spec or demo lead uses this number or name.
const VISITOR = { name: "Jordan Baker", phone: "(512) 555-0174", e164: "+15125550174" };

test("request form on a phone → inbox with its 15 minutes → draft approved → delivered → the reply stops the sequence and moves the lead up", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);

  await signIn(page, DEMO.owner);
  await turnQuietHoursOff(page);

  // 1. A visitor fills in the request form on a phone (390 px wide) and agrees to texts.
  const { phone, visitor } = await requestFormOnPhone(browser);
  await visitor.getByLabel("Your name").fill(VISITOR.name);
  await visitor.getByLabel("Phone number").fill(VISITOR.phone);
  await visitor.getByLabel("Email (optional)").fill("jordan.baker@example.com");
  await visitor.getByLabel("ZIP code").fill("78704");
  await visitor.getByLabel("What's the problem?").fill("Water heater is leaking from the bottom");
  await visitor.getByLabel("Preferred time").selectOption("Morning");
  await visitor.getByRole("checkbox", { name: /may send me text messages/ }).check();
  // People take more than the minimum fill time (3 s) from opening the page; so does this visitor.
  await visitor.waitForTimeout(3_000);
  await visitor.getByRole("button", { name: "Send request" }).click();
  await expect(visitor.getByRole("heading", { name: "Thank you — your request was sent" })).toBeVisible();
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.close();

  // 2. The lead is in the inbox as a web form lead, due within 15 minutes.
  const before = await inboxOrder(page);
  const row = page.getByTestId("inbox-row").filter({ hasText: VISITOR.name });
  await expect(row).toContainText("Web form");
  await expect(row).toContainText(/due in 1[45] min/);

  // 3. Its first follow-up text waits in the approval queue, written from the request.
  await page.getByRole("link", { name: "Follow-ups", exact: true }).click();
  const card = page.getByTestId("followup-draft").filter({ hasText: VISITOR.name });
  await expect(card).toHaveCount(1, { timeout: 60_000 });
  await expect(card).toContainText(
    "Hi Jordan, thanks for your request to Demo Plumbing about water heater is leaking from the bottom.",
  );
  await expect(card).toContainText("Web form · step 1");

  // 4. The owner approves it; it reaches the local Twilio fake, whose status callbacks mark it delivered.
  const leadHref = await card.getByRole("link", { name: VISITOR.name }).getAttribute("href");
  await card.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(card).toHaveCount(0);
  await page.goto(leadHref!);
  await expect(page.getByText("jordan.baker@example.com").first()).toBeVisible();
  const sent = page
    .getByTestId("sms-thread")
    .getByTestId("sms-message")
    .filter({ hasText: "thanks for your request to Demo Plumbing" });
  await expect(sent).toHaveCount(1);
  await expect(sent.getByTestId("sms-status")).toHaveText("Delivered", { timeout: 30_000 });
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Follow-up text approved");

  // 5. The caller texts back: the sequence stops with its reason, and the lead moves up the queue.
  await textFromCaller(baseURL!, VISITOR.e164, "Yes please, the morning works for us");
  await page.reload();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Follow-up stopped (Web form): the caller replied", {
    timeout: 20_000,
  });
  await expect(timeline).toContainText("Moved up the queue: the caller replied");
  const after = await inboxOrder(page);
  expect(rowIndexOf(after, VISITOR.name)).toBeLessThan(rowIndexOf(before, VISITOR.name));
  await expect(page.getByTestId("inbox-row").filter({ hasText: VISITOR.name })).toContainText(
    "Answer the caller's text",
  );

  // 6. The office calls back; nobody answers. Logging the call completes the next action it was for,
  // and the lead page shows the next attempt and when it is due, right away.
  await page.goto(leadHref!);
  const log = page.getByRole("form", { name: "Log a call or touchpoint" });
  await log.getByLabel("What happened").selectOption({ label: "Called: no answer" });
  await log.getByRole("button", { name: "Log call" }).click();
  await expect(log.getByRole("status")).toContainText(
    /^Logged\. Next action: Call attempt 2: call the caller again, due .+\.$/,
  );
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(
    "Touchpoint: Called: no answer (no notes) · done: Answer the caller's text · next action: Call attempt 2: call the caller again",
  );
  // The inbox shows the new next action, no longer due now.
  await page.goto(`/t/${DEMO.tenant}/leads`);
  const worked = page.getByTestId("inbox-row").filter({ hasText: VISITOR.name });
  await expect(worked).toContainText("Call attempt 2: call the caller again");
  await expect(worked).not.toContainText("Answer the caller's text");
  await expect(worked.getByText("Overdue", { exact: true })).toHaveCount(0);
});
