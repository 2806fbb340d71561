// Issue 6 in the browser: a missed call (real signed Twilio webhooks) gets its text-back, visible on
// the lead; the caller's reply (a signed POST to /api/twilio/sms) appears in the thread; staff reply
// from the lead page; a booking queues the confirmation and reminders, and STOP stops the next one.
// Texts go through the real `twilio` SDK to the app's local Twilio fake, whose signed status
// callbacks mark them delivered.
import { expect, test, type Page } from "@playwright/test";
import twilio from "twilio";
import { phoneLabel } from "@/server/leads/labels";
import { answerDial, hangUp, startCall, type Post } from "@/server/simulator/call-driver";
import { DEMO, signIn } from "./helpers";

const AUTH_TOKEN = "dev-twilio-auth-token"; // local-mode default (README "Configuration")
const TRACKING_NUMBER = "+15125550100";
const API_KEY = "lr_live_demo_key_for_local_use_only_0001";

async function signedPost(url: string, form: Record<string, string>) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, form),
    },
    body: new URLSearchParams(form).toString(),
  });
}

function poster(baseURL: string): Post {
  return async (urlOrPath, form) => {
    const res = await signedPost(urlOrPath.startsWith("http") ? urlOrPath : `${baseURL}${urlOrPath}`, form);
    return { status: res.status, body: await res.text() };
  };
}

let smsSeq = 0;
async function textFromCaller(baseURL: string, from: string, body: string) {
  const sid = `SM${Date.now().toString(16)}${String(++smsSeq).padStart(4, "0")}`.padEnd(34, "0");
  const res = await signedPost(`${baseURL}/api/twilio/sms`, {
    AccountSid: "AC00000000000000000000000000000000",
    MessageSid: sid,
    From: from,
    To: TRACKING_NUMBER,
    Body: body,
  });
  expect(res.status).toBe(200);
}

