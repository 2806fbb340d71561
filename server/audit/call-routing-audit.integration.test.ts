// Where calls ring and who new leads go to are settings an owner must be able to trace: adding or
// removing a tracking number, changing the plumber's or on-call phone, and each routing rule write
// an audit entry, read back in the audit log as a sentence naming who did it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "@/server/test/caller";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { engineName, useTestDatabase } from "@/server/test/test-db";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let biz: TestBusiness;
beforeAll(async () => {
  db = await useTestDatabase();
  biz = await makeTestBusiness(db.prisma, {
    setup: { trackingNumber: "+15125557100", plumberPhone: "+15125557101", onCallPhone: null },
  });
});
afterAll(async () => {
  await db.drop();
});

const owner = () => callerFor(db.prisma, biz.ownerId, biz.tenant.slug);
const latest = async () => (await owner().team.auditLog({ limit: 1 })).items[0]!;

describe(`call routing changes are audited (${engineName})`, () => {
  it("records the plumber's and the on-call phone the calls now ring", async () => {
    await owner().setup.setForwardingPhones({ plumberPhone: "512-555-7102", onCallPhone: "512-555-7103" });
    const row = await latest();
    expect(row.summary).toBe(
      "Changed the phones calls ring: the plumber's phone (512) 555-7102, the on-call phone (512) 555-7103",
    );
    expect(row.actor?.name).toBe("Olivia Owner");
  });

  it("records a tracking number added and removed", async () => {
    const added = await owner().setup.addTrackingNumber({ number: "512-555-7104" });
    expect((await latest()).summary).toBe("Added the tracking number (512) 555-7104");
    await owner().setup.removeTrackingNumber({ id: added.id });
    expect((await latest()).summary).toBe("Removed the tracking number (512) 555-7104");
  });

  it("records who a kind of lead is routed to, and a rule cleared", async () => {
    await owner().leads.setRouting({ kind: "emergency", userId: biz.officeId });
    expect((await latest()).summary).toBe("Routed emergencies to Oscar Office");
    await owner().leads.setRouting({ kind: "estimate", userId: null });
    expect((await latest()).summary).toBe(
      "Cleared the routing rule for estimates (the fallback rule takes them)",
    );
  });

  it("writes nothing when the change is refused", async () => {
    const before = (await owner().team.auditLog({ limit: 50 })).items.length;
    await expect(owner().setup.setForwardingPhones({ plumberPhone: "12" })).rejects.toThrow();
    await expect(owner().leads.setRouting({ kind: "standard", userId: "not-a-member" })).rejects.toThrow();
    expect((await owner().team.auditLog({ limit: 50 })).items.length).toBe(before);
  });
});
