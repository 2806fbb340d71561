// The inbox and the lead page through the real router (createCaller) on a real Postgres engine:
// handoff accept / reject, reassignment, booking, status changes, closing, the queue order and
// who sees what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { addMember, completeSetup, makeInboxLead, makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { compareQueue, queueGroupFor } from "./queue-order";
import { LEAD_STATUSES } from "./status-transitions";
import { REBOOK_ACTION } from "./apply-lead-change";
import { DECLINED_ACTION, ESTIMATE_FOLLOW_UP_ACTION, OUT_OF_AREA_ACTION } from "@/server/calls/next-step";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fx: Awaited<ReturnType<typeof setup>>;
const ALL_FOUR = { sawNotes: true, understandsNextStep: true, knowsDeadline: true, enoughContext: true };

async function setup() {
  const prisma = db.prisma;
  const owner = await makeUser(prisma, { name: "Dana Owner" });
  const staff = await makeUser(prisma, { name: "Sam Staff" });
  const tech = await makeUser(prisma, { name: "Tia Tech" });
  const tenant = await makeTenant(prisma, { name: "Inbox Plumbing", ownerId: owner.id });
  await addMember(prisma, tenant.id, staff.id, "staff");
  await addMember(prisma, tenant.id, tech.id, "staff");
  await completeSetup(prisma, tenant.id);
  return {
    tenant,
    owner,
    staff,
    tech,
    asOwner: callerFor(prisma, owner.id, tenant.slug),
    asStaff: callerFor(prisma, staff.id, tenant.slug),
    asTech: callerFor(prisma, tech.id, tenant.slug),
  };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    return err instanceof TRPCError ? `${err.code}: ${err.message}` : `THREW ${(err as Error).message}`;
  }
}

