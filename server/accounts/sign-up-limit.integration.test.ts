// Sign-up is open to anyone, so one address may start only so many accounts an hour.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { SIGN_UPS_PER_ADDRESS_PER_HOUR } from "./sign-up-limit";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const from = (ip: string) =>
  createCallerFactory(appRouter)({ sys: systemDb(db.prisma), session: null, tenantSlug: null, ip });
const input = (n: string, password = "a long enough password") => ({
  name: "Flood",
  email: `flood-${n}@example.test`,
  password,
  businessName: `Flood Plumbing ${n}`,
  timeZone: "America/Chicago",
});

describe(`sign-up limit per address (${engineName})`, () => {
  it("refuses an address's sign-ups past the hourly limit, and creates nothing", async () => {
    const flood = from("203.0.113.7");
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS_PER_HOUR; i++) {
      // Every attempt counts, also one refused for its password (and one for an email that exists).
      await expect(flood.account.signUp(input(String(i), "aaaaaaaaaa"))).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    await expect(flood.account.signUp(input("last"))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/^Too many sign-ups from your connection in the last hour/),
    });
    expect(await db.prisma.user.count({ where: { email: { startsWith: "flood-" } } })).toBe(0);
  });

  it("counts the addresses of one IPv6 /64 as one client", async () => {
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS_PER_HOUR; i++)
      await expect(
        from(`2001:db8:5:5::${i + 1}`).account.signUp(input(`v6-${i}`, "aaaaaaaaaa")),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(from("2001:db8:5:5:abcd::9").account.signUp(input("v6-last"))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await db.prisma.user.count({ where: { email: "flood-v6-last@example.test" } })).toBe(0);
  });

  it("lets another address sign up", async () => {
    const res = await from("198.51.100.2").account.signUp(input("other"));
    expect(res.tenantSlug).toBe("flood-plumbing-other");
  });
});
