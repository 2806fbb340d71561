// The screens tell the truth, at 1280 px and on a 390 px phone: a new owner's test call is linked
// and findable; the connection check says what is true; a looping phone, an outcome before the
// visit and markup read to callers are refused; reports say what they leave out; no status keys,
// internal words, raw phone numbers, ISO dates or browser-format dates on any page (team invites, API
// keys and webhooks included); no page scrolls sideways on a phone.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import twilio from "twilio";
import { startCall, type Post } from "@/server/simulator/call-driver";
import { expectAccessible } from "./a11y";
import { DEMO, signIn } from "./helpers";

const AUTH_TOKEN = "dev-twilio-auth-token"; // local-mode default (README "Configuration")
const API_KEY = "lr_live_demo_key_for_local_use_only_0001"; // the demo business's key (README "Demo logins")
const T = `/t/${DEMO.tenant}`;
const stamp = Date.now().toString(36);

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

/** Every page of a business an owner opens (the lead pages are added from the inbox). */
const OWNER_PAGES = [
  "",
  "/leads",
  "/leads/stale",
  "/routines",
  "/notifications",
  "/simulator",
  "/qa",
  "/reports",
  `/reports/print?month=${new Date().toISOString().slice(0, 7)}`,
  "/settings/phone",
  "/settings/service-area",
  "/settings/hours",
  "/settings/call-answers",
  "/settings/routing",
  "/settings/team",
  "/settings/billing",
  "/settings/api-keys",
  "/settings/audit",
  "/settings/business",
  "/settings/messaging",
  "/settings/calendar",
  "/settings/webhooks",
  "/dev/outbox",
  "/dev/messages",
];

/** A number as the phone system stores it ("+15125550143"), not as people write it. */
const RAW_PHONE = /\+1\d{10}\b/;
/** A day as a database stores it ("2026-03-02"), not as people say it. */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
/** The browser's own date format ("12/7/2026, 10:53:48 PM"), in the browser's zone, not the business's. */
const BROWSER_DATE = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/;
/** A time as the rest of the app writes it, in the business's zone: "Mon, Dec 7, 4:53 PM". */
const READABLE_DATE_TIME = /[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} [AP]M/;

/** Words an office manager should never read: status keys, event names, internal documents, phone-system markup. */
const JARGON =
  /\b(missed_call|followup_needed|answered_by_ai|answered_by_plumber|not_booked|web_form|urgent_callback|no_show)\b|\bseed\b|\bSOP\b|E\.164|<\/?(Response|Say|Gather|Dial|Number|Redirect|Hangup)\b|TwiML|prompt profile/i;