const leadOf = (id: string) => db.prisma.lead.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string) =>
  db.prisma.leadEvent.findMany({ where: { leadId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await setup();
});
afterAll(() => db.drop());

describe(`lead handoff and inbox (${engineName})`, () => {
  it("accepts a handoff only when the receiving owner confirms all four acceptance standards", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    expect(
      await refusal(
        fx.asStaff.leads.accept({ leadId: lead.id, confirmations: { ...ALL_FOUR, enoughContext: false } }),
      ),
    ).toMatch(/BAD_REQUEST: Confirm all four acceptance standards/);
    expect(await refusal(fx.asTech.leads.accept({ leadId: lead.id, confirmations: ALL_FOUR }))).toMatch(
      /NOT_FOUND/,
    );
    await fx.asStaff.leads.accept({ leadId: lead.id, confirmations: ALL_FOUR });
    const after = await leadOf(lead.id);
    expect(after.acceptedAt).not.toBeNull();
    const detail = await fx.asStaff.leads.get({ id: lead.id });
    expect(detail.handoff).toMatchObject({ handedOff: true, belongsTo: "owner" });
    const accepted = (await eventsOf(lead.id)).find((e) => e.type === "handoff.accepted");
    expect(accepted?.actorId).toBe(fx.staff.id);
  });

  it("If the record is incomplete, the owner rejects it with a missing-data reason — back to intake with the reason on its timeline", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      source: "web_form",
      callerName: null,
    });
    expect(
      await refusal(fx.asStaff.leads.reject({ leadId: lead.id, missingField: "callerName", reason: "" })),
    ).toMatch(/BAD_REQUEST: Say what is missing/);
    await fx.asStaff.leads.reject({
      leadId: lead.id,
      missingField: "callerName",
      reason: "Caller gave no name",
    });
    const after = await leadOf(lead.id);
    expect(after.acceptedAt).toBeNull();
    expect(after.ownerId).not.toBe(fx.staff.id);
    expect(after.nextAction).toBe("Intake: add the missing full name (Caller gave no name)");
    const rejected = (await eventsOf(lead.id)).find((e) => e.type === "handoff.rejected");
    expect(rejected).toMatchObject({
      actorId: fx.staff.id,
      data: { missingField: "callerName", reason: "Caller gave no name" },
    });
    const detail = await fx.asOwner.leads.get({ id: lead.id });
    expect(detail.handoff.belongsTo).toBe("intake");
    expect(detail.handoff.missing.map((m) => m.key)).toContain("acceptance");
  });

  it("Once a lead is accepted, responsibility does not bounce back informally: reassignment needs a reason, is logged and resets acceptance", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    await fx.asStaff.leads.accept({ leadId: lead.id, confirmations: ALL_FOUR });
    expect(await refusal(fx.asStaff.leads.assign({ leadId: lead.id, ownerId: fx.tech.id }))).toMatch(
      /handing it to someone else needs a reason/,
    );
    await fx.asStaff.leads.assign({
      leadId: lead.id,
      ownerId: fx.tech.id,
      reason: "Tia covers the east side",
    });
    const after = await leadOf(lead.id);
    expect(after).toMatchObject({ ownerId: fx.tech.id, acceptedAt: null });
    expect((await eventsOf(lead.id)).find((e) => e.type === "lead.reassigned")).toMatchObject({
      actorId: fx.staff.id,
      data: { from: fx.staff.id, to: fx.tech.id, reason: "Tia covers the east side", acceptanceReset: true },
    });
  });

  it("A handoff form opened before a touchpoint set a new next action cannot write the old one back", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    const due = new Date(Date.now() + 2 * 3600_000);
    await fx.asStaff.leads.assign({
      leadId: lead.id,
      ownerId: fx.staff.id,
      nextAction: "Confirm the appointment with the customer",
      dueAt: due,
    });
    const seen = {
      ownerId: fx.staff.id,
      nextAction: "Confirm the appointment with the customer",
      dueAt: due,
    };
    await fx.asStaff.leads.logTouchpoint({
      leadId: lead.id,
      kind: "called_back",
      text: "Tom will text the address",
      nextAction: "Get the street address from Tom",
      dueAt: new Date(Date.now() + 3 * 3600_000),
    });
    expect(
      await refusal(
        fx.asStaff.leads.assign({
          leadId: lead.id,
          ownerId: fx.tech.id,
          nextAction: seen.nextAction,
          dueAt: seen.dueAt,
          seen,
        }),
      ),
    ).toMatch(
      /CONFLICT: Not saved: someone changed the next action \(now “Get the street address from Tom”\), the due time/,
    );
    expect(await leadOf(lead.id)).toMatchObject({
      ownerId: fx.staff.id,
      nextAction: "Get the street address from Tom",
    });
    // From the lead as it is now, the same save goes through.
    const now = await leadOf(lead.id);
    await fx.asStaff.leads.assign({
      leadId: lead.id,
      ownerId: fx.tech.id,
      nextAction: now.nextAction,
      dueAt: now.dueAt,
      seen: { ownerId: now.ownerId, nextAction: now.nextAction, dueAt: now.dueAt },
    });
    expect((await leadOf(lead.id)).ownerId).toBe(fx.tech.id);
  });

  it("An overdue lead is handed to someone else with its due time as the form shows it (to the minute): not refused as a due time in the past", async () => {
    const overdue = new Date(Date.now() - 48 * 60_000 - 24_833);
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      nextAction: "Call Maria back now",
      dueAt: overdue,
    });
    // The form's datetime field holds minutes only.
    const asShown = new Date(Math.floor(overdue.getTime() / 60_000) * 60_000);
    const seen = { ownerId: fx.staff.id, nextAction: "Call Maria back now", dueAt: asShown };
    await fx.asOwner.leads.assign({
      leadId: lead.id,
      ownerId: fx.tech.id,
      nextAction: "Call Maria back now",
      dueAt: asShown,
      seen,
    });
    expect(await leadOf(lead.id)).toMatchObject({ ownerId: fx.tech.id, dueAt: overdue });
    expect((await eventsOf(lead.id)).map((e) => e.type)).not.toContain("lead.next_action_set");
    // A new next action for the same overdue lead keeps its due time too.
    await fx.asOwner.leads.assign({
      leadId: lead.id,
      ownerId: fx.tech.id,
      nextAction: "Call Maria back now, then text her the visit time",
      dueAt: asShown,
      seen: { ...seen, ownerId: fx.tech.id },
    });
    expect(await leadOf(lead.id)).toMatchObject({
      nextAction: "Call Maria back now, then text her the visit time",
      dueAt: overdue,
    });
    // Moving the due time into the past is still refused.
    expect(
      await refusal(
        fx.asOwner.leads.assign({
          leadId: lead.id,
          ownerId: fx.tech.id,
          nextAction: "Call Maria back now, then text her the visit time",
          dueAt: new Date(asShown.getTime() - 3600_000),
        }),
      ),
    ).toMatch(/The due time is in the past/);
  });

  it("On a handoff the lead's open tasks go with it to the new owner; done tasks and someone else's task stay", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    const task = (data: { title: string; assigneeId: string; doneAt?: Date }) =>
      db.prisma.task.create({
        data: {
          tenantId: fx.tenant.id,
          leadId: lead.id,
          kind: "callback",
          dueAt: new Date(Date.now() + 3600_000),
          ...data,
        },
      });
    const open = await task({ title: "Call Tom back", assigneeId: fx.staff.id });
    const done = await task({ title: "First callback", assigneeId: fx.staff.id, doneAt: new Date() });
    const review = await task({ title: "Review the call", assigneeId: fx.owner.id });
    await fx.asStaff.leads.assign({ leadId: lead.id, ownerId: fx.tech.id });
    const assignee = async (id: string) =>
      (await db.prisma.task.findUniqueOrThrow({ where: { id } })).assigneeId;
    expect(await assignee(open.id)).toBe(fx.tech.id);
    expect(await assignee(done.id)).toBe(fx.staff.id);
    expect(await assignee(review.id)).toBe(fx.owner.id);
    const detail = await fx.asOwner.leads.get({ id: lead.id });
    expect(detail.tasks.find((t) => t.id === open.id)?.assigneeName).toBe("Tia Tech");
  });

  it("Emergency work cannot sit unowned: creating one routes it, unassigning it is refused", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { urgency: "emergency", source: "web_form" });
    expect(lead.ownerId).toBe(fx.owner.id);
    expect(await refusal(fx.asOwner.leads.assign({ leadId: lead.id, ownerId: null }))).toMatch(
      /Emergency work cannot sit unowned/,
    );
  });

  it("Recovered missed calls do not go back into a generic pool", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      source: "phone",
      status: "answered_by_ai",
    });
    expect(await refusal(fx.asOwner.leads.assign({ leadId: lead.id, ownerId: null }))).toMatch(
      /generic pool/,
    );
  });

  it("Estimate leads need both an owner and a target follow-up date", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    expect(await refusal(fx.asOwner.leads.updateDetails({ leadId: lead.id, isEstimate: true }))).toMatch(
      /target follow-up date/,
    );
    await fx.asOwner.leads.updateDetails({
      leadId: lead.id,
      isEstimate: true,
      followUpAt: new Date(Date.now() + 3 * 86_400_000),
    });
    expect((await leadOf(lead.id)).isEstimate).toBe(true);
  });

  it("Referral-source leads preserve the referral context in the notes", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      source: "referral",
      notes: "Referred by the Garcias next door",
    });
    expect(await refusal(fx.asOwner.leads.updateDetails({ leadId: lead.id, notes: "" }))).toMatch(
      /referral context/,
    );
  });

  it("books an appointment from the tenant's own slots or a custom time, and refuses a slot it does not offer", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      status: "followup_needed",
    });
    const detail = await fx.asStaff.leads.get({ id: lead.id });
    const slot = detail.booking.slots[0]!;
    expect(
      await refusal(fx.asStaff.leads.book({ leadId: lead.id, slotStartsAt: "2031-01-01T03:00:00.000Z" })),
    ).toMatch(/no longer available/);
    await fx.asStaff.leads.book({ leadId: lead.id, slotStartsAt: slot.startsAt });
    const booked = await leadOf(lead.id);
    expect(booked).toMatchObject({
      status: "booked",
      appointmentAt: new Date(slot.startsAt),
      nextAction: "Confirm the appointment with the customer",
      queueGroup: 2,
    });
    const custom = new Date(Date.now() + 5 * 86_400_000);
    await fx.asStaff.leads.book({ leadId: lead.id, customAt: custom });
    expect((await leadOf(lead.id)).appointmentAt).toEqual(custom);
    expect((await eventsOf(lead.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(["appointment.booked", "appointment.rescheduled"]),
    );
    expect(
      await refusal(fx.asStaff.leads.book({ leadId: lead.id, customAt: new Date(Date.now() - 60_000) })),
    ).toMatch(/in the past/);
  });

  it("changes status within the 7-status contract and refuses nonsense with the reason", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    expect(
      await refusal(fx.asStaff.leads.changeStatus({ leadId: lead.id, status: "answered_by_plumber" })),
    ).toMatch(/only the call flow sets it/);
    expect(await refusal(fx.asStaff.leads.changeStatus({ leadId: lead.id, status: "closed" }))).toMatch(
      /reason code/,
    );
    await fx.asStaff.leads.changeStatus({ leadId: lead.id, status: "followup_needed" });
    const after = await leadOf(lead.id);
    expect(after.status).toBe("followup_needed");
    expect(after.queueGroup).toBe(3);
    expect((await eventsOf(lead.id)).at(-1)).toMatchObject({
      type: "status.changed",
      actorId: fx.staff.id,
      data: { from: "answered_by_ai", to: "followup_needed" },
    });
  });

  it("a lead marked not booked is no longer a call back: it is closed as declined, or followed up as an estimate", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id, status: "missed" });
    expect((await leadOf(lead.id)).nextAction).toBe("Call the customer back");
    await fx.asStaff.leads.changeStatus({ leadId: lead.id, status: "not_booked" });
    const after = await leadOf(lead.id);
    expect(after).toMatchObject({ status: "not_booked", nextAction: DECLINED_ACTION });
    expect(after.dueAt!.getTime()).toBeGreaterThan(Date.now());

    const target = new Date(Date.now() + 3 * 86_400_000);
    const estimate = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      isEstimate: true,
      followUpAt: target,
      status: "followup_needed",
    });
    await fx.asStaff.leads.changeStatus({ leadId: estimate.id, status: "not_booked" });
    expect(await leadOf(estimate.id)).toMatchObject({ nextAction: ESTIMATE_FOLLOW_UP_ACTION, dueAt: target });
  });

  it("a lead that comes in not booked gets the not-booked next step, not the source's call back", async () => {
    const away = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      status: "not_booked",
      inArea: false,
    });
    expect(await leadOf(away.id)).toMatchObject({ nextAction: OUT_OF_AREA_ACTION });
    const target = new Date(Date.now() + 3 * 86_400_000);
    const estimate = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      source: "referral",
      notes: "Referred by the Hendersons",
      status: "not_booked",
      isEstimate: true,
      followUpAt: target,
    });
    expect(await leadOf(estimate.id)).toMatchObject({ nextAction: ESTIMATE_FOLLOW_UP_ACTION, dueAt: target });
  });

  it("cancels the booked visit when a booked lead moves to follow-up needed, and says so on the timeline", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    const at = new Date(Date.now() + 3 * 86_400_000);
    await fx.asStaff.leads.book({ leadId: lead.id, customAt: at });
    const wasBooked = await leadOf(lead.id);
    expect(wasBooked.appointmentAt).toEqual(at);
    await fx.asStaff.leads.changeStatus({ leadId: lead.id, status: "followup_needed" });
    const after = await leadOf(lead.id);
    expect(after.status).toBe("followup_needed");
    expect(after.appointmentAt).toBeNull();
    // Its next action is no longer to confirm the visit, but to call the customer to rebook it.
    expect(after.nextAction).toBe(REBOOK_ACTION);
    expect(after.dueAt).not.toEqual(wasBooked.dueAt);
    const lines = (await eventsOf(lead.id)).slice(-2);
    expect(lines.map((e) => e.type)).toEqual(["status.changed", "appointment.cancelled"]);
    expect(lines[1]).toMatchObject({
      actorId: fx.staff.id,
      data: { appointmentAt: at.toISOString(), to: "followup_needed" },
    });
  });

  it("closes stale leads with reason code, and a closed lead leaves the inbox", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      callerName: "Close Me",
    });
    expect(
      await refusal(fx.asStaff.leads.close({ leadId: lead.id, reason: "no_answer_after_attempts" })),
    ).toMatch(/how many attempts/);
    await fx.asStaff.leads.close({
      leadId: lead.id,
      reason: "no_answer_after_attempts",
      attempts: 3,
      note: "Voicemail full",
    });
    const after = await leadOf(lead.id);
    expect(after).toMatchObject({
      status: "closed",
      closeReason: "no_answer_after_attempts",
      closeNote: "3 attempts — Voicemail full",
      queueGroup: 9,
    });
    const open = await fx.asOwner.leads.inbox({ q: "Close Me" });
    expect(open.items).toEqual([]);
    const closed = await fx.asOwner.leads.inbox({ q: "Close Me", status: "closed" });
    expect(closed.items.map((i) => i.id)).toEqual([lead.id]);
  });

  it("closing a lead completes its open tasks and clears the next action and due time", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      callerName: "Tasks Close",
      nextAction: "Call back about the water heater",
      dueAt: new Date(Date.now() + 3_600_000),
    });
    const open = await db.prisma.task.create({
      data: {
        tenantId: fx.tenant.id,
        leadId: lead.id,
        kind: "callback",
        title: "Call back",
        dueAt: new Date(Date.now() + 3_600_000),
      },
    });
    const doneBefore = new Date(Date.now() - 86_400_000);
    const done = await db.prisma.task.create({
      data: {
        tenantId: fx.tenant.id,
        leadId: lead.id,
        kind: "callback",
        title: "Earlier call",
        dueAt: doneBefore,
        doneAt: doneBefore,
      },
    });
    const other = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    const untouched = await db.prisma.task.create({
      data: {
        tenantId: fx.tenant.id,
        leadId: other.id,
        kind: "callback",
        title: "Other lead",
        dueAt: new Date(),
      },
    });

    await fx.asStaff.leads.close({ leadId: lead.id, reason: "booked_elsewhere" });

    expect(await leadOf(lead.id)).toMatchObject({ status: "closed", nextAction: null, dueAt: null });
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: open.id } })).doneAt).toBeInstanceOf(Date);
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: done.id } })).doneAt).toEqual(doneBefore);
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: untouched.id } })).doneAt).toBeNull();
    expect((await eventsOf(lead.id)).at(-1)).toMatchObject({
      type: "lead.closed",
      data: { clearedNextAction: "Call back about the water heater" },
    });
    const page = await fx.asStaff.leads.get({ id: lead.id });
    expect(page.tasks.every((t) => t.doneAt && !t.overdue)).toBe(true);
  });

  it("closing stale leads in bulk completes their open tasks too", async () => {
    const old = new Date(Date.now() - 30 * 86_400_000);
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      createdAt: old,
      ownerId: fx.staff.id,
      nextAction: "Call back",
      dueAt: old,
    });
    const task = await db.prisma.task.create({
      data: { tenantId: fx.tenant.id, leadId: lead.id, kind: "callback", title: "Call back", dueAt: old },
    });
    expect(
      await fx.asOwner.leads.closeStale({
        leadIds: [lead.id],
        reason: "no_answer_after_attempts",
        attempts: 3,
      }),
    ).toEqual({ closed: 1, failed: [] });
    expect(await leadOf(lead.id)).toMatchObject({ status: "closed", nextAction: null, dueAt: null });
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).doneAt).toBeInstanceOf(Date);
  });

  it("lists leads idle past a threshold and closes them in bulk with one reason", async () => {
    const old = new Date(Date.now() - 30 * 86_400_000);
    const a = await makeInboxLead(db.prisma, fx.tenant.id, { createdAt: old, ownerId: fx.staff.id });
    const b = await makeInboxLead(db.prisma, fx.tenant.id, { createdAt: old, ownerId: fx.tech.id });
    const fresh = await makeInboxLead(db.prisma, fx.tenant.id, { ownerId: fx.staff.id });
    const stale = await fx.asOwner.leads.stale({ idleDays: 14 });
    const ids = stale.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(fresh.id);
    expect(await refusal(fx.asStaff.leads.stale({ idleDays: 14 }))).toMatch(/FORBIDDEN/);
    const res = await fx.asOwner.leads.closeStale({
      leadIds: [a.id, b.id],
      reason: "no_answer_after_attempts",
      attempts: 2,
    });
    expect(res).toEqual({ closed: 2, failed: [] });
    expect((await leadOf(b.id)).closeReason).toBe("no_answer_after_attempts");
  });

  it("every change writes a timeline event with the actor and bumps lastActivityAt", async () => {
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.staff.id,
      createdAt: new Date(Date.now() - 86_400_000),
    });
    await fx.asStaff.leads.logTouchpoint({
      leadId: lead.id,
      kind: "left_voicemail",
      text: "No answer, left VM",
    });
    const after = await leadOf(lead.id);
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(lead.lastActivityAt.getTime());
    expect(after.touchpoints).toBe(1);
    expect((await eventsOf(lead.id)).at(-1)).toMatchObject({
      type: "touchpoint.left_voicemail",
      actorId: fx.staff.id,
      data: { text: "No answer, left VM" },
    });
    expect(
      await refusal(fx.asStaff.leads.logTouchpoint({ leadId: lead.id, kind: "note", text: " " })),
    ).toMatch(/Write the note/);
  });

  it("staff see the inbox and their own leads; owners see everything", async () => {
    const techs = await makeInboxLead(db.prisma, fx.tenant.id, {
      ownerId: fx.tech.id,
      callerName: "Tech Only",
    });
    const unowned = await makeLead(db.prisma, fx.tenant.id, { callerName: "Nobody Yet", source: "web_form" });
    expect(await refusal(fx.asStaff.leads.get({ id: techs.id }))).toMatch(/NOT_FOUND/);
    expect((await fx.asStaff.leads.inbox({ q: "Tech Only" })).items).toEqual([]);
    expect((await fx.asOwner.leads.inbox({ q: "Tech Only" })).items.map((i) => i.id)).toEqual([techs.id]);
    expect((await fx.asStaff.leads.inbox({ q: "Nobody Yet" })).items.map((i) => i.id)).toEqual([unowned.id]);
  });

  it("routes new leads by the tenant's routing rule", async () => {
    await fx.asOwner.leads.setRouting({ kind: "standard", userId: fx.tech.id });
    const lead = await makeInboxLead(db.prisma, fx.tenant.id, { source: "web_form" });
    expect(lead.ownerId).toBe(fx.tech.id);
    expect(lead.dueAt!.getTime() - lead.createdAt.getTime()).toBe(15 * 60_000);
    const rules = await fx.asOwner.leads.routing();
    expect(rules.rules.find((r) => r.kind === "standard")).toMatchObject({
      userId: fx.tech.id,
      effectiveUserId: fx.tech.id,
    });
    expect(await refusal(fx.asStaff.leads.setRouting({ kind: "standard", userId: fx.staff.id }))).toMatch(
      /FORBIDDEN/,
    );
    await fx.asOwner.leads.setRouting({ kind: "standard", userId: null });
  });

  it("keeps queueGroup and queueAt in the database in step with queue-order.ts for every status and urgency", async () => {
    const lead = await makeLead(db.prisma, fx.tenant.id, {});
    for (const status of LEAD_STATUSES) {
      for (const urgency of ["emergency", "high", "normal", "low", null] as const) {
        const row = await db.prisma.lead.update({ where: { id: lead.id }, data: { status, urgency } });
        expect([status, urgency, row.queueGroup]).toEqual([
          status,
          urgency,
          queueGroupFor({ status, urgency }),
        ]);
      }
    }
    const due = new Date(Date.now() + 3_600_000);
    expect((await db.prisma.lead.update({ where: { id: lead.id }, data: { dueAt: due } })).queueAt).toEqual(
      due,
    );
    // No visible due time: due in the queue since the lead came in.
    expect((await db.prisma.lead.update({ where: { id: lead.id }, data: { dueAt: null } })).queueAt).toEqual(
      lead.createdAt,
    );
    await db.prisma.lead.delete({ where: { id: lead.id } });
  });
});

