// Escalation rules: an unaccepted emergency escalates to dispatch/on-call. The e2e
// server runs the timers at ESCALATION_TIME_SCALE=0.02 (5 minutes → 6 s). The call comes in
// through the real, signed Twilio webhooks (not the simulator: test calls never escalate).
import { expect, test, type Page } from "@playwright/test";
import twilio from "twilio";
import { answerDial, hangUp, say, startCall, type Post } from "@/server/simulator/call-driver";
import { DEMO, signIn } from "./helpers";

const AUTH_TOKEN = "dev-twilio-auth-token"; // local-mode default (README "Configuration")
const TRACKING_NUMBER = "+15125550100";
/** The on-call phone as the outbox writes it. */
const ON_CALL_PHONE = "(512) 555-0102";

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

/** Reloads until the text shows (the page also refreshes itself; reloading is just faster). */
async function waitFor(page: Page, check: () => Promise<boolean>, timeoutMs: number) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return check();
      },
      { timeout: timeoutMs, intervals: [2_000] },
    )
    .toBe(true);
}

test("an unaccepted emergency lead escalates to dispatch/on-call after the (shortened) 5-minute timer", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const post = poster(baseURL!);
  const line = String(2000 + Math.floor(Math.random() * 7000));
  const caller = `+1512555${line}`;
  // Notices give the caller's number as people write it, not in the stored +1 form.
  const callerAsWritten = `(512) 555-${line}`;
  let call = await startCall(post, { from: caller, to: TRACKING_NUMBER, isTest: false });
  call = await answerDial(post, call, "no-answer"); // the plumber misses it: the AI answers
  call = await say(post, call, "My ZIP is 78704");
  call = await say(post, call, "A pipe burst in the kitchen and water is flooding everywhere");
  if (call.pending.kind === "dial") call = await answerDial(post, call, "no-answer"); // on-call did not pick up the warm transfer
  await hangUp(post, call);

  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const notice = page
    .getByRole("list", { name: "Notifications" })
    .getByRole("listitem")
    .filter({ hasText: callerAsWritten })
    .filter({ hasText: "Escalated" });
  // Nobody accepts the lead: the sweep (every 2 s at this scale) escalates it once it is 6 s old.
  await waitFor(page, () => notice.first().isVisible(), 120_000);
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(
    `Escalated — Emergency or high-urgency lead not accepted within 5 minutes: Emergency lead from ${callerAsWritten}: `,
  );
  await expect(notice).not.toContainText(caller);
  // In-app text has no raw URL: the "Open lead" link sits beside it (email and SMS keep the URL).
  await expect(notice).not.toContainText("http");
  await expect(page.getByTestId("time-zone-note")).toHaveText(/^Times in Central Time — Chicago/);

  // The SMS to the on-call phone is in the dev outbox ("would send": no SMS provider in local mode).
  await page.getByRole("main").getByRole("link", { name: "Local outbox" }).click();
  await expect(page.getByRole("heading", { name: "Local outbox" })).toBeVisible();
  const sms = page
    .getByRole("row")
    .filter({ hasText: `Emergency lead from ${callerAsWritten}` })
    .filter({ hasText: ON_CALL_PHONE })
    .filter({ hasText: "Escalated" });
  await expect(sms).toHaveCount(1);
  // The send job may still be queued when the page loads; the outbox refreshes every 10 s.
  await expect(sms).toContainText("Would send (local mode)", { timeout: 30_000 });

  // The escalation is on the lead's timeline.
  await page.goto(`/t/${DEMO.tenant}/notifications`);
  await notice.getByRole("link", { name: "Open lead" }).click();
  await expect(page.locator('[data-event-type="lead.escalated"]')).toHaveCount(1);

  // Today (routines) shows it as escalated among the hot leads.
  await page.getByRole("link", { name: "Today" }).click();
  await page.getByRole("tab", { name: /Morning/ }).click();
  const hot = page
    .getByRole("list", { name: "Hot leads" })
    .getByRole("listitem")
    .filter({ hasText: callerAsWritten });
  await expect(hot).toContainText("Escalated");
});
