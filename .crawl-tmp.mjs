import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3223";
const T = "/t/demo-plumbing";
const pages = ["", "/leads", "/leads/stale", "/routines", "/notifications", "/simulator", "/qa", "/reports", "/reports/print", "/settings/phone", "/settings/service-area", "/settings/hours", "/settings/call-answers", "/settings/routing", "/settings/team", "/settings/billing", "/settings/api-keys", "/settings/audit", "/settings/business", "/settings/messaging", "/settings/calendar", "/settings/webhooks", "/dev/outbox", "/dev/messages"];
const JARGON = /\b(missed_call|followup_needed|answered_by_ai|answered_by_plumber|not_booked|web_form|urgent_callback|no_show|lead\.[a-z_]+|call\.[a-z_]+)\b|\bseed\b|\bSOP\b|E\.164|<\/?(Response|Say|Gather|Dial|Number|Redirect|Hangup)\b|TwiML|prompt profile/i;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const width of [1280, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(base + "/sign-in", { timeout: 180000 });
  await page.getByLabel("Email").fill("owner@demo-plumbing.test");
  await page.getByLabel("Password").fill("demo-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/t\//, { timeout: 120000 });
  await page.goto(base + T + "/leads", { timeout: 180000 });
  await page.locator('[data-testid="inbox-row"]').first().waitFor({ timeout: 180000 });
  const leadHrefs = await page.locator('[data-testid="inbox-row"] a[href*="/leads/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const all = [...pages.map((p) => T + p), ...leadHrefs.slice(0, 8), "/agency", "/agency/reports"];
  for (const p of all) {
    try {
      await page.goto(base + p, { timeout: 120000 });
      await page.waitForLoadState("networkidle", { timeout: 90000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, text: document.body.innerText }));
      const lines = r.text.split("\n").filter((l) => JARGON.test(l));
      const wide = r.sw > r.cw;
      let culprit = "";
      if (wide) culprit = await page.evaluate((cw) => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > cw + 1).slice(-4).map((e) => `${e.tagName}.${String(e.className).slice(0, 80)} r=${Math.round(e.getBoundingClientRect().right)}`).join(" | "), r.cw);
      console.log(`${width} ${p} ${wide ? `WIDE ${r.sw}>${r.cw} ${culprit}` : "ok"}${width === 1280 && lines.length ? `\n   JARGON: ${lines.slice(0, 6).join(" // ")}` : ""}`);
    } catch (e) {
      console.log(`${width} ${p} ERROR ${e.message.split("\n")[0]}`);
    }
  }
  await page.close();
}
await browser.close();