async function leadIdOf(baseURL: string, phone: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/v1/leads?limit=50`, {
    headers: { authorization: `Bearer ${API_KEY}` },
  });
  const { data } = (await res.json()) as { data: { id: string; callerPhone: string }[] };
  const lead = data.find((l) => l.callerPhone === phone);
  if (!lead) throw new Error(`no lead for ${phone}`);
  return lead.id;
}

const thread = (page: Page) => page.getByTestId("sms-thread");
const message = (page: Page, text: string | RegExp) =>
  thread(page).getByTestId("sms-message").filter({ hasText: text });

test("missed call → text-back on the lead; the caller's reply in the thread; staff reply; STOP stops the next reminder", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const caller = `+1512555${String(3000 + Math.floor(Math.random() * 6000))}`;

  // The owner sets the booking link and turns quiet hours off (so the test runs at any hour).
  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "Messaging" }).click();
  await expect(page.getByRole("heading", { name: "Messaging", level: 1 })).toBeVisible();
  await page.getByLabel("Booking or quote link").fill("notalink");
  await page.getByRole("button", { name: "Save messaging" }).click();
  await expect(page.getByText(/is not a web address/)).toBeVisible();
  await page.getByLabel("Booking or quote link").fill("https://demo-plumbing.example/book");
  await page.getByLabel("Quiet hours start").fill("00:00");
  await page.getByLabel("Quiet hours end").fill("00:00");
  await expect(page.getByTestId("preview-text_back")).toContainText(
    "Hi Maria, this is Demo Plumbing. Sorry we missed your call!",
  );
  await expect(page.getByTestId("preview-text_back")).toContainText("Reply STOP to opt out.");
  await expect(page.getByTestId("preview-text_back")).toContainText("The link opens demo-plumbing.example.");
  await page.getByRole("button", { name: "Save messaging" }).click();
  await expect(page.getByText("Messaging saved.")).toBeVisible();

  // A call the plumber misses; the AI answers, the caller hangs up without a word: `missed`.
  const post = poster(baseURL!);
  let call = await startCall(post, { from: caller, to: TRACKING_NUMBER, isTest: false });
  call = await answerDial(post, call, "no-answer");
  await hangUp(post, call);

  const leadId = await leadIdOf(baseURL!, caller);
  await page.goto(`/t/${DEMO.tenant}/leads/${leadId}`);
  const textBack = message(page, "Sorry we missed your call!");
  await expect(textBack).toHaveCount(1);
  await expect(textBack).toContainText("Missed-call text-back");
  await expect(textBack).toContainText(/\/r\/\S+/);
  await expect(textBack.getByTestId("sms-status")).toHaveText("Delivered", { timeout: 20_000 });

  // The caller texts back: it joins this lead's thread.
  await textFromCaller(baseURL!, caller, "Can someone come tomorrow morning?");
  await expect(message(page, "Can someone come tomorrow morning?")).toContainText("Caller", {
    timeout: 20_000,
  });

  // Staff reply from the lead page.
  await page.getByLabel("Reply by text").fill("Yes, we can be there at 9. See you then!");
  await page.getByRole("button", { name: "Send text" }).click();
  await expect(page.getByText("Text queued.")).toBeVisible();
  const reply = message(page, "Yes, we can be there at 9.");
  await expect(reply.getByTestId("sms-status")).toHaveText("Delivered", { timeout: 20_000 });

  // The office books a visit three days out: the confirmation goes out, the reminders wait.
  const at = new Date(Date.now() + 3 * 86_400_000);
  const local = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "America/Chicago",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  })
    .format(at)
    .replace(" ", "T");
  await page.getByRole("radio", { name: "Custom time" }).check();
  await page.getByLabel("Appointment time").fill(local);
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByText("Appointment booked.")).toBeVisible();
  // The messaging sweep (every minute) picks up bookings made by staff.
  await expect(message(page, "your visit is booked for")).toHaveCount(1, { timeout: 90_000 });
  await expect(message(page, "Reminder (24 h before)")).toHaveCount(1);
  await expect(message(page, "Reminder (2 h before)")).toHaveCount(1);
  await expect(message(page, "Reminder (24 h before)").getByTestId("sms-status")).toContainText(
    "Waiting to send",
  );
  // The confirmation goes out at once; let it reach the caller before they reply STOP.
  await expect(message(page, "your visit is booked for").getByTestId("sms-status")).toContainText(
    /Sent|Delivered/,
    { timeout: 30_000 },
  );

  // STOP: the opt-out is confirmed, and the waiting reminders will never go out.
  await textFromCaller(baseURL!, caller, "Stop");
  await expect(page.getByText(/This caller replied STOP/)).toBeVisible({ timeout: 20_000 });
  await expect(message(page, "you're unsubscribed")).toHaveCount(1);
  for (const purpose of ["Reminder (24 h before)", "Reminder (2 h before)"]) {
    const r = message(page, purpose);
    await expect(r.getByTestId("sms-status")).toHaveText("Not sent");
    await expect(r).toContainText("Not sent: the caller opted out (STOP).");
  }
  await expect(page.getByRole("button", { name: "Send text" })).toBeDisabled();

  // The dev page lists what went through the local Twilio fake: no reminder to this caller.
  await page.getByRole("link", { name: "Local text outbox" }).click();
  await expect(page.getByRole("heading", { name: "Local text outbox" })).toBeVisible();
  // The outboxes write numbers as people do: "(512) 555-3456".
  const sentToCaller = page
    .getByTestId("fake-messages")
    .getByRole("row")
    .filter({ hasText: phoneLabel(caller) });
  await expect(sentToCaller).toHaveCount(4); // text-back, reply, confirmation, opt-out confirmation
  await expect(sentToCaller.filter({ hasText: "reminder" })).toHaveCount(0);
  await expect(page.getByTestId("waiting-messages").filter({ hasText: phoneLabel(caller) })).toHaveCount(0);
});
