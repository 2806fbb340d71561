// A caller who opens the link of a text changes their lead through the one leads writer: the click
// and the new temperature (with its reason) on the timeline in that order, `linkOpenedAt`, and the
// follow-up stop rules — a lead the click made hot stops its sequence and goes to a person with a
// task. Opening a link is engagement, not a word: the lead's last activity and quiet spell stay.
// A booked lead keeps its visit; a closed lead is left alone (only the click is on its timeline).
// A replayed click changes nothing, another business's lead is never touched, and a click that
// races another change of the lead is written on the lead as it is now.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { makeInboxLead, makeLead } from "@/prisma/factories";
import { LINK_OPENED_WHY } from "@/server/followups/approval-queue";
import { temperatureOf } from "@/server/leads/temperature";
import { addWebhookEndpoint, makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { engineName, untilALockIsAwaited, useTestDatabase } from "@/server/test/test-db";
import { followLink } from "./follow-link";
import { createTrackedLink } from "./tracked-link";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let other: TestBusiness;

const MONDAY_10 = new Date("2026-12-07T16:00:00Z"); // Mon 10:00 AM in Chicago: the office is open
const FIVE_MINUTES_AGO = new Date(MONDAY_10.getTime() - 5 * 60_000);
const VISIT = new Date("2026-12-10T15:00:00Z");
const BOOKING_PAGE = "https://book.example.com/q";

let seq = 0;
const newCaller = () => `+1737558${String(1000 + ++seq).padStart(4, "0")}`;

/** A web-form request of five minutes ago, routed and in its follow-up sequence. */
const webFormLead = (b: TestBusiness, callerPhone: string, urgency: "high" | "normal" = "normal") =>
  makeInboxLead(prisma, b.tenant.id, {
    callerPhone,
    source: "web_form",
    status: "not_booked",
    urgency,
    now: FIVE_MINUTES_AGO,
  });
const linkTo = async (b: TestBusiness, leadId: string) => {
  const url = await createTrackedLink(tenantScoped(prisma, b.tenant.id), {
    tenantId: b.tenant.id,
    leadId,
    target: BOOKING_PAGE,
    now: FIVE_MINUTES_AGO,
  });
  return url.split("/r/")[1]!;
};
const open = (token: string, now = MONDAY_10) => followLink(systemDb(prisma), token, now);
const leadOf = (id: string) => prisma.lead.findUniqueOrThrow({ where: { id } });
const linesOf = (id: string) =>
  prisma.leadEvent.findMany({ where: { leadId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const deliveriesOf = (leadId: string) => prisma.webhookDelivery.findMany({ where: { leadId } });
const snapshot = async (leadId: string) => ({
  lead: await leadOf(leadId),
  lines: await linesOf(leadId),
  deliveries: await deliveriesOf(leadId),
  enrollment: await prisma.followUpEnrollment.findUnique({ where: { leadId } }),
  tasks: await prisma.task.findMany({ where: { leadId }, orderBy: { createdAt: "asc" } }),
});

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Rescue Plumbing" });
  other = await makeTestBusiness(prisma, { name: "Other Plumbing" });
  for (const b of [biz, other])
    await addWebhookEndpoint(prisma, b, ["lead.updated", "lead.closed", "appointment.cancelled"]);
});
afterAll(() => db?.drop());

describe(`a caller opens the link of a text (${engineName})`, () => {
  it("is one change through the leads writer: the click, the temperature and its reason, the stop rules", async () => {
    const lead = await webFormLead(biz, newCaller(), "high");
    expect(lead.temperature).toBe(65); // warm: high urgency, fresh
    const before = await snapshot(lead.id);
    expect(before.enrollment).toMatchObject({ status: "active" });
    expect(await open(await linkTo(biz, lead.id))).toEqual({ target: BOOKING_PAGE });

    const after = await leadOf(lead.id);
    expect(after.linkOpenedAt).toEqual(MONDAY_10);
    expect(after.temperature).toBe(70);
    expect(after.temperature).toBe(temperatureOf(after, MONDAY_10));
    // Engagement, not a word: the last activity and the quiet spell stay.
    expect(after.lastActivityAt).toEqual(lead.lastActivityAt);
    expect(after.quietAt).toEqual(before.lead.quietAt);
    expect(after).toMatchObject({
      status: lead.status,
      nextAction: lead.nextAction,
      dueAt: lead.dueAt,
      ownerId: lead.ownerId,
    });
    // The writer's follow-up hook: hot now, so the sequence stops and a person gets the lead.
    const lines = (await linesOf(lead.id)).slice(before.lines.length);
    expect(lines.map((e) => e.type)).toEqual([
      "followup.stopped",
      "sms.link_clicked",
      "lead.temperature_changed",
    ]);
    expect(lines[0]!.data).toMatchObject({ reason: "turned_hot" });
    expect(lines[1]!.data).toEqual({ url: BOOKING_PAGE });
    expect(lines[2]!.data).toEqual({ from: 65, to: 70, band: "Hot", why: LINK_OPENED_WHY });
    expect(await prisma.followUpEnrollment.findUniqueOrThrow({ where: { leadId: lead.id } })).toMatchObject({
      status: "stopped",
      stopReason: "turned_hot",
    });
    expect(before.tasks).toEqual([]);
    expect(await prisma.task.findMany({ where: { leadId: lead.id } })).toMatchObject([
      { kind: "followup_hot", title: "Hot lead: book a visit within 24 hours", assigneeId: lead.ownerId },
    ]);
    // Neither the status, owner, visit nor outcome moved: nothing for integrations' lead.updated.
    expect(await deliveriesOf(lead.id)).toEqual([]);
  });

  it("a replayed click changes nothing", async () => {
    const lead = await webFormLead(biz, newCaller());
    const token = await linkTo(biz, lead.id);
    await open(token);
    const once = await snapshot(lead.id);
    expect(once.lead.linkOpenedAt).toEqual(MONDAY_10);
    expect(once.lines.filter((e) => e.type === "sms.link_clicked")).toHaveLength(1);
    await open(token);
    await open(token, new Date(MONDAY_10.getTime() + 60_000));
    expect(await snapshot(lead.id)).toEqual(once);
  });

  it("never touches another business's lead for the same caller", async () => {
    const caller = newCaller();
    const ours = await webFormLead(biz, caller);
    const theirs = await webFormLead(other, caller);
    const before = await snapshot(theirs.id);
    await open(await linkTo(biz, ours.id));
    expect((await leadOf(ours.id)).linkOpenedAt).toEqual(MONDAY_10);
    expect(await snapshot(theirs.id)).toEqual(before);
  });

  it("a booked lead keeps its status, visit, next action and due time; the temperature moves", async () => {
    const confirmBy = new Date("2026-12-09T15:00:00Z");
    const lead = await makeLead(prisma, biz.tenant.id, {
      callerPhone: newCaller(),
      status: "booked",
      appointmentAt: VISIT,
      nextAction: "Confirm the appointment with the customer",
      dueAt: confirmBy,
      ownerId: biz.officeId,
      createdAt: FIVE_MINUTES_AGO,
      lastActivityAt: FIVE_MINUTES_AGO,
    });
    await open(await linkTo(biz, lead.id));
    const after = await leadOf(lead.id);
    expect(after).toMatchObject({
      status: "booked",
      appointmentAt: VISIT,
      nextAction: "Confirm the appointment with the customer",
      dueAt: confirmBy,
      ownerId: biz.officeId,
      linkOpenedAt: MONDAY_10,
      lastActivityAt: FIVE_MINUTES_AGO,
    });
    expect(after.temperature).toBe(temperatureOf(after, MONDAY_10));
    expect(after.temperature).toBe(temperatureOf({ ...after, linkOpenedAt: null }, MONDAY_10) + 5);
    const types = (await linesOf(lead.id)).map((e) => e.type);
    expect(types).toContain("sms.link_clicked");
    expect(types).not.toContain("appointment.cancelled");
    expect(await deliveriesOf(lead.id)).toEqual([]);
  });

  it("a closed lead is left alone: only the click goes on its timeline", async () => {
    const lead = await makeLead(prisma, biz.tenant.id, {
      callerPhone: newCaller(),
      status: "closed",
      closeReason: "won",
      temperature: 0,
    });
    const before = await snapshot(lead.id);
    await open(await linkTo(biz, lead.id));
    const after = await snapshot(lead.id);
    expect(after.lead).toEqual(before.lead);
    expect(after.lines.slice(before.lines.length).map((e) => [e.type, e.data])).toEqual([
      ["sms.link_clicked", { url: BOOKING_PAGE }],
    ]);
    expect(after.deliveries).toEqual([]);
  });

  // Another connection holds the lead's row while the click is read, then commits its own change:
  // the writer refuses the click's stale write (CONFLICT) and the click is read again and written,
  // so its temperature is the lead's as it is now.
  it.skipIf(engineName !== "postgresql")(
    "a click that races another change of the lead is written on the lead as it is now",
    async () => {
      const lead = await webFormLead(biz, newCaller());
      const token = await linkTo(biz, lead.id);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const office = prisma.$transaction(
        async (tx) => {
          await tx.lead.update({ where: { id: lead.id }, data: { urgency: "emergency" } });
          await released;
        },
        { timeout: 20_000 },
      );
      const click = open(token);
      await untilALockIsAwaited(prisma);
      release();
      await office;
      expect(await click).toEqual({ target: BOOKING_PAGE });
      const after = await leadOf(lead.id);
      expect(after).toMatchObject({ urgency: "emergency", linkOpenedAt: MONDAY_10 });
      expect(after.temperature).toBe(temperatureOf(after, MONDAY_10));
      const types = (await linesOf(lead.id)).map((e) => e.type);
      expect(types.filter((t) => t === "sms.link_clicked")).toHaveLength(1);
    },
  );
});
