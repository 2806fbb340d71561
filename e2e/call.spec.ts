// "Test your flow" (a tested sample flow before going live): three test calls placed in the browser through
// the real, signed call webhooks, with the resulting leads checked in the simulator's lead panel.
import { existsSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const LEAD_PAGE_EXISTS = existsSync("app/t/[slug]/leads/[id]/page.tsx");

async function openSimulator(page: Page) {
  await signIn(page, DEMO.owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Test your flow" }).click();
  await expect(page.getByRole("heading", { name: "Test your flow" })).toBeVisible();
  await expect(page.getByText("The AI is on")).toBeVisible();
}

async function placeCall(page: Page) {
  await page.getByRole("button", { name: "Call Demo Plumbing" }).click();
  await expect(
    page.getByText("The plumber's phone ((512) 555-0101) is ringing. What happens?"),
  ).toBeVisible();
}

const conversation = (page: Page) => page.getByRole("list", { name: "Conversation" });
/** What the agent said (not the collapsed TwiML, which holds the same words). */
const agentLine = (page: Page, text: RegExp) =>
  conversation(page).locator('[data-who="agent"]').filter({ hasText: text }).last();
const leadPanel = (page: Page) => page.getByRole("region", { name: "The lead" });
/** The value (<dd>) next to a term (<dt>) in the lead panel's description list. */
const leadField = (page: Page, label: string) => leadPanel(page).locator(`dt:text-is("${label}") + dd`);

/** Types what the caller says, presses Enter, and waits for the agent's answer. */
async function callerSays(page: Page, text: string, agentReply: RegExp) {
  const box = page.getByLabel("What the caller says");
  await expect(box).toBeEnabled();
  await box.fill(text);
  await box.press("Enter");
  await expect(agentLine(page, agentReply)).toBeVisible();
}

/** Hill Country Plumbing has no on-call phone: nobody can take an emergency live. */
async function missedCallAtHillCountry(page: Page) {
  await signIn(page, DEMO.secondOwner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Test your flow" }).click();
  await expect(page.getByText("The AI is on")).toBeVisible();
  await page.getByRole("button", { name: "Call Hill Country Plumbing" }).click();
  await page.getByRole("button", { name: "No answer" }).click();
  await expect(agentLine(page, /what's the ZIP code/)).toBeVisible();
}

async function missedCallReachesTheAi(page: Page) {
  await placeCall(page);
  await page.getByRole("button", { name: "No answer" }).click();
  await expect(agentLine(page, /what's the ZIP code where you need the work done/)).toBeVisible();
  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Answered by AI");
}

test("a plumber who answers and presses 1 takes the call: the lead is answered by the plumber and marked Test", async ({
  page,
}) => {
  await openSimulator(page);
  await placeCall(page);
  await page.getByRole("button", { name: "Plumber answers (presses 1)" }).click();
  await expect(page.getByText("The call has ended.")).toBeVisible();
  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Answered by plumber");
  await expect(leadPanel(page).getByText("Test", { exact: true })).toBeVisible();
  await expect(conversation(page).getByText(/answered and pressed 1/)).toBeVisible();
  // What shows is in plain words: no addresses or phone-system markup until "Details" is opened.
  const shown = await conversation(page).innerText();
  expect(shown).not.toMatch(/\/api\/|https?:|webhook|<Response|TwiML/i);
  // Each step's address and raw instructions are there, collapsed under "Details".
  const step = conversation(page)
    .locator("details")
    .filter({ has: page.locator("summary", { hasText: "Details: the plumber's phone stops ringing" }) });
  await step.locator("summary").click();
  await expect(step).toContainText("/api/twilio/voice/dial-result");
  await expect(step.locator("pre")).toContainText("<Response");
});

test("a missed call is answered by the AI, which qualifies an in-area caller and books an offered slot", async ({
  page,
}) => {
  await openSimulator(page);
  await missedCallReachesTheAi(page);
  // Quick fill puts a sample phrase in the box; Enter says it.
  await page.getByRole("button", { name: "My ZIP is 78701" }).click();
  await page.getByLabel("What the caller says").press("Enter");
  await expect(agentLine(page, /What's going on with your plumbing\?/)).toBeVisible();
  // An active leak: one safety question about right now, then the intake goes on.
  await callerSays(
    page,
    "The pipe under my kitchen sink is leaking",
    /right now, is water spreading across the floor/,
  );
  await callerSays(page, "No, it's just dripping under the sink", /who am I speaking with\?/);
  await callerSays(page, "My name is Jane Doe", /book a plumber to come out/);
  await callerSays(page, "Please book a visit", /street address/);
  await callerSays(page, "123 Main Street", /openings? (is|are)/);
  await callerSays(
    page,
    "The first one",
    /Let me read that back: Jane Doe, 123 Main Street, .+\. Did I get that right\?/,
  );
  await callerSays(page, "Yes, that's right", /You're all set, Jane\./);
  await expect(page.getByText("The call has ended.")).toBeVisible();

  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Booked");
  await expect(leadField(page, "ZIP")).toContainText("78701");
  await expect(leadField(page, "In area")).toContainText("Yes");
  await expect(leadField(page, "Issue")).toContainText("leaking");
  await expect(leadField(page, "Urgency")).toContainText("High urgency");
  await expect(leadField(page, "Name")).toContainText("Jane Doe");
  await expect(leadField(page, "Address")).toContainText("123 Main Street");
  await expect(leadField(page, "Appointment")).toContainText(/(Tue|Wed|Thu), .* (AM|PM)/);

  const link = leadPanel(page).getByRole("link", { name: /Open the lead page/ });
  await expect(link).toHaveAttribute("href", /\/t\/demo-plumbing\/leads\/[^/]+$/);
  if (LEAD_PAGE_EXISTS) {
    await link.click();
    await expect(page.getByRole("heading", { level: 1, name: "Jane Doe" })).toBeVisible();
    await expect(page.getByText("123 Main Street").filter({ visible: true }).first()).toBeVisible();
  }
});

test("an out-of-area caller is declined politely: the lead is not booked and out of area", async ({
  page,
}) => {
  await openSimulator(page);
  await missedCallReachesTheAi(page);
  await callerSays(page, "My ZIP is 10001", /doesn't cover ZIP code/);
  await expect(page.getByText("The call has ended.")).toBeVisible();
  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Not booked");
  await expect(leadField(page, "ZIP")).toContainText("10001");
  await expect(leadField(page, "In area")).toContainText("No — out of area");
  // Another call starts from a clean slate.
  await page.getByRole("button", { name: "Start another call" }).click();
  await expect(page.getByRole("button", { name: "Call Demo Plumbing" })).toBeVisible();
  await expect(page.getByText("No test call yet")).toBeVisible();
});

test("a test call left mid-way is hung up when the tester leaves the page", async ({ page }) => {
  await openSimulator(page);
  // Every first call gets its own fictional caller, not the same number each time.
  const from = await page.getByLabel("Caller's number").inputValue();
  // Written as a person types it, not "+1512…".
  expect(from).toMatch(/^\(512\) 555-01\d\d$/);
  const started = page.waitForResponse((r) => r.url().includes("simulator.start"));
  await placeCall(page);
  const body = JSON.stringify(await (await started).json());
  const callSid = /"callSid":"([^"]+)"/.exec(body)?.[1];
  expect(callSid).toBeTruthy();
  await page.getByRole("button", { name: "No answer" }).click();
  await expect(agentLine(page, /what's the ZIP code/)).toBeVisible();
  await expect(page.getByText("Leaving this page hangs up for you.")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const input = encodeURIComponent(JSON.stringify({ json: { callSid } }));
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/trpc/simulator.lead?input=${input}`, {
        headers: { "x-tenant": DEMO.tenant },
      });
      return (await res.json()).result?.data?.json?.call?.ended;
    })
    .toBe(true);
});

test('times are offered one at a time, and "the second one" after a no books the second time read out', async ({
  page,
}) => {
  await openSimulator(page);
  await missedCallReachesTheAi(page);
  await callerSays(page, "uh it's seven eight seven oh one", /What's going on with your plumbing\?/);
  await callerSays(page, "the kitchen faucet drips all day", /who am I speaking with\?/);
  await callerSays(page, "this is Ray Ortiz", /book a plumber to come out/);
  await callerSays(page, "yeah have somebody come out", /street address/);
  await callerSays(page, "88 Riverside Drive", /The next opening is .+\. Does that work for you\?/);
  await callerSays(
    page,
    "no that doesn't work for me",
    /I also have .+ or .+\. Would either of those work\?/,
  );
  const offer = (await agentLine(page, /I also have/).textContent()) ?? "";
  const second = /I also have .+? or (.+?)\. Would either/.exec(offer)?.[1];
  expect(second).toBeTruthy();
  await callerSays(page, "the second one", /Did I get that right\?/);
  await callerSays(page, "yes", /You're all set, Ray\./);
  await expect(agentLine(page, /You're all set/)).toContainText(second!);
  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Booked");
  await expect(leadField(page, "Address")).toContainText("88 Riverside Drive");
});

test("an emergency with no on-call phone: the safety line and an urgent callback, then the name and the address are taken", async ({
  page,
}) => {
  // Hill Country Plumbing has no on-call phone, so nobody can take the call live.
  await missedCallAtHillCountry(page);
  await callerSays(page, "78620", /What's going on with your plumbing\?/);
  await callerSays(
    page,
    "oh my god the toilet's overflowing and it won't stop, water's going into the hallway",
    /within 5 minutes.*what's your name\?/,
  );
  await expect(agentLine(page, /within 5 minutes/)).toContainText(
    "turn off the water valve for that fixture",
  );
  await callerSays(page, "Rosa Diaz", /address where the problem is/);
  await callerSays(page, "412 Oak Street", /call you back within 5 minutes/);
  await expect(page.getByText("The call has ended.")).toBeVisible();
  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Follow-up needed");
  await expect(leadField(page, "Urgency")).toContainText("Emergency");
  await expect(leadField(page, "Name")).toContainText("Rosa Diaz");
  await expect(leadField(page, "Address")).toContainText("412 Oak Street");
});

// Ask, don't guess: the safety question, the read-back with a correction, a question the settings
// do not answer, and a caller who is not a customer, each played in the simulator.

test("a problem that could be an emergency gets one safety question, and a yes takes the emergency path", async ({
  page,
}) => {
  await missedCallAtHillCountry(page);
  await callerSays(page, "78620", /What's going on with your plumbing\?/);
  await callerSays(
    page,
    "my sump pump quit and there's water in the basement",
    /One quick question: right now, is water spreading across the floor/,
  );
  await callerSays(page, "yes, it's getting deeper", /within 5 minutes.*what's your name\?/);
  await expect(leadField(page, "Urgency")).toContainText("Emergency");
});

test("the read-back before goodbye takes a spelled name and reads it back once more", async ({ page }) => {
  await openSimulator(page);
  await missedCallReachesTheAi(page);
  await callerSays(page, "78701", /What's going on with your plumbing\?/);
  await callerSays(page, "my toilet keeps running", /who am I speaking with\?/);
  await callerSays(page, "Lena Smith", /book a plumber to come out/);
  await callerSays(page, "book a visit please", /street address/);
  await callerSays(page, "three twelve Birch Lane", /Does that work for you\?/);
  await callerSays(
    page,
    "yes",
    /Let me read that back: Lena Smith, 312 Birch Lane, .+ Did I get that right\?/,
  );
  await callerSays(
    page,
    "it's Smythe, S M Y T H E",
    /Thanks, I've changed the name to Lena Smythe\. Let me read that back: Lena Smythe, 312 Birch Lane/,
  );
  await callerSays(page, "yes", /You're all set, Lena\./);
  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Booked");
  await expect(leadField(page, "Name")).toContainText("Lena Smythe");
  await expect(leadField(page, "Address")).toContainText("312 Birch Lane");
});

test("a question the settings do not answer is acknowledged and noted on the lead, and the call goes on", async ({
  page,
}) => {
  await openSimulator(page);
  await missedCallReachesTheAi(page);
  await callerSays(page, "78701", /What's going on with your plumbing\?/);
  await callerSays(page, "my toilet keeps running", /who am I speaking with\?/);
  await callerSays(
    page,
    "Before I give you my info, are you guys licensed and insured?",
    /I'll note it so the plumber can answer that when they call\. And who am I speaking with\?/,
  );
  await expect(leadField(page, "Notes")).toContainText("Caller asked: are you guys licensed and insured?");
  await callerSays(page, "Amy Sorensen", /book a plumber to come out/);
  await expect(leadField(page, "Name")).toContainText("Amy Sorensen");
});

test("a sales call is closed politely as not a customer, with no callback task", async ({ page }) => {
  await openSimulator(page);
  await missedCallReachesTheAi(page);
  await callerSays(
    page,
    "Hi, I'm calling about your Google business profile, is the owner available?",
    /isn't interested/,
  );
  await expect(page.getByText("The call has ended.")).toBeVisible();
  await expect(leadPanel(page).getByTestId("lead-status")).toHaveText("Closed");
  await expect(leadField(page, "Closed")).toContainText("Not a customer: sales call");
  await expect(leadPanel(page).getByText("No tasks.")).toBeVisible();
});
