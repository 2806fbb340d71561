// Follow-ups in the browser: a web-form lead (the demo's Grace Kim, who ticked the texting box on
// the form) has its first follow-up text waiting in the approval queue; the owner approves it; it
// goes through the real `twilio` SDK to the app's local Twilio fake (delivered); the caller's reply
// (a signed POST to /api/twilio/sms) stops the sequence and moves the lead up the inbox queue.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { DEMO, inboxOrder, rowIndexOf, signIn, textFromCaller, turnQuietHoursOff } from "./helpers";

const GRACE = "+15125550152";
const DEMO_TIME_ZONE = "America/Chicago";

/** Two days from now as a "Due" field takes it ("2026-12-09T14:05"), in the business's time zone. */
function inTwoDays(timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(Date.now() + 2 * 86_400_000));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

test("web-form lead → first follow-up waits for approval → approved → delivered → the reply stops the sequence and moves the lead up", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.owner);

  await turnQuietHoursOff(page);

  // Grace's request is due 15 minutes after it came in, which passes while a long run is still
  // on earlier specs: the office moves her call to two days from now, so she is not yet due.
  await page.goto(`/t/${DEMO.tenant}/leads`);
  await page
    .getByTestId("inbox-row")
    .filter({ hasText: "Grace Kim" })
    .getByRole("link", { name: "Grace Kim" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Grace Kim" })).toBeVisible();
  const handoff = page.getByRole("region", { name: "Owner, next action, due time" });
  await handoff.getByLabel("Due", { exact: true }).fill(inTwoDays(DEMO_TIME_ZONE));
  await handoff.getByRole("button", { name: "Save handoff" }).click();
  await expect(handoff.getByText("Handoff updated.")).toBeVisible();

  // Before: Grace's request (not yet due) sits behind Ray's older referral in "Follow-up needed".
  const before = await inboxOrder(page);
  expect(before.find((r) => r.includes("Grace Kim"))).not.toContain("Overdue");
  expect(rowIndexOf(before, "Grace Kim")).toBeGreaterThan(rowIndexOf(before, "Ray Ortiz"));

  // The approval queue: Grace's first text, written from her own request and the real slots.
  await page.getByRole("link", { name: "Follow-ups", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Follow-ups to approve", level: 1 })).toBeVisible();
  const card = page.getByTestId("followup-draft").filter({ hasText: "Grace Kim" });
  await expect(card).toHaveCount(1, { timeout: 30_000 });
  await expect(card).toContainText(
    "Hi Grace, thanks for your request to Demo Plumbing about kitchen faucet drips all night.",
  );
  await expect(card).toContainText("Web form · step 1");
  await expectAccessible(page, "follow-ups approval queue");
  const leadHref = await card.getByRole("link", { name: "Grace Kim" }).getAttribute("href");
  await card.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(card).toHaveCount(0);

  // It reached the local Twilio fake, whose signed status callbacks mark it delivered.
  await page.goto(leadHref!);
  const sent = page
    .getByTestId("sms-thread")
    .getByTestId("sms-message")
    .filter({ hasText: "thanks for your request to Demo Plumbing" });
  await expect(sent).toHaveCount(1);
  await expect(sent.getByTestId("sms-status")).toHaveText("Delivered", { timeout: 30_000 });
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Follow-up text approved");

  // The caller replies: the sequence stops with its reason, and the lead moves up the queue.
  await textFromCaller(baseURL!, GRACE, "Yes please, Tuesday morning works");
  await page.reload();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Follow-up stopped (Web form): the caller replied", {
    timeout: 20_000,
  });
  await expect(timeline).toContainText("Moved up the queue: the caller replied");
  const after = await inboxOrder(page);
  expect(rowIndexOf(after, "Grace Kim")).toBeLessThan(rowIndexOf(after, "Ray Ortiz"));
  await expect(page.getByTestId("inbox-row").filter({ hasText: "Grace Kim" })).toContainText(
    "Answer the caller's text",
  );
});

test("the owner reads and changes the follow-up sequences; the seasonal one ships off", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/settings/follow-ups`);
  await expect(page.getByRole("heading", { name: "Follow-up sequences", level: 1 })).toBeVisible();
  const seasonal = page.getByRole("form", { name: "Seasonal check-in sequence" });
  await expect(seasonal.getByLabel("Sequence on")).not.toBeChecked();
  const marketplace = page.getByRole("form", { name: "Marketplace sequence" });
  await expect(marketplace.getByLabel("Sequence on")).toBeChecked();
  await marketplace.getByLabel("Send texts without approval").check();
  await marketplace.getByRole("button", { name: "Save marketplace" }).click();
  await expect(marketplace.getByText("Marketplace saved.", { exact: false })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page, "follow-up sequences (phone)");
});
