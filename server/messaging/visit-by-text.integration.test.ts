// A customer who texts to reschedule or cancel their booked visit changes the lead as the office's
// own cancel does, through the one leads writer: the visit is cleared with its timeline line, the
// lead is follow-up needed with a call to rebook due soon in office hours. A replayed webhook
// changes nothing, and another business's lead for the same caller is never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { makeLead } from "@/prisma/factories";
import { REBOOK_ACTION } from "@/server/leads/apply-lead-change";
import { changeStatus } from "@/server/leads/change-status";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { inboundSmsForm } from "@/server/test/webhook-test-kit";
import { handleInboundSms } from "./handle-inbound-sms";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let other: TestBusiness;

const MONDAY_10 = new Date("2026-12-07T16:00:00Z"); // Mon 10:00 AM in Chicago: the office is open (8–5)
const REBOOK_DUE = new Date("2026-12-07T16:15:00Z");
const VISIT = new Date("2026-12-10T15:00:00Z"); // Thu 9:00 AM
const noQueue = async () => null;

let seq = 0;
const newCaller = () => `+1737556${String(1000 + ++seq).padStart(4, "0")}`;
const textFrom = (from: string, body: string) => inboundSmsForm(from, biz.trackingNumber, body);
const receive = (form: TwilioForm, now = MONDAY_10) =>
  handleInboundSms(systemDb(prisma), form, { now, enqueue: noQueue });

const bookedLead = (b: TestBusiness, callerPhone: string) =>
  makeLead(prisma, b.tenant.id, {
    callerPhone,
    status: "booked",
    appointmentAt: VISIT,
    nextAction: "Confirm the appointment with the customer",
    dueAt: new Date("2026-12-09T15:00:00Z"),
    ownerId: b.officeId,
  });
const leadOf = (id: string) => prisma.lead.findUniqueOrThrow({ where: { id } });
const linesOf = async (id: string) =>
  prisma.leadEvent.findMany({ where: { leadId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Rescue Plumbing" });
  other = await makeTestBusiness(prisma, { name: "Other Plumbing" });
});
afterAll(() => db?.drop());

describe(`a booked visit changed by text (${engineName})`, () => {
  it("a texted cancel clears the visit and leaves the lead as the office's cancel does", async () => {
    const caller = newCaller();
    const texted = await bookedLead(biz, caller);
    const byOffice = await bookedLead(biz, newCaller());
    expect(await receive(textFrom(caller, "We no longer need the visit, please cancel it"))).toMatchObject({
      kind: "message",
      leadId: texted.id,
      appointmentReply: "cancel",
    });
    await changeStatus(
      {
        db: tenantScoped(prisma, biz.tenant.id),
        tenantId: biz.tenant.id,
        viewer: { userId: biz.officeId, role: "staff" },
        now: MONDAY_10,
      },
      { leadId: byOffice.id, status: "followup_needed" },
    );
    const pick = ({
      status,
      appointmentAt,
      nextAction,
      dueAt,
      ownerId,
    }: Awaited<ReturnType<typeof leadOf>>) => ({
      status,
      appointmentAt,
      nextAction,
      dueAt,
      ownerId,
    });
    const after = pick(await leadOf(texted.id));
    expect(after).toEqual({
      status: "followup_needed",
      appointmentAt: null,
      nextAction: REBOOK_ACTION,
      dueAt: REBOOK_DUE,
      ownerId: biz.officeId,
    });
    expect(after).toEqual(pick(await leadOf(byOffice.id)));
    // The timeline: the text, what it asked, the cancelled visit (the office's own line), the
    // temperature the reply changed (one change), then the task.
    const lines = await linesOf(texted.id);
    expect(lines.map((e) => e.type)).toEqual([
      "sms.received",
      "sms.appointment_change",
      "appointment.cancelled",
      "lead.temperature_changed",
      "task.created",
    ]);
    expect(lines[3]!.data).toMatchObject({ why: "the caller replied" });
    expect(lines[2]!.data).toEqual({ appointmentAt: VISIT.toISOString(), to: "followup_needed" });
    expect((await linesOf(byOffice.id)).find((e) => e.type === "appointment.cancelled")!.data).toEqual(
      lines[2]!.data,
    );
    const tasks = await prisma.task.findMany({ where: { leadId: texted.id } });
    expect(tasks).toMatchObject([
      {
        kind: "cancellation",
        title: REBOOK_ACTION,
        dueAt: REBOOK_DUE,
        assigneeId: biz.officeId,
        doneAt: null,
      },
    ]);
  });

  it("a texted reschedule moves the lead out of booked the same way, with a task to rebook", async () => {
    const caller = newCaller();
    const lead = await bookedLead(biz, caller);
    // Saturday noon: the office is closed, so the call to rebook is due at Monday's opening.
    const saturday = new Date("2026-12-05T18:00:00Z");
    await receive(textFrom(caller, "Something came up, can we reschedule?"), saturday);
    expect(await leadOf(lead.id)).toMatchObject({
      status: "followup_needed",
      appointmentAt: null,
      nextAction: REBOOK_ACTION,
      dueAt: new Date("2026-12-07T14:00:00Z"),
    });
    expect((await linesOf(lead.id)).map((e) => e.type)).toContain("appointment.cancelled");
    expect(await prisma.task.findMany({ where: { leadId: lead.id } })).toMatchObject([
      { kind: "reschedule", title: REBOOK_ACTION },
    ]);
  });

  it("a replayed webhook for the same text changes nothing", async () => {
    const caller = newCaller();
    const lead = await bookedLead(biz, caller);
    const form = textFrom(caller, "I need to cancel my appointment");
    await receive(form);
    const once = {
      lead: await leadOf(lead.id),
      lines: (await linesOf(lead.id)).length,
      tasks: await prisma.task.count({ where: { leadId: lead.id } }),
      messages: await prisma.message.count({ where: { fromNumber: caller } }),
    };
    expect(once.lines).toBeGreaterThan(0);
    expect(await receive(form, new Date(MONDAY_10.getTime() + 60_000))).toEqual({ kind: "duplicate" });
    expect({
      lead: await leadOf(lead.id),
      lines: (await linesOf(lead.id)).length,
      tasks: await prisma.task.count({ where: { leadId: lead.id } }),
      messages: await prisma.message.count({ where: { fromNumber: caller } }),
    }).toEqual(once);
  });

  it("never touches another business's booked lead for the same caller", async () => {
    const caller = newCaller();
    const ours = await bookedLead(biz, caller);
    const theirs = await bookedLead(other, caller);
    const before = { lead: await leadOf(theirs.id), lines: await linesOf(theirs.id) };
    await receive(textFrom(caller, "Please cancel the appointment"));
    expect((await leadOf(ours.id)).appointmentAt).toBeNull();
    expect({ lead: await leadOf(theirs.id), lines: await linesOf(theirs.id) }).toEqual(before);
    expect(await prisma.task.count({ where: { leadId: theirs.id } })).toBe(0);
  });
});
