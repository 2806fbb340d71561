// Phone numbers that would make a call loop are refused with a clear message; a tracking number
// that belongs to another business is refused without saying whose it is. Through the router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { completeSetup, makeTenant, makeUser } from "@/prisma/factories";

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function refusal(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (err) {
    const e = err as TRPCError & { shape?: unknown };
    return { code: e.code, message: e.message };
  }
}

describe(`phone numbers that would loop (${engineName})`, () => {
  it("refuses the plumber's or on-call phone as a tracking number and a tracking number as either phone, naming the field; another business's number is refused without saying whose", async () => {
    const owner = await makeUser(db.prisma);
    const tenant = await makeTenant(db.prisma, { ownerId: owner.id });
    const { trackingNumber } = await completeSetup(db.prisma, tenant.id, {
      plumberPhone: "+15125550131",
      onCallPhone: "+15125550132",
    });
    const other = await makeTenant(db.prisma, {});
    const { trackingNumber: othersNumber } = await completeSetup(db.prisma, other.id, {});
    const asOwner = callerFor(db.prisma, owner.id, tenant.slug);

    expect(await refusal(asOwner.setup.addTrackingNumber({ number: "(512) 555-0131" }))).toEqual({
      code: "BAD_REQUEST",
      message: expect.stringContaining("(512) 555-0131 is your plumber's phone"),
    });
    expect(await refusal(asOwner.setup.addTrackingNumber({ number: "+15125550132" }))).toEqual({
      code: "BAD_REQUEST",
      message: expect.stringContaining("is your on-call phone"),
    });

    const taken = await refusal(asOwner.setup.addTrackingNumber({ number: othersNumber }));
    expect(taken?.code).toBe("CONFLICT");
    expect(taken?.message).toMatch(/can't be added as a tracking number/);
    expect(taken?.message).not.toMatch(/another business|in use|belongs/);

    const loop = await refusal(
      asOwner.setup.setForwardingPhones({ plumberPhone: trackingNumber, onCallPhone: othersNumber }),
    );
    expect(loop?.code).toBe("BAD_REQUEST");
    expect(loop?.message).toMatch(
      /is one of your tracking numbers\. The plumber's phone must be a different phone/,
    );
    expect(loop?.message).toMatch(/can't be used as the on-call phone/);
    expect(loop?.message).not.toMatch(/another business/);
    expect((await db.prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).plumberPhone).toBe(
      "+15125550131",
    );

    const both = await refusal(
      asOwner.setup.setForwardingPhones({ plumberPhone: "12345", onCallPhone: "999" }),
    );
    expect(both?.message).toMatch(/"12345" is not a valid phone number.*"999" is not a valid phone number/);

    await expect(
      asOwner.setup.setForwardingPhones({ plumberPhone: "+15125550133", onCallPhone: null }),
    ).resolves.toMatchObject({ plumberPhone: "+15125550133" });
  });
});
