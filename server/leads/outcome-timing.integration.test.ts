// Outcomes wait for the visit: a show or a win on a visit still ahead needs "it happened early", a
// no-show waits for the booked time, a job value over the bound names the field; a next action is
// never due in the past; a booking slot sits inside the day's business hours. Through the router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { completeSetup, makeInboxLead, makeTenant, makeUser } from "@/prisma/factories";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let owner: ReturnType<typeof callerFor>;
let ownerId: string;
let tenantId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await makeUser(db.prisma);
  const tenant = await makeTenant(db.prisma, { ownerId: user.id });
  await completeSetup(db.prisma, tenant.id);
  owner = callerFor(db.prisma, user.id, tenant.slug);
  ownerId = user.id;
  tenantId = tenant.id;
});
afterAll(() => db.drop());

async function refusal(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (err) {
    const e = err as TRPCError & { cause?: { field?: string } };
    return e.message;
  }
}

const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

describe(`outcomes and due times that cannot be true yet (${engineName})`, () => {
  it("refuses a show or a win on a visit 26 hours away unless it happened early, and a no-show before the visit", async () => {
    const lead = await makeInboxLead(db.prisma, tenantId, { status: "booked", appointmentAt: hours(26) });
    expect(
      await refusal(owner.leads.recordOutcome({ leadId: lead.id, jobOutcome: "won", jobValueCents: 45_000 })),
    ).toMatch(/The visit has not happened yet/);
    expect(await refusal(owner.leads.recordOutcome({ leadId: lead.id, visitOutcome: "showed" }))).toMatch(
      /It happened early/,
    );
    expect(
      await refusal(
        owner.leads.recordOutcome({ leadId: lead.id, visitOutcome: "no_show", happenedEarly: true }),
      ),
    ).toMatch(/record a no-show after its booked time/);
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).jobOutcome).toBeNull();

    await owner.leads.recordOutcome({
      leadId: lead.id,
      jobOutcome: "won",
      jobValueCents: 45_000,
      happenedEarly: true,
    });
    const saved = await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(saved).toMatchObject({ jobOutcome: "won", visitOutcome: "showed", jobValueCents: 45_000 });
    const event = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead.id, type: "lead.outcome" },
    });
    expect(event.data).toMatchObject({ happenedEarly: true });
  });

  it("records an outcome without the tick once the visit time has passed, and names the field of a job value over the bound", async () => {
    const lead = await makeInboxLead(db.prisma, tenantId, { status: "booked", appointmentAt: hours(-2) });
    await owner.leads.recordOutcome({ leadId: lead.id, visitOutcome: "showed" });
    const tooMuch = await refusal(
      owner.leads.recordOutcome({ leadId: lead.id, jobOutcome: "won", jobValueCents: 45_000_000 }),
    );
    expect(tooMuch).toContain("Job value is over $250,000: check the amount");
  });

  it("refuses a next action due in the past, on a handoff and on a touchpoint", async () => {
    const lead = await makeInboxLead(db.prisma, tenantId, { status: "followup_needed" });
    expect(
      await refusal(
        owner.leads.assign({ leadId: lead.id, ownerId, nextAction: "Call back", dueAt: hours(-3) }),
      ),
    ).toBe("The due time is in the past. Pick a time from now on.");
    expect(
      await refusal(
        owner.leads.logTouchpoint({
          leadId: lead.id,
          kind: "called_back",
          nextAction: "Call again",
          dueAt: hours(-1),
        }),
      ),
    ).toBe("The due time is in the past. Pick a time from now on.");
    await expect(
      owner.leads.assign({ leadId: lead.id, ownerId, nextAction: "Call back", dueAt: hours(1) }),
    ).resolves.toBeTruthy();
  });

  it("refuses a booking slot outside the day's business hours, and hours that would strand a slot", async () => {
    await owner.setup.setBusinessHours({
      days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "17:00" })),
    });
    expect(await refusal(owner.setup.addBookingSlot({ weekday: 2, start: "19:00", end: "20:00" }))).toMatch(
      /^Tuesday 7:00 PM–8:00 PM is outside your hours that day \(8:00 AM–5:00 PM\)/,
    );
    await owner.setup.addBookingSlot({ weekday: 5, start: "15:00", end: "17:00" });
    expect(
      await refusal(
        owner.setup.setBusinessHours({
          days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "16:00" })),
        }),
      ),
    ).toMatch(/Friday 3:00 PM–5:00 PM would fall outside these hours/);
  });
});
