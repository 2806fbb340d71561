// Integrations in the browser: an owner adds a webhook endpoint (the secret shown once), an API
// change reaches a local receiver signed, and the delivery log shows it; a staff member gets a
// private calendar link that serves iCalendar and stops working when turned off.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { DEMO, signIn } from "./helpers";

const API_KEY = "lr_live_demo_key_for_local_use_only_0001";
const auth = { authorization: `Bearer ${API_KEY}` };

let server: Server;
const received: { headers: Record<string, string>; body: string }[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body,
      });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("an owner adds a webhook endpoint and sees a signed delivery in its log", async ({ page }) => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  await signIn(page, DEMO.owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByRole("checkbox", { name: /lead\.updated/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = await page.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole("button", { name: "I saved it" }).click();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Webhook endpoints" }).getByText(url)).toBeVisible();

  // A change through the REST API is a lead.updated for the receiver.
  const leads = (await (await page.request.get("/api/v1/leads?limit=1", { headers: auth })).json()) as {
    data: { id: string }[];
  };
  const leadId = leads.data[0]!.id;
  const patch = await page.request.patch(`/api/v1/leads/${leadId}`, {
    headers: auth,
    data: { externalJobId: "E2E-42" },
  });
  expect(patch.status()).toBe(200);
  await expect
    .poll(() => received.filter((r) => r.body.includes("E2E-42")).length, { timeout: 20_000 })
    .toBe(1);
  const hit = received.find((r) => r.body.includes("E2E-42"))!;
  const event = new Webhook(secret).verify(hit.body, hit.headers) as { type: string; data: { id: string } };
  expect(event).toMatchObject({ type: "lead.updated", data: { id: leadId } });

  await page.getByRole("button", { name: "Show delivery log" }).click();
  await expect(page.getByRole("table", { name: "Delivery log" }).getByText("Delivered").first()).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole("table", { name: "Delivery log" }).getByText("HTTP 200").first()).toBeVisible();
});

test("a staff member gets a private calendar link of their visits and can turn it off", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar feed" }).click();
  await expect(page.getByRole("heading", { name: "Calendar feed" })).toBeVisible();
  await expect(page.getByText("All booked visits")).toHaveCount(0);
  await page.getByRole("button", { name: "Create calendar link" }).click();
  // Shown once: only its fingerprint is stored.
  const link = await page.getByLabel("Calendar link", { exact: true }).inputValue();
  expect(link).toMatch(/\/api\/cal\/cal_[A-Za-z0-9_-]+\.ics$/);
  await page.getByRole("button", { name: "I saved it" }).click();
  await expect(page.getByLabel("Calendar link", { exact: true })).toHaveCount(0);
  // The day it was made as people read it ("Mon, Dec 7"), in the business's time zone.
  await expect(
    page.getByText(
      /A private link to the visits you own is active \(made [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}\)/,
    ),
  ).toBeVisible();
  const feed = await page.request.get(link);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");
  await page.getByRole("button", { name: /Turn off the My visits link/ }).click();
  await page.getByRole("button", { name: "Yes, turn off" }).click();
  await expect(page.getByRole("button", { name: "Create calendar link" })).toBeVisible();
  expect((await page.request.get(link)).status()).toBe(404);
});
