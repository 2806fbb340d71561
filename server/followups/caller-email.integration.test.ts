// Follow-up emails to the caller on a real database: an email step is drafted and approved like a
// text, goes out through the notification outbox (real nodemailer to a local SMTP server) with an
// unsubscribe link; a caller with no address or who unsubscribed is skipped and the timeline says
// why; the unsubscribe link holds for the address across the business's leads; a STOP text stops
// the whole sequence, emails included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { startFakeSmtp, type FakeSmtp } from "@/server/notifications/fake-smtp-server";
import { deliverNotification } from "@/server/notifications/deliver-notification";
import type { Enqueue } from "@/server/notifications/outbox";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { createLead } from "@/server/leads/create-lead";
import { ZAddLeadInput } from "@/server/leads/add-lead";
import { GET as unsubscribePage, POST as unsubscribeRoute } from "@/app/u/[token]/route";
import { createTemplateModel, draftWriterFor, TEMPLATE_MODEL_ID } from "./draft-writer";
import { onCallerOptedOut, sendDraft } from "./approval-queue";
import { unsubscribeToken } from "./caller-email";
import { runFollowUpStep } from "./run-step";
import { saveSequence } from "./sequences";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let smtp: FakeSmtp;
const bizDb = () => tenantScoped(prisma, biz.tenant.id);
const writeDraft = draftWriterFor(createTemplateModel(), TEMPLATE_MODEL_ID);
const queued: string[] = [];
const enqueue: Enqueue = async (_name, data) => {
  queued.push((data as { id: string }).id);
  return "job";
};
let seq = 0;

async function emailLead(callerEmail: string | null) {
  return createLead(
    { db: bizDb(), tenantId: biz.tenant.id, actorId: null },
    {
      callerPhone: `+1737558${String(1000 + ++seq).padStart(4, "0")}`,
      callerName: "Erin Email",
      callerEmail,
      source: "web_form",
      issueSummary: "Toilet keeps running",
      urgency: "normal",
    },
  );
}

async function runStep(leadId: string) {
  const e = await prisma.followUpEnrollment.findUniqueOrThrow({ where: { leadId } });
  return runFollowUpStep(
    bizDb(),
    { enrollmentId: e.id, tenantId: biz.tenant.id, generation: e.generation, step: e.nextStep },
    { now: new Date(), writeDraft },
  );
}

const stepEvents = async (leadId: string) =>
  (await prisma.leadEvent.findMany({ where: { leadId, type: "followup.step" } })).map(
    (e) => e.data as { channel: string; why?: string },
  );

const postUnsubscribe = (token: string) =>
  unsubscribeRoute(new Request(`https://rescue.example.test/u/${token}`, { method: "POST" }), {
    params: Promise.resolve({ token }),
  });

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Clearwater Plumbing" });
  smtp = await startFakeSmtp();
  // Two emails a day apart, so a second step is there to be skipped after an unsubscribe.
  await saveSequence(bizDb(), biz.tenant.id, "web_form", {
    steps: [
      {
        delayMinutes: 0,
        channel: "email",
        message: "Hi {name},\n\nThanks for asking {business} about {problem}.\n\n{business}",
      },
      { delayMinutes: 0, channel: "email", message: "Hi {name}, {business} again about {problem}." },
    ],
  });
});
afterAll(async () => {
  await smtp?.close();
  await db?.drop();
});

