// Logging a call on the lead page completes the lead's next action and leaves the next step of how
// the call went, through the procedure (an office open all week, so due times read plainly) and
// the domain function at a fixed clock (a weekday office, so due times fall in its hours).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { completeSetup, makeInboxLead, makeTenant, makeUser } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import {
  callAttemptAction,
  closeAfterAttemptsAction,
  MISSED_CALL_ACTION,
  REACHED_FOLLOW_UP_ACTION,
} from "@/server/calls/next-step";
import { logTouchpoint } from "./log-touchpoint";
import { bookAppointment, confirmDueAt } from "./book-appointment";
import { businessClock } from "./business-hours";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let owner: ReturnType<typeof callerFor>;
let ownerId: string;
let tenantId: string;

const HOUR = 3_600_000;

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await makeUser(db.prisma);
  const tenant = await makeTenant(db.prisma, { ownerId: user.id });
  await completeSetup(db.prisma, tenant.id, {
    // Open around the clock: due times are the cadence's own, whatever the time the test runs.
    hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
    slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "11:00" })),
  });
  owner = callerFor(db.prisma, user.id, tenant.slug);
  ownerId = user.id;
  tenantId = tenant.id;
});
afterAll(() => db.drop());

/** A missed call's lead, "call back now", with its open callback task. */
async function missedCallLead() {
  const lead = await makeInboxLead(db.prisma, tenantId, {
    status: "missed",
    ownerId,
    nextAction: MISSED_CALL_ACTION,
    dueAt: new Date(Date.now() - 10 * 60_000),
  });
  await db.prisma.task.create({
    data: {
      tenantId,
      leadId: lead.id,
      kind: "callback",
      title: MISSED_CALL_ACTION,
      dueAt: lead.dueAt!,
      assigneeId: ownerId,
    },
  });
  return lead;
}

const leadRow = (id: string) => db.prisma.lead.findUniqueOrThrow({ where: { id } });
const openTasks = (leadId: string) => db.prisma.task.count({ where: { leadId, doneAt: null } });

