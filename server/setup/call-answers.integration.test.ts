// The business's answers to callers' questions, and visit times only on open days: set through
// the same tRPC router as the settings pages, then heard on a call through the signed webhooks.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor, rejection as rejects } from "@/server/test/caller";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { spoken, TwilioCall } from "@/server/test/webhook-test-kit";
import type { PrismaClient } from "@/server/db/generated/client";

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

describe(`answers for callers (${engineName})`, () => {
  const owner = () => callerFor(prisma, biz.ownerId, biz.tenant.slug);

  it("answers a price question with the owner's own words, then asks its question again", async () => {
    await owner().setup.setCallAnswers({
      priceAnswer: "Every visit starts with a free look, and you get the price before any work.",
      servicesOffered: ["Water heaters"],
      servicesNotOffered: ["Septic tanks"],
    });
    const call = new TwilioCall(biz.trackingNumber);
    await call.missed();
    const twiml = await call.say("before I give you my zip, how much do you guys charge?");
    expect(spoken(twiml)).toContain(
      "Every visit starts with a free look, and you get the price before any work.",
    );
    expect(spoken(twiml)).toMatch(/ZIP code/);
    expect(spoken(twiml)).not.toMatch(/\$\d/);
  });

  it("says yes to a listed service and no to a refused one, from the lists only", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    await call.missed();
    await call.say("78701");
    expect(spoken(await call.say("do you guys do water heaters?"))).toContain("Yes, we do water heaters.");
    expect(spoken(await call.say("and can you pump septic tanks?"))).toContain("we don't do septic tanks");
  });

  it("refuses a service on both lists, naming the field", async () => {
    expect(
      await rejects(
        owner().setup.setCallAnswers({
          priceAnswer: null,
          servicesOffered: ["Water heaters"],
          servicesNotOffered: ["water heaters"],
        }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      field: "servicesNotOffered",
    });
  });

  it("refuses markup in answers the AI reads aloud, every field at once, and stores nothing", async () => {
    const before = await owner().setup.callAnswers();
    const err = await rejects(
      owner().setup.setCallAnswers({
        priceAnswer: "<b>$89</b> to come out",
        servicesOffered: ["Water heaters<br>"],
        servicesNotOffered: ["<script>x</script>"],
      }),
    );
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    const text = JSON.stringify(err);
    expect(text.match(/The AI reads this aloud to callers: remove the HTML tags/g)?.length).toBe(3);
    expect(await owner().setup.callAnswers()).toEqual(before);
  });

  it("keeps a staff member to reading the answers", async () => {
    expect(
      (await callerFor(prisma, biz.officeId, biz.tenant.slug).setup.callAnswers()).servicesOffered,
    ).toEqual(["Water heaters"]);
    expect(
      await rejects(
        callerFor(prisma, biz.officeId, biz.tenant.slug).setup.setCallAnswers({
          priceAnswer: null,
          servicesOffered: [],
          servicesNotOffered: [],
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe(`visit times only on open days (${engineName})`, () => {
  const owner = () => callerFor(prisma, biz.ownerId, biz.tenant.slug);

  it("refuses a booking slot on a day the office is closed", async () => {
    const err = await rejects(owner().setup.addBookingSlot({ weekday: 6, start: "09:00", end: "11:00" }));
    expect(err).toMatchObject({
      code: "BAD_REQUEST",
      field: "weekday",
      message: expect.stringContaining("closed on Saturdays"),
    });
  });

  it("refuses to close a day that still has booking slots", async () => {
    // The test business has slots on Tuesday; hours without Tuesday would strand them.
    const err = await rejects(
      owner().setup.setBusinessHours({
        days: [1, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "17:00" })),
      }),
    );
    expect(err).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Tuesday has booking slots"),
    });
  });
});
