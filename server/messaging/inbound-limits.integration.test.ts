// Callers' texts and link clicks, as an attacker or a clumsy phone would send them: a text at the
// 1,600-character limit keeps its last emoji whole (cut by characters, never half a character),
// and tapping a text's link again and again puts one click on the lead's timeline per hour.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { publicUrl, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { makeLead } from "@/prisma/factories";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { inboundSmsForm, signedTwilioRequest } from "@/server/test/webhook-test-kit";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { POST as smsRoute } from "@/app/api/twilio/sms/route";
import { GET as linkRoute } from "@/app/r/[token]/route";
import { createTrackedLink } from "./tracked-link";
import { CLICK_EVENT_EVERY_MS, followLink } from "./follow-link";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
const inbound = (from: string, body: string): TwilioForm => inboundSmsForm(from, biz.trackingNumber, body);

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Limits Plumbing" });
});
afterAll(() => db?.drop());

describe(`callers' texts and links (${engineName})`, () => {
  it("keeps a long text's last emoji whole instead of storing half of it (cut at 1,600 characters, not UTF-16 units)", async () => {
    const caller = "+17375559001";
    const text = `${"x".repeat(1599)}😀 and more after the limit`;
    const res = await smsRoute(signedTwilioRequest(publicUrl("/api/twilio/sms"), inbound(caller, text)));
    expect(res.status).toBe(200);
    const stored = await prisma.message.findFirstOrThrow({
      where: { fromNumber: caller, direction: "inbound" },
    });
    expect(stored.body).toBe(`${"x".repeat(1599)}😀`);
    expect(stored.body).not.toContain("\uFFFD");
    expect([...stored.body]).toHaveLength(1600);
  });

  it("records a link's clicks on the timeline once per hour, however often it is opened", async () => {
    const lead = await makeLead(prisma, biz.tenant.id);
    const now = new Date();
    const url = await createTrackedLink(tenantScoped(prisma, biz.tenant.id), {
      tenantId: biz.tenant.id,
      leadId: lead.id,
      target: "https://book.example.com/q",
      now,
    });
    const token = url.split("/r/")[1]!;
    const open = () => linkRoute(new Request(url), { params: Promise.resolve({ token }) });
    // Five taps at once and three more: every one is redirected, one event is written.
    const answers = await Promise.all(Array.from({ length: 5 }, open));
    for (let i = 0; i < 3; i++) answers.push(await open());
    for (const a of answers) expect(a.status).toBe(302);
    const clicks = () => prisma.leadEvent.count({ where: { leadId: lead.id, type: "sms.link_clicked" } });
    expect(await clicks()).toBe(1);
    // An hour later a click counts again.
    await followLink(systemDb(prisma), token, new Date(Date.now() + CLICK_EVENT_EVERY_MS + 1000));
    expect(await clicks()).toBe(2);
    await followLink(systemDb(prisma), token, new Date(Date.now() + CLICK_EVENT_EVERY_MS + 60_000));
    expect(await clicks()).toBe(2);
  });
});