async function leadPaths(page: Page, n: number): Promise<string[]> {
  await page.goto(`${T}/leads`);
  await expect(page.getByTestId("inbox-row").first()).toBeVisible();
  const hrefs = await page
    .locator('[data-testid="inbox-row"] a[href*="/leads/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.filter(Boolean).slice(0, n);
}

async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("a new owner's first test call is linked from the simulator and in the inbox, marked as a test; the connection check says what is true", async ({
      page,
      baseURL,
    }) => {
      test.setTimeout(240_000);
      const email = `first-call-${viewport.width}-${stamp}@screens.test`;
      await page.goto("/sign-up");
      await page.getByLabel("Your name").fill("Fiona First");
      await page.getByLabel("Work email").fill(email);
      await page.getByLabel("Password").fill("fiona-password-1");
      await page.getByLabel("Business name").fill(`First Call Plumbing ${viewport.width} ${stamp}`);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page).toHaveURL(/\/t\/first-call-plumbing-[a-z0-9-]+$/);
      const slug = new URL(page.url()).pathname.split("/")[2]!;
      // The AI status sentence spans its card; on a phone its button wraps under it rather than
      // squeezing the sentence into a narrow column.
      await expect(page.getByTestId("ai-status")).toBeVisible();
      const sentence = (await page.getByTestId("ai-status").boundingBox())!;
      const statusCard = (await page.getByRole("region", { name: "AI status" }).boundingBox())!;
      expect(sentence.width).toBeGreaterThan(0.6 * statusCard.width);
      // The empty follow-ups page says so once, and says what will appear there and why.
      await page.goto(`/t/${slug}/follow-ups`);
      await expect(page.getByText("No follow-ups to approve")).toHaveCount(1);
      await expect(page.getByText("When a lead has not booked, its follow-up sequence writes")).toBeVisible();
      await expect(page.getByText(/Nothing waiting|No follow-ups waiting/)).toHaveCount(0);
      await expect(page.getByTestId("queue-summary")).toHaveCount(0);
      await expectAccessible(page, `empty follow-ups at ${viewport.width}`);

      const tracking = viewport.width === 1280 ? "(720) 555-0161" : "(720) 555-0171";
      const trackingE164 = `+1${tracking.replace(/\D/g, "")}`;

      await page.goto(`/t/${slug}/settings/phone`);
      await page.getByLabel("Tracking number", { exact: true }).fill(tracking);
      await page.getByRole("button", { name: "Add number" }).click();
      // Listed as people write numbers, never the raw +1….
      await expect(page.getByRole("list", { name: "Tracking numbers" })).toContainText(tracking);
      // The plumber's phone can't be the tracking number: every call would ring itself.
      await page.getByLabel("Plumber's phone").fill(tracking);
      await page.getByRole("button", { name: "Save phones" }).click();
      await expect(
        page.getByText("is one of your tracking numbers. The plumber's phone must be a different phone"),
      ).toBeVisible();
      // Another business's tracking number is refused without saying whose it is.
      await page.getByLabel("Tracking number", { exact: true }).fill("+15125550100");
      await page.getByRole("button", { name: "Add number" }).click();
      await expect(page.getByText("can't be added as a tracking number")).toBeVisible();
      await expect(page.getByText(/another business/)).toHaveCount(0);
      await page.getByLabel("Plumber's phone").fill("720-555-0199");
      await page.getByRole("button", { name: "Save phones" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

      // The webhook addresses to paste into Twilio are shown whole, never cut to "htt…".
      for (const id of ["voice-webhook-url", "sms-webhook-url"]) {
        const url = page.locator(`#${id}`);
        if (!(await url.isVisible())) continue;
        const fits = await url.evaluate(
          (el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
        );
        expect(fits, `${id} shows the whole address`).toBe(true);
      }
      // Twilio (the local fake) points the number here; no real call has come in yet.
      const connection = page.getByTestId("number-connection");
      await expect(connection.getByText("Connected", { exact: true })).toBeVisible();
      await expect(connection.getByText("No real call yet")).toBeVisible();
      await expect(page.getByTestId("connection-summary")).toContainText(
        "to LeadRescue; no real call has come in yet.",
      );
      await expectAccessible(page, `phone numbers at ${viewport.width}`);

      // The first test call: the simulator ends with a link to its lead.
      await page.goto(`/t/${slug}/simulator`);
      await page.getByRole("button", { name: /^Call First Call Plumbing/ }).click();
      await page.getByRole("button", { name: "No answer" }).click();
      await expect(page.getByText("The call has ended.")).toBeVisible({ timeout: 30_000 });
      const link = page.getByTestId("ended-lead-link");
      await expect(link).toBeVisible();
      await expect(page.getByTestId("lead-status")).not.toHaveText(/_/);
      await link.click();
      await expect(page).toHaveURL(new RegExp(`/t/${slug}/leads/[^/]+$`));

      // The inbox is not empty: the test call is there, marked, with the filter explained.
      await page.goto(`/t/${slug}/leads`);
      await expect(page.getByTestId("inbox-row")).toHaveCount(1);
      await expect(page.getByTestId("inbox-row").getByText("Test", { exact: true })).toBeVisible();
      await expect(page.getByTestId("test-calls-note")).toContainText(
        "No real calls yet, so your test calls",
      );
      await expectAccessible(page, `inbox with test calls at ${viewport.width}`);

      // A real, signed call marks the number "Receiving calls"; the overview says so.
      await startCall(poster(baseURL!), {
        from: `+1512555${String(2000 + Math.floor(Math.random() * 7000))}`,
        to: trackingE164,
        isTest: false,
      });
      await page.goto(`/t/${slug}/settings/phone`);
      await expect(page.getByTestId("number-connection").getByText("Receiving calls")).toBeVisible();
      await page.goto(`/t/${slug}/leads`);
      await expect(page.getByTestId("inbox-row")).toHaveCount(1);
      await expect(page.getByTestId("test-calls-note")).toHaveCount(0);

      // Back from Checkout with nothing charged: no "Payment received".
      await page.goto(`/t/${slug}/settings/billing?checkout=success`);
      await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
      await expect(page.getByText("checking with Stripe")).toBeVisible();
      await expect(page.getByText("Payment received")).toHaveCount(0);
    });

    test("a not-booked lead is never shown as a call back: the estimate is followed up by its date", async ({
      page,
    }) => {
      await signIn(page, DEMO.owner);
      await page.goto(`${T}/leads`);
      // Linda Brooks wants an estimate and has not booked: her follow-up, not a call back now.
      const row = page.getByTestId("inbox-row").filter({ hasText: "Linda Brooks" });
      await expect(row.getByText("Not booked", { exact: true })).toBeVisible();
      await expect(row).toContainText("Follow up on the estimate");
      await expect(row).not.toContainText(/call (?:the referred customer|the customer|back)/i);
      await expect(row.getByText("Overdue", { exact: true })).toHaveCount(0);
      await row.getByRole("link", { name: "Linda Brooks" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Linda Brooks" })).toBeVisible();
      await expect(page.getByText(/Follow up on the estimate/).first()).toBeVisible();
      await expect(page.getByText(/^Call the referred customer personally$/)).toHaveCount(0);
      // Choosing "Not booked" for another lead says what it does to the next action before it is done.
      await page.goBack();
      await page.getByRole("link", { name: "Grace Kim" }).first().click();
      await page.getByLabel("Change status to").selectOption("not_booked");
      await expect(page.getByTestId("not-booked-hint")).toContainText("Nobody calls a not-booked lead back");
    });

    test("refusals name what is wrong: an outcome before the visit, markup read to callers, every messaging error at once", async ({
      page,
    }) => {
      await signIn(page, DEMO.owner);
      // Priya Patel's visit is tomorrow: a no-show can't be recorded yet.
      await page.goto(`${T}/leads`);
      await page
        .getByTestId("inbox-row")
        .filter({ hasText: "Priya Patel" })
        .getByRole("link", { name: "Priya Patel" })
        .click();
      // On a phone the caller's problem sits right under the next action, not three screens down.
      if (viewport.width === 390) {
        const box = await page.getByTestId("problem-summary").boundingBox();
        expect(box && box.y).toBeLessThan(2 * viewport.height);
        await expect(page.getByTestId("problem-summary")).toContainText("Slow bathroom drain");
        // What the caller said about it, not the AI's lines at the end of the call.
        await expect(page.getByTestId("caller-need-words")).toHaveText(
          "In the caller's words: “my bathroom drain is really slow”",
        );
        await expect(page.getByTestId("problem-summary")).not.toContainText("You're booked");
      }
      const card = page.getByRole("region", { name: "Visit outcome" });
      await card.getByRole("button", { name: "No-show" }).click();
      await expect(
        card.getByText("The visit has not happened yet: record a no-show after its booked time."),
      ).toBeVisible();

      await page.goto(`${T}/settings/call-answers`);
      await page.getByLabel("When a caller asks about price").fill("<b>$89</b> to come out");
      await page.getByRole("button", { name: "Save answers" }).click();
      await expect(
        page.getByText("The AI reads this aloud to callers: remove the HTML tags").first(),
      ).toBeVisible();
      await page.reload();
      await expect(page.getByLabel("When a caller asks about price")).not.toHaveValue(/<b>/);

      await page.goto(`${T}/settings/messaging`);
      await page.getByLabel("Booking or quote link").fill("book.example");
      await page.getByLabel("One text per caller every (hours)").fill("0");
      await page.getByRole("button", { name: "Save messaging" }).click();
      await expect(page.getByText(/Booking link "book.example" is not a web address/).first()).toBeVisible();
      await expect(
        page.getByText(/The text-back window must be a whole number of hours/).first(),
      ).toBeVisible();
      await expectAccessible(page, `messaging errors at ${viewport.width}`);
    });

    test("reports say how many test calls they leave out, link to them and to the print page", async ({
      page,
    }) => {
      await signIn(page, DEMO.owner);
      await page.goto(`${T}/reports`);
      const line = page.getByTestId("report-test-calls");
      await expect(line).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole("link", { name: "Printable monthly report" })).toHaveAttribute(
        "href",
        /\/reports\/print\?month=\d{4}-\d{2}$/,
      );
      // Chart labels under the bars never run into each other, on a phone too.
      await expect(page.locator(".recharts-xAxis").first()).toBeVisible();
      const overlapping = await page.evaluate(() => {
        const out: string[] = [];
        for (const axis of document.querySelectorAll(".recharts-xAxis")) {
          const ticks = [...axis.querySelectorAll(".recharts-cartesian-axis-tick text")].map((t) => ({
            text: t.textContent ?? "",
            r: t.getBoundingClientRect(),
          }));
          for (let i = 0; i < ticks.length; i++)
            for (let j = i + 1; j < ticks.length; j++) {
              const a = ticks[i]!.r;
              const b = ticks[j]!.r;
              if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                out.push(`"${ticks[i]!.text}" and "${ticks[j]!.text}"`);
            }
        }
        return out;
      });
      expect(overlapping, "axis labels that overlap").toEqual([]);
      // One axis says its units one way: all in full ("hours", "minutes") or all short ("hr", "min").
      const axisUnits = await page.evaluate(() =>
        [...document.querySelectorAll(".recharts-xAxis")].map((axis) => {
          const words = [...axis.querySelectorAll(".recharts-cartesian-axis-tick tspan")].flatMap(
            (t) => (t.textContent ?? "").match(/\b(hours?|hr|minutes?|min)\b/g) ?? [],
          );
          return [...new Set(words.map((w) => w.replace(/s$/, "")))].sort().join(" ");
        }),
      );
      for (const units of axisUnits)
        expect(/hour|minute/.test(units) && /\b(hr|min)\b/.test(units), `an axis says ${units}`).toBe(false);
      const text = (await line.textContent()) ?? "";
      const n = Number(/Excludes (\d+)/.exec(text)?.[1] ?? 0);
      if (n > 0 && n <= 25) {
        await line.getByRole("link", { name: "See them in the inbox" }).click();
        await expect(page.getByTestId("inbox-row")).toHaveCount(n);
        await expect(page.getByTestId("test-calls-note")).toBeVisible();
      }
      // No lead says "Overdue" next to "no due time".
      await page.goto(`${T}/leads`);
      await expect(page.getByTestId("inbox-row").first()).toBeVisible();
      for (const row of await page.getByTestId("inbox-row").all()) {
        const t = (await row.innerText()).toLowerCase();
        if (t.includes("no due time")) expect(t).not.toContain("overdue");
      }
    });

    test("the team, API keys and webhooks pages write dates as the rest of the app does, in the business's time zone", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      // A receiver that answers 500, so the endpoint is failing and its log has a delivery.
      const receiver = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          res.statusCode = 500;
          res.end("no");
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      try {
        await signIn(page, DEMO.owner);
        const invitee = `dates-${viewport.width}-${stamp}@screens.test`;
        await page.goto(`${T}/settings/team`);
        await page.getByLabel("Email", { exact: true }).fill(invitee);
        await page.getByRole("button", { name: "Send invite" }).click();
        const invite = page.getByRole("list", { name: "Pending invites" }).getByRole("listitem").filter({
          hasText: invitee,
        });
        await expect(invite).toContainText(/expires [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}(?!\d)/);
        await expect(invite).not.toContainText(BROWSER_DATE);
        // The link to send, shown whole even on a phone.
        const inviteLink = page.getByLabel("Invite link");
        await expect(inviteLink).toHaveValue(/\/invite\//);
        expect(
          await inviteLink.evaluate(
            (el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
          ),
          "the invite link is shown whole",
        ).toBe(true);

        // The demo key, used once: "Last used" is a time in the business's zone, named once.
        const leads = await page.request.get("/api/v1/leads?limit=1", {
          headers: { authorization: `Bearer ${API_KEY}` },
        });
        expect(leads.status()).toBe(200);
        const leadId = ((await leads.json()) as { data: { id: string }[] }).data[0]!.id;
        await page.goto(`${T}/settings/api-keys`);
        await expect(page.getByText("Times in Central Time — Chicago")).toBeVisible();
        const keys = page.getByRole("table", { name: "API keys" });
        await expect(keys.getByRole("row").filter({ hasText: "lr_live_demo" })).toContainText(
          READABLE_DATE_TIME,
        );
        await expect(keys).not.toContainText(BROWSER_DATE);
        // A new key is shown whole, once, even on a phone; then it is revoked again.
        const keyName = `Screens ${viewport.width} ${stamp}`;
        await page.getByLabel("Key name").fill(keyName);
        await page.getByRole("button", { name: "Create key" }).click();
        const secret = page.getByLabel("New API key");
        await expect(secret).toHaveValue(/^lr_live_/);
        const whole = await secret.evaluate(
          (el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
        );
        expect(whole, "the new key is shown whole").toBe(true);
        await page.getByRole("button", { name: "I saved it" }).click();
        await page.getByRole("button", { name: `Revoke key ${keyName}` }).click();
        await page.getByRole("button", { name: "Yes, revoke" }).click();
        await expect(keys.getByRole("row").filter({ hasText: keyName })).toContainText(
          new RegExp(`Revoked ${READABLE_DATE_TIME.source}`),
        );

        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks-${viewport.width}`;
        await page.goto(`${T}/settings/webhooks`);
        await page.getByLabel("Endpoint URL").fill(url);
        await page.getByRole("checkbox", { name: /lead\.updated/ }).check();
        await page.getByRole("button", { name: "Add endpoint" }).click();
        await page.getByRole("button", { name: "I saved it" }).click();
        const patch = await page.request.patch(`/api/v1/leads/${leadId}`, {
          headers: { authorization: `Bearer ${API_KEY}` },
          data: { externalJobId: `DATES-${viewport.width}-${stamp}` },
        });
        expect(patch.status()).toBe(200);
        const endpoint = page.getByRole("list", { name: "Webhook endpoints" }).getByRole("listitem").filter({
          hasText: url,
        });
        await expect(async () => {
          await page.reload();
          await expect(endpoint).toContainText("failing since", { timeout: 1_000 });
        }).toPass({ timeout: 30_000 });
        await expect(page.getByText("Times in Central Time — Chicago")).toBeVisible();
        await expect(endpoint).toContainText(new RegExp(`failing since ${READABLE_DATE_TIME.source}`));
        await endpoint.getByRole("button", { name: "Show delivery log" }).click();
        const log = endpoint.getByRole("table", { name: "Delivery log" });
        await expect(log).toContainText("HTTP 500");
        await expect(log).toContainText(READABLE_DATE_TIME);
        await expect(endpoint).not.toContainText(BROWSER_DATE);
      } finally {
        await new Promise<void>((resolve) => receiver.close(() => resolve()));
      }
    });

    test("no page scrolls sideways, and no page shows status keys, internal words, raw phone numbers or ISO dates", async ({
      page,
    }) => {
      test.setTimeout(600_000);
      // A password reset link in the local mailbox: a long address that must wrap on a phone.
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill(DEMO.staff);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status")).toContainText("If an account exists for that email");
      await expect(async () => {
        await page.goto("/dev/mail");
        await expect(page.getByTestId("local-mail").filter({ hasText: DEMO.staff }).first()).toBeVisible({
          timeout: 2_000,
        });
      }).toPass({ timeout: 30_000 });
      await signIn(page, DEMO.owner);
      const paths = [...OWNER_PAGES.map((p) => `${T}${p}`), ...(await leadPaths(page, 6)), "/dev/mail"];
      const wide: string[] = [];
      // Controls pushed past the window's edge (in a table that scrolls sideways) are out of reach.
      const cut: string[] = [];
      const clipped: string[] = [];
      const jargon: string[] = [];
      // The visible text only: what was typed into an input and a <time datetime> are not in it.
      const raw: string[] = [];
      for (const path of paths) {
        await page.goto(path);
        await settle(page);
        const r = await page.evaluate(() => ({
          sw: document.documentElement.scrollWidth,
          cw: document.documentElement.clientWidth,
          text: document.body.innerText,
          cut: [...document.querySelectorAll("main :is(button, a[href], input, select, textarea)")]
            .map((el) => ({ el, box: el.getBoundingClientRect() }))
            .filter(({ box }) => box.width > 1 && box.right > document.documentElement.clientWidth + 1)
            .map(({ el }) =>
              (el.getAttribute("aria-label") ?? el.textContent ?? el.tagName).trim().slice(0, 60),
            ),
          // A link or key to copy, shown in one line, must show all of it.
          clipped: [
            ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
              'main :is(input[readonly], textarea[readonly][rows="1"])',
            ),
          ]
            .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
            .map((el) => el.labels?.[0]?.textContent ?? el.id),
        }));
        if (r.sw > r.cw) wide.push(`${path}: ${r.sw} px wide in a ${r.cw} px window`);
        for (const c of r.cut) cut.push(`${path}: "${c}"`);
        for (const c of r.clipped) clipped.push(`${path}: ${c}`);
        for (const line of r.text.split("\n")) {
          if (JARGON.test(line)) jargon.push(`${path}: "${line.slice(0, 160)}"`);
          if (RAW_PHONE.test(line) || ISO_DATE.test(line) || BROWSER_DATE.test(line))
            raw.push(`${path}: "${line.slice(0, 160)}"`);
        }
      }
      await page.context().clearCookies();
      await signIn(page, DEMO.operator);
      for (const path of ["/agency", "/agency/reports"]) {
        await page.goto(path);
        await settle(page);
        const r = await page.evaluate(() => ({
          sw: document.documentElement.scrollWidth,
          cw: document.documentElement.clientWidth,
          text: document.body.innerText,
        }));
        if (r.sw > r.cw) wide.push(`${path}: ${r.sw} px wide in a ${r.cw} px window`);
        for (const line of r.text.split("\n")) {
          if (JARGON.test(line)) jargon.push(`${path}: "${line.slice(0, 160)}"`);
          if (RAW_PHONE.test(line) || ISO_DATE.test(line) || BROWSER_DATE.test(line))
            raw.push(`${path}: "${line.slice(0, 160)}"`);
        }
      }
      expect(wide, `pages that scroll sideways at ${viewport.width} px`).toEqual([]);
      expect(cut, `controls past the window's edge at ${viewport.width} px`).toEqual([]);
      expect(clipped, `links and keys to copy shown cut off at ${viewport.width} px`).toEqual([]);
      expect(jargon, "status keys or internal words on screen").toEqual([]);
      expect(
        raw,
        "phone numbers as +1XXXXXXXXXX, days as YYYY-MM-DD or browser-format dates on screen",
      ).toEqual([]);
    });
  });
}
