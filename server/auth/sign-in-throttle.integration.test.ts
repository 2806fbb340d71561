// Sign-in throttling that slows guessing without locking a person out: counted atomically per
// (email, client IP) and per client IP, an increasing wait instead of a long lock, the same cost
// for unknown and known emails; and sign-up refuses the passwords attackers try first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { makeUser } from "@/prisma/factories";
import { checkPassword } from "@/server/accounts/sign-up";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { clientIp, THROTTLE, throttleKeys, throttleWaitMs } from "./sign-in-throttle";
import { verifyCredentials } from "./verify-credentials";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
});
afterAll(() => db?.drop());

const failuresOf = async (key: string) => (await prisma.signInThrottle.findUnique({ where: { key } }))?.failures ?? 0;
const seconds = (n: number) => n * 1000;

describe(`sign-in throttling (${engineName})`, () => {
  it("counts 30 wrong passwords sent at once as 30", async () => {
    await makeUser(prisma, { email: "burst@example.test", password: "burst-right-password" });
    const now = new Date();
    await Promise.all(Array.from({ length: 30 }, (_, i) => verifyCredentials(systemDb(prisma), { email: "burst@example.test", password: `guess-${i}`, ip: "203.0.113.30" }, now)));
    const keys = throttleKeys("burst@example.test", "203.0.113.30");
    expect(await failuresOf(keys.account)).toBe(30);
    expect(await failuresOf(keys.ip!)).toBe(30);
  });

  it("makes each wait longer instead of locking: the right password works as soon as the wait is over", async () => {
    await makeUser(prisma, { email: "slow@example.test", password: "slow-right-password" });
    const ip = "203.0.113.40";
    const keys = throttleKeys("slow@example.test", ip);
    let now = new Date();
    for (let i = 0; i < THROTTLE.freePerAccount; i++) {
      expect(await verifyCredentials(systemDb(prisma), { email: "slow@example.test", password: `guess-${i}`, ip }, now)).toEqual({ ok: false, reason: "invalid" });
    }
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wait = await throttleWaitMs(prisma, keys, now);
      waits.push(wait);
      // During the wait even the right password is refused (and that try counts).
      expect(await verifyCredentials(systemDb(prisma), { email: "slow@example.test", password: "slow-right-password", ip }, now)).toMatchObject({ ok: false, reason: "throttled" });
      now = new Date(now.getTime() + (await throttleWaitMs(prisma, keys, now)));
      if (i < 3) expect(await verifyCredentials(systemDb(prisma), { email: "slow@example.test", password: `late-guess-${i}`, ip }, now)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(waits).toEqual([seconds(5), seconds(20), seconds(60), seconds(60)]);
    // Once the wait is over, the right password signs in and clears this address's counter.
    expect(await verifyCredentials(systemDb(prisma), { email: "slow@example.test", password: "slow-right-password", ip }, now)).toMatchObject({ ok: true });
    expect(await failuresOf(keys.account)).toBe(0);
  });

  it("never slows down the owner of an account someone else is guessing at from another address", async () => {
    await makeUser(prisma, { email: "victim@example.test", password: "victim-right-password" });
    const now = new Date();
    for (let i = 0; i < 12; i++) await verifyCredentials(systemDb(prisma), { email: "victim@example.test", password: `guess-${i}`, ip: "198.51.100.66" }, now);
    expect(await verifyCredentials(systemDb(prisma), { email: "victim@example.test", password: "victim-right-password", ip: "198.51.100.66" }, now)).toMatchObject({ reason: "throttled" });
    expect(await verifyCredentials(systemDb(prisma), { email: "victim@example.test", password: "victim-right-password", ip: "192.0.2.10" }, now)).toMatchObject({ ok: true });
  });

  it("slows one address trying many emails, and no one else", async () => {
    const now = new Date();
    for (let i = 0; i < THROTTLE.freePerIp; i++) await verifyCredentials(systemDb(prisma), { email: `stuffing-${i}@example.test`, password: "Password123", ip: "198.51.100.77" }, now);
    expect(await verifyCredentials(systemDb(prisma), { email: "fresh@example.test", password: "Password123", ip: "198.51.100.77" }, now)).toMatchObject({ reason: "throttled" });
    expect(await verifyCredentials(systemDb(prisma), { email: "fresh@example.test", password: "Password123", ip: "192.0.2.11" }, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("costs the same for an unknown email as for a known one (the password is checked against a dummy hash)", async () => {
    await makeUser(prisma, { email: "known@example.test", password: "known-right-password" });
    const time = async (email: string, i: number) => {
      const started = performance.now();
      await verifyCredentials(systemDb(prisma), { email, password: `wrong-${i}`, ip: `192.0.2.${100 + i}` });
      return performance.now() - started;
    };
    await time("warm-up@example.test", 99);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await time("known@example.test", i));
      unknown.push(await time(`nobody-${i}@example.test`, i + 10));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Without the dummy hash an unknown email answers in a few milliseconds, a known one in tens.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
    expect(median(unknown)).toBeLessThan(median(known) * 1.7);
  });

  it("reads the client address the load balancer saw, not one the client made up", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.8", "x-forwarded-for": "1.2.3.4" }))).toBe("203.0.113.8");
    expect(clientIp(new Headers())).toBeNull();
  });
});

describe("passwords attackers try first", () => {
  it.each(["password123", "qwertyuiop", "1234567890", "Password123", "1q2w3e4r5t"])("refuses the common password %s, naming the field", (password) => {
    expect(() => checkPassword(password)).toThrow(expect.objectContaining({ field: "password", message: expect.stringMatching(/one of the most common passwords/) }));
  });

  it.each(["aaaaaaaaaa", "1111111111", "!!!!!!!!!!!!"])("refuses one character repeated (%s)", (password) => {
    expect(() => checkPassword(password)).toThrow(expect.objectContaining({ field: "password", message: expect.stringMatching(/one character repeated/) }));
  });

  it("accepts a long password that is not on the list", () => {
    expect(() => checkPassword("copper-pipe-lantern-42")).not.toThrow();
  });
});