describe(`follow-up emails to the caller (${engineName})`, () => {
  it("an email step is drafted, approved, and sent through the email outbox with an unsubscribe link", async () => {
    const lead = await emailLead("Erin@Example.com");
    expect(lead.callerEmail).toBe("erin@example.com");
    expect(await runStep(lead.id)).toBe("drafted");
    const [draft] = await prisma.followUpDraft.findMany({ where: { leadId: lead.id } });
    expect(draft).toMatchObject({ channel: "email", status: "pending" });
    expect(draft!.body).toBe(
      "Hi Erin,\n\nThanks for asking Clearwater Plumbing about toilet keeps running.\n\nClearwater Plumbing",
    );

    await sendDraft({ db: bizDb(), tenantId: biz.tenant.id, actorId: biz.ownerId }, draft!.id, { enqueue });
    const note = await prisma.notification.findFirstOrThrow({ where: { leadId: lead.id, channel: "email" } });
    expect(note).toMatchObject({ userId: null, to: "erin@example.com", purpose: "followup.email" });
    expect(note.subject).toBe("Clearwater Plumbing: about your request (Toilet keeps running)");
    expect(note.body).toContain(`/u/${unsubscribeToken(lead.id)}`);
    expect(queued).toContain(note.id);
    // Approving twice sends nothing more.
    await expect(
      sendDraft({ db: bizDb(), tenantId: biz.tenant.id, actorId: biz.ownerId }, draft!.id, { enqueue }),
    ).rejects.toThrow(/already handled/);
    expect(await prisma.notification.count({ where: { leadId: lead.id } })).toBe(1);

    // The same delivery job as every email: through nodemailer to the mail server.
    expect(await deliverNotification(systemDb(prisma), note.id, { smtpUrl: smtp.url })).toBe("sent");
    const mail = smtp.messages.find((m) => m.to.some((t) => t.includes("erin@example.com")));
    expect(mail?.data).toContain("Thanks for asking Clearwater Plumbing");
    expect(mail?.data).toContain("Unsubscribe");
    const sent = await prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead.id, type: "followup.sent" },
    });
    expect(sent.data).toMatchObject({ channel: "email", to: "erin@example.com" });
  });

  it("a caller with no email address: the step is skipped, the timeline says why, and the sequence goes on", async () => {
    const lead = await emailLead(null);
    expect(await runStep(lead.id)).toBe("skipped");
    expect(await stepEvents(lead.id)).toEqual([
      expect.objectContaining({
        channel: "email_skipped",
        why: "Email skipped: the caller gave no email address.",
      }),
    ]);
    expect(await prisma.followUpDraft.count({ where: { leadId: lead.id } })).toBe(0);
    expect((await prisma.followUpEnrollment.findUniqueOrThrow({ where: { leadId: lead.id } })).nextStep).toBe(
      1,
    );
  });

  it("the unsubscribe link stops emails to that address on every lead; the waiting email is withdrawn", async () => {
    const first = await emailLead("pat@example.com");
    const second = await emailLead("PAT@example.com");
    expect(await runStep(second.id)).toBe("drafted");
    // GET only asks; a mail scanner opening the link unsubscribes nobody.
    const page = await unsubscribePage(new Request("https://rescue.example.test/u/x"), {
      params: Promise.resolve({ token: unsubscribeToken(first.id) }),
    });
    expect(await page.text()).toContain("Unsubscribe");
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: first.id } })).emailOptedOutAt).toBeNull();

    const res = await postUnsubscribe(unsubscribeToken(first.id));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Clearwater Plumbing will send you no more follow-up emails");
    for (const id of [first.id, second.id])
      expect((await prisma.lead.findUniqueOrThrow({ where: { id } })).emailOptedOutAt).not.toBeNull();
    expect(await prisma.followUpDraft.findFirst({ where: { leadId: second.id } })).toMatchObject({
      status: "canceled",
    });
    expect(
      await prisma.leadEvent.count({ where: { leadId: first.id, type: "followup.email_unsubscribed" } }),
    ).toBe(1);
    // Clicking again changes nothing; the next email step is skipped with its reason.
    expect((await postUnsubscribe(unsubscribeToken(first.id))).status).toBe(200);
    expect(
      await prisma.leadEvent.count({ where: { leadId: first.id, type: "followup.email_unsubscribed" } }),
    ).toBe(1);
    expect(await runStep(first.id)).toBe("skipped");
    expect((await stepEvents(first.id)).at(-1)?.why).toBe(
      "Email skipped: the caller unsubscribed from emails.",
    );
  });

  it("a forged unsubscribe link is refused and changes nothing", async () => {
    const lead = await emailLead("sam@example.com");
    const forged = `${lead.id}.${"A".repeat(32)}`;
    expect((await postUnsubscribe(forged)).status).toBe(404);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).emailOptedOutAt).toBeNull();
  });

  it("a STOP text stops the whole sequence, the waiting email included", async () => {
    const lead = await emailLead("lee@example.com");
    expect(await runStep(lead.id)).toBe("drafted");
    await onCallerOptedOut(bizDb(), biz.tenant.id, lead.id, new Date());
    expect(await prisma.followUpEnrollment.findUniqueOrThrow({ where: { leadId: lead.id } })).toMatchObject({
      status: "stopped",
      stopReason: "opted_out",
    });
    expect(await prisma.followUpDraft.findFirst({ where: { leadId: lead.id } })).toMatchObject({
      status: "canceled",
    });
  });

  it("Add lead refuses a mistyped email address and names the field", () => {
    const parsed = ZAddLeadInput.safeParse({
      kind: "phone_call",
      callerName: "Typo Tim",
      callerPhone: "512-555-0199",
      callerEmail: "tim@",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["callerEmail"],
      message: "Enter a valid email address, like name@example.com.",
    });
  });
});
