// A customer's ordinary text back (not STOP/START/HELP, not a reschedule or cancel) changes their
// open lead through the one leads writer: the lead moves up the queue ("Follow-up needed",
// "Answer the caller's text", due now — an overdue due time stays), the follow-up sequence stops
// because the caller replied, the timeline says so in the change's own order, and integrations
// hear `lead.updated`. A booked lead keeps its visit, next action and due time. A replayed webhook
// changes nothing, and another business's lead for the same caller is never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { makeInboxLead, makeLead } from "@/prisma/factories";
import { ANSWER_TEXT_ACTION } from "@/server/followups/approval-queue";
import { temperatureOf } from "@/server/leads/temperature";
import { addWebhookEndpoint, makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { engineName, untilALockIsAwaited, useTestDatabase } from "@/server/test/test-db";
import { inboundSmsForm } from "@/server/test/webhook-test-kit";
import { handleInboundSms } from "./handle-inbound-sms";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let other: TestBusiness;

const MONDAY_10 = new Date("2026-12-07T16:00:00Z"); // Mon 10:00 AM in Chicago: the office is open
const FIVE_MINUTES_AGO = new Date(MONDAY_10.getTime() - 5 * 60_000);
const VISIT = new Date("2026-12-10T15:00:00Z");
const noQueue = async () => null;

let seq = 0;
const newCaller = () => `+1737557${String(1000 + ++seq).padStart(4, "0")}`;
const textTo = (b: TestBusiness, from: string, body: string) => inboundSmsForm(from, b.trackingNumber, body);
const receive = (form: TwilioForm, now = MONDAY_10) =>
  handleInboundSms(systemDb(prisma), form, { now, enqueue: noQueue });

/** A web-form request of five minutes ago (a reply due within 15), routed and in its follow-up sequence. */
const webFormLead = (b: TestBusiness, callerPhone: string) =>
  makeInboxLead(prisma, b.tenant.id, {
    callerPhone,
    source: "web_form",
    status: "not_booked",
    now: FIVE_MINUTES_AGO,
  });
const leadOf = (id: string) => prisma.lead.findUniqueOrThrow({ where: { id } });
const linesOf = (id: string) =>
  prisma.leadEvent.findMany({ where: { leadId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const deliveriesOf = (leadId: string) =>
  prisma.webhookDelivery.findMany({ where: { leadId }, orderBy: { createdAt: "asc" } });
const hookFor = (b: TestBusiness) => addWebhookEndpoint(prisma, b, ["lead.updated", "appointment.cancelled"]);

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Rescue Plumbing" });
  other = await makeTestBusiness(prisma, { name: "Other Plumbing" });
  await hookFor(biz);
  await hookFor(other);
});
afterAll(() => db?.drop());

describe(`a customer's reply by text (${engineName})`, () => {
  it("moves the lead up the queue through the leads writer: one change, its timeline, lead.updated", async () => {
    const caller = newCaller();
    const lead = await webFormLead(biz, caller);
    expect(lead.dueAt!.getTime()).toBeGreaterThan(MONDAY_10.getTime());
    const before = (await linesOf(lead.id)).length;
    const res = await receive(textTo(biz, caller, "Yes please, Tuesday morning works"));
    expect(res).toMatchObject({
      kind: "message",
      leadId: lead.id,
      createdLead: false,
      appointmentReply: null,
    });
    const after = await leadOf(lead.id);
    expect(after).toMatchObject({
      status: "followup_needed",
      nextAction: ANSWER_TEXT_ACTION,
      dueAt: MONDAY_10,
      ownerId: lead.ownerId,
      lastReplyAt: MONDAY_10,
      lastActivityAt: MONDAY_10,
    });
    expect(after.temperature).toBe(temperatureOf(after, MONDAY_10));
    expect(after.temperature).toBeGreaterThan(lead.temperature);
    // Integrations hear the status change, as for every change the writer makes.
    expect((await deliveriesOf(lead.id)).map((d) => d.eventType)).toEqual(["lead.updated"]);
    expect(JSON.parse((await deliveriesOf(lead.id))[0]!.payload)).toMatchObject({
      type: "lead.updated",
      data: { id: lead.id, status: "followup_needed" },
    });
    // The sequence's stop (the writer's follow-up hook), then the change's own lines in order.
    const lines = (await linesOf(lead.id)).slice(before);
    expect(lines.map((e) => e.type)).toEqual([
      "followup.stopped",
      "sms.received",
      "followup.moved_up",
      "lead.temperature_changed",
    ]);
    expect(lines[0]!.data).toMatchObject({ reason: "replied", why: "the caller replied" });
    expect(lines[1]!.data).toMatchObject({ body: "Yes please, Tuesday morning works" });
    expect(lines[2]!.data).toEqual({ why: "the caller replied", nextAction: ANSWER_TEXT_ACTION });
    expect(lines[3]!.data).toMatchObject({
      from: lead.temperature,
      to: after.temperature,
      why: "the caller replied",
    });
    expect(await prisma.followUpEnrollment.findUniqueOrThrow({ where: { leadId: lead.id } })).toMatchObject({
      status: "stopped",
      stopReason: "replied",
    });
  });

  it("an overdue due time stays, so the lead keeps its place at the top", async () => {
    const caller = newCaller();
    const overdue = new Date(MONDAY_10.getTime() - 30 * 60_000);
    const lead = await makeLead(prisma, biz.tenant.id, {
      callerPhone: caller,
      status: "followup_needed",
      nextAction: "Call the caller back",
      dueAt: overdue,
      ownerId: biz.officeId,
    });
    await receive(textTo(biz, caller, "Hello? Still waiting to hear back"));
    expect(await leadOf(lead.id)).toMatchObject({
      status: "followup_needed",
      nextAction: ANSWER_TEXT_ACTION,
      dueAt: overdue,
    });
  });

  it("a replayed webhook for the same text changes nothing", async () => {
    const caller = newCaller();
    const lead = await webFormLead(biz, caller);
    const form = textTo(biz, caller, "Can someone call me?");
    await receive(form);
    const snapshot = async () => ({
      lead: await leadOf(lead.id),
      lines: await linesOf(lead.id),
      deliveries: await deliveriesOf(lead.id),
      messages: await prisma.message.count({ where: { fromNumber: caller } }),
    });
    const once = await snapshot();
    expect(once.lines.map((e) => e.type)).toContain("followup.moved_up");
    expect(await receive(form, new Date(MONDAY_10.getTime() + 5 * 60_000))).toEqual({ kind: "duplicate" });
    expect(await snapshot()).toEqual(once);
  });

  // Another connection holds the lead's row while the reply is read, then commits its own change:
  // the writer refuses the reply's stale write (CONFLICT) and the reply is read again and written.
  it.skipIf(engineName !== "postgresql")(
    "a reply that races another change of the lead is written on the lead as it is now",
    async () => {
      const caller = newCaller();
      const lead = await webFormLead(biz, caller);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const office = prisma.$transaction(
        async (tx) => {
          await tx.lead.update({ where: { id: lead.id }, data: { notes: "Prefers mornings" } });
          await released;
        },
        { timeout: 20_000 },
      );
      const reply = receive(textTo(biz, caller, "Mornings are best for me"));
      // The reply's write waits on the office's row lock, then finds the lead changed.
      await untilALockIsAwaited(prisma);
      release();
      await office;
      expect(await reply).toMatchObject({ kind: "message", leadId: lead.id });
      expect(await leadOf(lead.id)).toMatchObject({
        notes: "Prefers mornings",
        status: "followup_needed",
        nextAction: ANSWER_TEXT_ACTION,
        lastReplyAt: MONDAY_10,
      });
      const types = (await linesOf(lead.id)).map((e) => e.type);
      expect(types.filter((t) => t === "sms.received")).toHaveLength(1);
      expect(types.filter((t) => t === "followup.moved_up")).toHaveLength(1);
    },
  );

  it("never touches another business's lead for the same caller", async () => {
    const caller = newCaller();
    const ours = await webFormLead(biz, caller);
    const theirs = await webFormLead(other, caller);
    const snapshot = async () => ({
      lead: await leadOf(theirs.id),
      lines: await linesOf(theirs.id),
      deliveries: await deliveriesOf(theirs.id),
      enrollment: await prisma.followUpEnrollment.findUnique({ where: { leadId: theirs.id } }),
    });
    const before = await snapshot();
    await receive(textTo(biz, caller, "Is anyone coming today?"));
    expect((await leadOf(ours.id)).nextAction).toBe(ANSWER_TEXT_ACTION);
    expect(await snapshot()).toEqual(before);
  });

  it("a booked lead keeps its status, visit, next action and due time; the reply is recorded", async () => {
    const caller = newCaller();
    const confirmBy = new Date("2026-12-09T15:00:00Z");
    const lead = await makeLead(prisma, biz.tenant.id, {
      callerPhone: caller,
      status: "booked",
      appointmentAt: VISIT,
      nextAction: "Confirm the appointment with the customer",
      dueAt: confirmBy,
      ownerId: biz.officeId,
    });
    await receive(textTo(biz, caller, "Thanks, see you Thursday!"));
    const after = await leadOf(lead.id);
    expect(after).toMatchObject({
      status: "booked",
      appointmentAt: VISIT,
      nextAction: "Confirm the appointment with the customer",
      dueAt: confirmBy,
      ownerId: biz.officeId,
      lastReplyAt: MONDAY_10,
    });
    const types = (await linesOf(lead.id)).map((e) => e.type);
    expect(types).toContain("sms.received");
    expect(types).not.toContain("followup.moved_up");
    expect(types).not.toContain("appointment.cancelled");
    expect(await deliveriesOf(lead.id)).toEqual([]);
    expect(await prisma.task.count({ where: { leadId: lead.id } })).toBe(0);
  });
});