describe(`logging a call completes the next action (${engineName})`, () => {
  it("no answer: the callback is done, the lead is follow-up needed and the next attempt is due in 2 hours, on the timeline", async () => {
    const lead = await missedCallLead();
    const shown = await owner.leads.logTouchpoint({ leadId: lead.id, kind: "no_answer" });
    const saved = await leadRow(lead.id);
    expect(shown).toMatchObject({ id: lead.id, status: "followup_needed", nextAction: callAttemptAction(2) });
    expect(saved).toMatchObject({
      status: "followup_needed",
      nextAction: callAttemptAction(2),
      touchpoints: 1,
    });
    expect(saved.dueAt!.getTime() - saved.lastActivityAt!.getTime()).toBe(2 * HOUR);
    expect(new Date(shown.dueAt!).getTime()).toBe(saved.dueAt!.getTime());
    expect(await openTasks(lead.id)).toBe(0);
    const line = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead.id, type: "touchpoint.no_answer" },
    });
    expect(line.data).toMatchObject({
      completed: MISSED_CALL_ACTION,
      attempt: 1,
      nextAction: callAttemptAction(2),
      dueAt: saved.dueAt!.toISOString(),
    });
    expect(line.actorId).toBe(ownerId);
    // The inbox no longer shows the lead overdue.
    expect(saved.dueAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("counts unanswered calls: the next day after the second, closing after the third; reaching the caller starts over", async () => {
    const lead = await missedCallLead();
    await owner.leads.logTouchpoint({ leadId: lead.id, kind: "no_answer" });
    const second = await owner.leads.logTouchpoint({
      leadId: lead.id,
      kind: "left_voicemail",
      text: "Left a message",
    });
    expect(second.nextAction).toBe(callAttemptAction(3));
    const afterSecond = await leadRow(lead.id);
    expect(afterSecond.dueAt!.getTime() - afterSecond.lastActivityAt!.getTime()).toBe(24 * HOUR);
    const third = await owner.leads.logTouchpoint({ leadId: lead.id, kind: "no_answer" });
    expect(third.nextAction).toBe(closeAfterAttemptsAction(3));
    const reached = await owner.leads.logTouchpoint({
      leadId: lead.id,
      kind: "called_back",
      text: "Wants a quote first",
    });
    expect(reached.nextAction).toBe(REACHED_FOLLOW_UP_ACTION);
    const again = await owner.leads.logTouchpoint({ leadId: lead.id, kind: "no_answer" });
    expect(again.nextAction).toBe(callAttemptAction(2));
  });

  it("a call that books: booked, the visit confirmed before it, the callback done", async () => {
    const lead = await missedCallLead();
    const slots = (await owner.leads.get({ id: lead.id })).booking.slots;
    expect(slots.length).toBeGreaterThan(0);
    const shown = await owner.leads.logTouchpoint({
      leadId: lead.id,
      kind: "called_back",
      slotStartsAt: slots[0]!.startsAt,
      text: "Booked for the leak",
    });
    const saved = await leadRow(lead.id);
    expect(shown.status).toBe("booked");
    expect(saved).toMatchObject({
      status: "booked",
      appointmentAt: new Date(slots[0]!.startsAt),
      nextAction: "Confirm the appointment with the customer",
    });
    expect(saved.dueAt!.getTime()).toBeLessThanOrEqual(saved.appointmentAt!.getTime());
    expect(await openTasks(lead.id)).toBe(0);
    const types = (
      await db.prisma.leadEvent.findMany({ where: { leadId: lead.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["touchpoint.called_back", "appointment.booked"]));
  });

  it("a next action typed by the person wins; a text or a note completes nothing", async () => {
    const lead = await missedCallLead();
    await owner.leads.logTouchpoint({ leadId: lead.id, kind: "texted", text: "Sent our hours" });
    expect(await leadRow(lead.id)).toMatchObject({ nextAction: MISSED_CALL_ACTION, status: "missed" });
    expect(await openTasks(lead.id)).toBe(1);
    const due = new Date(Date.now() + 3 * 24 * HOUR);
    const shown = await owner.leads.logTouchpoint({
      leadId: lead.id,
      kind: "called_back",
      nextAction: "Send the quote for the water heater",
      dueAt: due,
    });
    expect(shown).toMatchObject({
      nextAction: "Send the quote for the water heater",
      status: "followup_needed",
    });
    expect((await leadRow(lead.id)).dueAt).toEqual(due);
    expect(await openTasks(lead.id)).toBe(0);
  });

  it("refuses a booking on an unanswered call, naming the field, and changes nothing", async () => {
    const lead = await missedCallLead();
    const slots = (await owner.leads.get({ id: lead.id })).booking.slots;
    await expect(
      owner.leads.logTouchpoint({ leadId: lead.id, kind: "no_answer", slotStartsAt: slots[0]!.startsAt }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("spoke with the caller"),
    });
    expect(await leadRow(lead.id)).toMatchObject({
      status: "missed",
      nextAction: MISSED_CALL_ACTION,
      touchpoints: 0,
    });
    expect(await openTasks(lead.id)).toBe(1);
  });
});

describe(`office due times fall in the business's hours (${engineName})`, () => {
  let weekdayTenant: string;
  let weekdayOwner: string;
  beforeAll(async () => {
    const user = await makeUser(db.prisma);
    const tenant = await makeTenant(db.prisma, { ownerId: user.id, timeZone: "America/Chicago" });
    await completeSetup(db.prisma, tenant.id); // Monday to Friday, 8 AM to 5 PM
    weekdayTenant = tenant.id;
    weekdayOwner = user.id;
  });
  const ctx = (now: Date) => ({
    db: tenantScoped(db.prisma, weekdayTenant),
    tenantId: weekdayTenant,
    viewer: { userId: weekdayOwner, role: "owner" as const },
    now,
  });

  it("an unanswered call logged on Friday at 4 PM: the next day's attempt is Monday at 8 AM", async () => {
    const friday16 = new Date("2026-03-06T22:00:00Z");
    const lead = await makeInboxLead(db.prisma, weekdayTenant, {
      status: "missed",
      ownerId: weekdayOwner,
      now: friday16,
    });
    await logTouchpoint(ctx(friday16), { leadId: lead.id, kind: "no_answer" });
    // The first retry (2 hours) would be 6 PM: due by closing the same day.
    expect((await leadRow(lead.id)).dueAt).toEqual(new Date("2026-03-06T23:00:00Z"));
    await logTouchpoint(ctx(new Date("2026-03-06T22:50:00Z")), { leadId: lead.id, kind: "no_answer" });
    expect((await leadRow(lead.id)).dueAt).toEqual(new Date("2026-03-09T13:00:00Z"));
  });

  it("the confirm task of a visit booked from the office on Wednesday for Monday 8 AM is due Friday at closing, not on Sunday", async () => {
    const wednesday = new Date("2026-03-04T16:00:00Z");
    const monday8 = new Date("2026-03-09T13:00:00Z");
    const lead = await makeInboxLead(db.prisma, weekdayTenant, {
      status: "followup_needed",
      ownerId: weekdayOwner,
      now: wednesday,
    });
    await logTouchpoint(ctx(wednesday), { leadId: lead.id, kind: "called_back", customAt: monday8 });
    const saved = await leadRow(lead.id);
    expect(saved).toMatchObject({ status: "booked", appointmentAt: monday8 });
    expect(saved.dueAt).toEqual(new Date("2026-03-06T23:00:00Z")); // Friday 5 PM in Chicago
    const clock = await businessClock(tenantScoped(db.prisma, weekdayTenant), weekdayTenant);
    expect(saved.dueAt).toEqual(confirmDueAt(wednesday, monday8, clock));
  });

  it("a visit booked at 11 PM on a Sunday for Monday 9 AM is confirmed at Monday's opening", async () => {
    const sunday23 = new Date("2026-03-09T04:00:00Z"); // Sunday March 8, 11 PM CDT
    const monday9 = new Date("2026-03-09T14:00:00Z");
    const lead = await makeInboxLead(db.prisma, weekdayTenant, {
      status: "followup_needed",
      ownerId: weekdayOwner,
      now: sunday23,
    });
    await bookAppointment(ctx(sunday23), { leadId: lead.id, customAt: monday9 });
    expect((await leadRow(lead.id)).dueAt).toEqual(new Date("2026-03-09T13:00:00Z")); // Monday 8 AM
  });
});
