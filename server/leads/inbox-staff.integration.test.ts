// A newly invited staff member's inbox when routing gives every lead to the owner, and the
// "Booked — confirm" counter against the list, through the real router on a real Postgres engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { addMember, completeSetup, makeInboxLead, makeTenant, makeUser } from "@/prisma/factories";

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe(`a staff member's inbox when the owner holds the leads (${engineName})`, () => {
  it("says how many open leads are with the owner instead of an empty inbox", async () => {
    const marco = await makeUser(db.prisma, { name: "Marco Ruiz" });
    const priya = await makeUser(db.prisma, { name: "Priya Shah" });
    const tenant = await makeTenant(db.prisma, { name: "Ruiz Plumbing", ownerId: marco.id });
    await addMember(db.prisma, tenant.id, priya.id, "staff");
    await completeSetup(db.prisma, tenant.id);
    await makeInboxLead(db.prisma, tenant.id, { ownerId: marco.id, urgency: "emergency" });
    await makeInboxLead(db.prisma, tenant.id, { ownerId: marco.id, urgency: "high" });
    await makeInboxLead(db.prisma, tenant.id, { ownerId: marco.id, status: "followup_needed" });
    await makeInboxLead(db.prisma, tenant.id, { ownerId: marco.id, status: "closed" });
    await makeInboxLead(db.prisma, tenant.id, { ownerId: marco.id, isTest: true });
    const asPriya = callerFor(db.prisma, priya.id, tenant.slug);
    const asMarco = callerFor(db.prisma, marco.id, tenant.slug);

    const inbox = await asPriya.leads.inbox({});
    expect(inbox.items).toEqual([]);
    expect(inbox.othersOpen).toEqual([{ ownerName: "Marco Ruiz", total: 3 }]);
    // Under a filter that matches nothing, the note still says where the open leads are.
    expect((await asPriya.leads.inbox({ testCalls: true })).othersOpen).toEqual([
      { ownerName: "Marco Ruiz", total: 3 },
    ]);
    // The owner sees every lead, so there is nothing to explain.
    expect((await asMarco.leads.inbox({})).othersOpen).toEqual([]);

    // Another business's leads never count.
    const other = await makeTenant(db.prisma, { name: "Other Plumbing", ownerId: marco.id });
    await makeInboxLead(db.prisma, other.id, { ownerId: marco.id });
    expect((await asPriya.leads.inbox({})).othersOpen).toEqual([{ ownerName: "Marco Ruiz", total: 3 }]);
  });
});

describe(`the Booked — confirm counter and the list (${engineName})`, () => {
  it("counts and lists a booked lead that came in high under Booked — confirm", async () => {
    const owner = await makeUser(db.prisma, { name: "Queue Owner" });
    const tenant = await makeTenant(db.prisma, { name: "Booked Plumbing", ownerId: owner.id });
    await completeSetup(db.prisma, tenant.id);
    const lead = await makeInboxLead(db.prisma, tenant.id, {
      ownerId: owner.id,
      urgency: "high",
      status: "booked",
      nextAction: "Confirm the appointment",
    });
    const asOwner = callerFor(db.prisma, owner.id, tenant.slug);
    const counts = await asOwner.leads.counts({});
    const booked = counts.find((g) => g.key === "booked");
    expect(booked?.total).toBe(1);
    const row = (await asOwner.leads.inbox({})).items.find((i) => i.id === lead.id);
    expect(row?.queueGroup).toBe(booked?.id);
  });
});