describe(`inbox queue (${engineName})`, () => {
  let tenant: Awaited<ReturnType<typeof makeTenant>>;
  let caller: ReturnType<typeof callerFor>;
  const now = Date.now();

  beforeAll(async () => {
    const owner = await makeUser(db.prisma, { name: "Queue Owner" });
    tenant = await makeTenant(db.prisma, { name: "Queue Plumbing", ownerId: owner.id });
    caller = callerFor(db.prisma, owner.id, tenant.slug);
    const statuses = [
      "answered_by_ai",
      "booked",
      "followup_needed",
      "not_booked",
      "missed",
      "closed",
    ] as const;
    const urgencies = ["emergency", "high", "normal", "low", null] as const;
    const rows = Array.from({ length: 120 }, (_, i) => ({
      tenantId: tenant.id,
      callerPhone: `+1512555${String(2000 + i)}`,
      callerName: `Queue ${i}`,
      status: statuses[(i * 7) % statuses.length]!,
      urgency: urgencies[(i * 3) % urgencies.length]!,
      source: "phone" as const,
      sourceRef: `CAqueue${i}`,
      createdAt: new Date(now - (i % 17) * 3_600_000 - i * 1000),
      dueAt: i % 3 === 0 ? null : new Date(now + ((i % 11) - 6) * 1_800_000),
      temperature: (i * 13) % 100,
      ownerId: i % 4 === 0 ? null : owner.id,
    }));
    await db.prisma.lead.createMany({ data: rows });
  });

  it("pages through the whole queue in SOP order with a cursor, no lead twice, closed leads hidden", async () => {
    const seen: {
      id: string;
      status: string;
      urgency: string | null;
      dueAt: Date | null;
      createdAt: Date;
      temperature: number;
    }[] = [];
    let cursor: string | null = null;
    let asOf: Date | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.leads.inbox>> = await caller.leads.inbox({
        limit: 7,
        cursor,
      });
      asOf ??= page.asOf;
      const stored = await db.prisma.lead.findMany({ where: { id: { in: page.items.map((i) => i.id) } } });
      for (const item of page.items) seen.push(stored.find((s) => s.id === item.id)!);
      cursor = page.nextCursor;
    } while (cursor);
    const open = await db.prisma.lead.findMany({ where: { tenantId: tenant.id, status: { not: "closed" } } });
    expect(seen.length).toBe(open.length);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const expected = [...open].sort((a, b) => compareQueue(a, b, asOf!));
    expect(seen.map((s) => s.id)).toEqual(expected.map((s) => s.id));
  });

  it("filters (urgency, unowned, overdue) and counts per group under the same filters", async () => {
    const emergencies = await caller.leads.inbox({ urgency: "emergency", limit: 100 });
    expect(emergencies.items.length).toBeGreaterThan(0);
    expect(emergencies.items.every((i) => i.urgency === "emergency" && i.status !== "closed")).toBe(true);
    const unownedOverdue = await caller.leads.inbox({ unowned: true, overdue: true, limit: 100 });
    expect(unownedOverdue.items.every((i) => i.ownerId === null && i.overdue)).toBe(true);
    const counts = await caller.leads.counts({});
    const open = await db.prisma.lead.groupBy({
      by: ["queueGroup"],
      where: { tenantId: tenant.id, status: { not: "closed" } },
      _count: true,
    });
    for (const c of counts) expect(c.total).toBe(open.find((o) => o.queueGroup === c.id)?._count ?? 0);
    const byPhone = await caller.leads.inbox({ q: "555 2042" });
    expect(byPhone.items.every((i) => i.callerPhone.includes("5552042"))).toBe(true);
  });
});
