// A new business's first test call is in its inbox, marked as a test, until a real lead arrives;
// then test calls move behind the "Test calls" filter. Through the real router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { completeSetup, makeInboxLead, makeTenant, makeUser } from "@/prisma/factories";

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe(`the inbox while a business has no real lead (${engineName})`, () => {
  it("shows the business's test calls, marked as tests, until the first real lead; then only under the Test calls filter", async () => {
    const owner = await makeUser(db.prisma, { name: "New Owner" });
    const tenant = await makeTenant(db.prisma, { name: "Brand New Plumbing", ownerId: owner.id });
    await completeSetup(db.prisma, tenant.id);
    const asOwner = callerFor(db.prisma, owner.id, tenant.slug);

    const empty = await asOwner.leads.inbox({});
    expect(empty.items).toEqual([]);

    const test = await makeInboxLead(db.prisma, tenant.id, { isTest: true, callerName: "Test Caller" });
    const first = await asOwner.leads.inbox({});
    expect(first.testCalls).toBe("all_no_real_leads");
    expect(first.items.map((l) => [l.id, l.isTest])).toEqual([[test.id, true]]);
    const counts = await asOwner.leads.counts({});
    expect(counts.reduce((n, g) => n + g.total, 0)).toBe(1);

    const real = await makeInboxLead(db.prisma, tenant.id, { callerName: "Real Caller" });
    const after = await asOwner.leads.inbox({});
    expect(after.testCalls).toBe("none");
    expect(after.items.map((l) => l.id)).toEqual([real.id]);
    const onlyTests = await asOwner.leads.inbox({ testCalls: true });
    expect(onlyTests.testCalls).toBe("only");
    expect(onlyTests.items.map((l) => l.id)).toEqual([test.id]);
  });
});
