// Not a customer (a salesperson, a recorded message, a wrong number): a call closed that way
// gets no text-back and no callback task when it ends, the inbox's "Not a customer" filter shows
// it with the reason, and one click ("This is a real customer") reopens it as a real lead.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { makeNotACustomerCall } from "@/prisma/factories";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { callerFor, errorCode } from "@/server/test/caller";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { TwilioCall } from "@/server/test/webhook-test-kit";
import { REAL_CUSTOMER_ACTION } from "./mark-real-customer";
import { businessClock, officeDueAt } from "./business-hours";
import { tenantScoped } from "@/server/db/tenant-scope";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
});
afterAll(() => db?.drop());

const leadOf = (call: TwilioCall) => prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
const SALES_PITCH = "Hi, I'm calling about your Google business profile, is the owner available?";

/** A call through the real webhooks up to the hang-up (the status webhook sent twice, as Twilio may). */
async function playCall(from: string, lines: string[]) {
  const call = new TwilioCall(biz.trackingNumber, from);
  await call.missed();
  for (const line of lines) await call.say(line);
  await call.ended();
  await call.ended();
  const lead = await leadOf(call);
  return {
    lead,
    tasks: await prisma.task.findMany({ where: { leadId: lead.id } }),
    texts: await prisma.message.findMany({ where: { leadId: lead.id, direction: "outbound" } }),
    events: (await prisma.leadEvent.findMany({ where: { leadId: lead.id } })).map((e) => e.type),
  };
}

describe(`not a customer (${engineName})`, () => {
  it("a salesperson's call is closed as not a customer by the call itself: no text-back, no callback task, and it stays closed", async () => {
    const closed = await playCall("+15125550161", [SALES_PITCH]);
    expect(closed.lead).toMatchObject({
      status: "closed",
      closeReason: "not_a_customer",
      closeNote: "Sales call",
    });
    expect(closed.tasks).toEqual([]);
    expect(closed.texts).toEqual([]);
    expect(closed.events).toContain("call.ended");
    expect(closed.events).not.toContain("call.caller_hung_up");
    // A real caller who hangs up after the ZIP: a callback task and the text-back, as for any hang-up.
    const open = await playCall("+15125550162", ["seven eight seven oh one"]);
    expect(open.lead.status).toBe("followup_needed");
    expect(open.tasks.map((t) => t.kind)).toEqual(["callback"]);
    expect(open.texts).toHaveLength(1);
  });

  it("the inbox's Not a customer filter shows only those calls, with the reason", async () => {
    const { lead } = await makeNotACustomerCall(prisma, biz.tenant.id, {
      which: "Recorded message",
      ownerId: biz.officeId,
    });
    const other = await prisma.lead.create({
      data: {
        tenantId: biz.tenant.id,
        callerPhone: "+15125550163",
        status: "closed",
        closeReason: "spam",
        closeNote: "Robocall",
        source: "phone",
        sourceRef: "CAother00000000000000000000000001",
      },
    });
    const owner = callerFor(prisma, biz.ownerId, biz.tenant.slug);
    const page = await owner.leads.inbox({ notACustomer: true });
    const ids = page.items.map((i) => i.id);
    expect(ids).toContain(lead.id);
    expect(ids).not.toContain(other.id);
    expect(page.items.every((i) => i.closeReason === "not_a_customer")).toBe(true);
    expect(page.items.find((i) => i.id === lead.id)!.notACustomer).toBe("Not a customer: recorded message");
    const counts = await owner.leads.counts({ notACustomer: true });
    expect(counts.map((c) => c.key)).toEqual(["closed"]);
    expect(counts[0]!.total).toBe(page.items.length);
    // The everyday queue (no filter) does not show them.
    expect((await owner.leads.inbox({})).items.map((i) => i.id)).not.toContain(lead.id);
    // A status filter other than closed cannot match a closed call.
    expect((await owner.leads.inbox({ notACustomer: true, status: "booked" })).items).toEqual([]);
  });

  it("one click makes it a real lead again: follow-up with a call-back due, on the timeline; a second click is refused", async () => {
    const { lead } = await makeNotACustomerCall(prisma, biz.tenant.id, {
      which: "Wrong number",
      ownerId: biz.officeId,
    });
    const staff = callerFor(prisma, biz.officeId, biz.tenant.slug);
    const before = Date.now();
    await staff.leads.markRealCustomer({ leadId: lead.id });
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after).toMatchObject({
      status: "followup_needed",
      closeReason: null,
      closeNote: null,
      nextAction: REAL_CUSTOMER_ACTION,
      ownerId: biz.officeId,
    });
    // Within 15 minutes, while the office is open (office work): at its next opening otherwise.
    const clicked = after.lastActivityAt!;
    const clock = await businessClock(tenantScoped(prisma, biz.tenant.id), biz.tenant.id);
    expect(after.dueAt).toEqual(officeDueAt(clicked, new Date(clicked.getTime() + 15 * 60_000), clock));
    expect(clicked.getTime()).toBeGreaterThanOrEqual(before);
    const events = await prisma.leadEvent.findMany({
      where: { leadId: lead.id, type: "lead.marked_customer" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: biz.officeId, data: { was: "Not a customer: wrong number" } });
    // The lead page shows it as a real lead; the filter no longer lists it.
    const detail = await staff.leads.get({ id: lead.id });
    expect(detail.lead.notACustomer).toBeNull();
    expect((await staff.leads.inbox({ notACustomer: true })).items.map((i) => i.id)).not.toContain(lead.id);
    expect(await errorCode(staff.leads.markRealCustomer({ leadId: lead.id }))).toBe("BAD_REQUEST");
    expect(await prisma.leadEvent.count({ where: { leadId: lead.id, type: "lead.marked_customer" } })).toBe(
      1,
    );
  });

  it("an unowned one goes to whoever takes standard calls when it becomes a real lead", async () => {
    const { lead } = await makeNotACustomerCall(prisma, biz.tenant.id, {
      which: "Sales call",
      ownerId: null,
    });
    await callerFor(prisma, biz.ownerId, biz.tenant.slug).leads.markRealCustomer({ leadId: lead.id });
    expect(await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "followup_needed",
      ownerId: biz.officeId,
    });
  });

  it("only a lead closed as not a customer can be marked a real customer", async () => {
    const spam = await prisma.lead.create({
      data: {
        tenantId: biz.tenant.id,
        callerPhone: "+15125550164",
        status: "closed",
        closeReason: "spam",
        source: "phone",
        sourceRef: "CAspam000000000000000000000000001",
      },
    });
    expect(
      await errorCode(
        callerFor(prisma, biz.ownerId, biz.tenant.slug).leads.markRealCustomer({ leadId: spam.id }),
      ),
    ).toBe("BAD_REQUEST");
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: spam.id } })).status).toBe("closed");
  });
});
