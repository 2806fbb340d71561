// Sign-in throttling that slows guessing without locking a person out: every attempt counted
// before the password is checked, in one statement, per (email, client address), per client
// address and per email; the client address from the connection, not from headers the client can
// type; an increasing wait instead of a long lock; the same cost for unknown and known emails;
// and sign-up refuses the passwords attackers try first.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { makeUser } from "@/prisma/factories";
import { checkPassword } from "@/server/accounts/sign-up";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { addressLimitKey, stampPeerAddresses } from "@/server/http/client-address";
import { THROTTLE, throttleKeys, throttleWaitMs } from "./sign-in-throttle";
import { verifyCredentials, verifySignInRequest, type CredentialResult } from "./verify-credentials";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
});
afterAll(() => db?.drop());

const failuresOf = async (key: string) =>
  (await prisma.signInThrottle.findUnique({ where: { key } }))?.failures ?? 0;
const seconds = (n: number) => n * 1000;

describe(`sign-in throttling (${engineName})`, () => {
  it("checks only the 5 free passwords of 30 wrong ones sent at once from one address, and counts all 30", async () => {
    await makeUser(prisma, { email: "burst@example.test", password: "burst-right-password" });
    const now = new Date();
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        verifyCredentials(
          systemDb(prisma),
          { email: "burst@example.test", password: `guess-${i}`, ip: "203.0.113.30" },
          now,
        ),
      ),
    );
    const ms = Math.round(performance.now() - started);
    // "invalid" = the password was checked; "throttled" = refused before any check.
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    console.log(
      `sign-in throttle (${engineName}): 30 concurrent wrong passwords -> ${checked} checked, ${results.length - checked} throttled, ${ms} ms`,
    );
    expect(checked).toBe(THROTTLE.freePerAccount);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(
      30 - THROTTLE.freePerAccount,
    );
    const keys = throttleKeys("burst@example.test", "203.0.113.30");
    expect(await failuresOf(keys.account)).toBe(30);
    expect(await failuresOf(keys.ip!)).toBe(30);
    expect(await failuresOf(keys.email)).toBe(30);
  });

  it("makes each wait longer instead of locking: the right password works as soon as the wait is over", async () => {
    await makeUser(prisma, { email: "slow@example.test", password: "slow-right-password" });
    const ip = "203.0.113.40";
    const keys = throttleKeys("slow@example.test", ip);
    let now = new Date();
    for (let i = 0; i < THROTTLE.freePerAccount; i++) {
      expect(
        await verifyCredentials(
          systemDb(prisma),
          { email: "slow@example.test", password: `guess-${i}`, ip },
          now,
        ),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wait = await throttleWaitMs(prisma, keys, now);
      waits.push(wait);
      // During the wait even the right password is refused (and that try counts).
      expect(
        await verifyCredentials(
          systemDb(prisma),
          { email: "slow@example.test", password: "slow-right-password", ip },
          now,
        ),
      ).toMatchObject({ ok: false, reason: "throttled" });
      now = new Date(now.getTime() + (await throttleWaitMs(prisma, keys, now)));
      if (i < 3)
        expect(
          await verifyCredentials(
            systemDb(prisma),
            { email: "slow@example.test", password: `late-guess-${i}`, ip },
            now,
          ),
        ).toEqual({ ok: false, reason: "invalid" });
    }
    expect(waits).toEqual([seconds(5), seconds(20), seconds(60), seconds(60)]);
    // Once the wait is over, the right password signs in and clears this address's counter.
    expect(
      await verifyCredentials(
        systemDb(prisma),
        { email: "slow@example.test", password: "slow-right-password", ip },
        now,
      ),
    ).toMatchObject({ ok: true });
    expect(await failuresOf(keys.account)).toBe(0);
  });

  it("never slows down the owner of an account someone else is guessing at from another address", async () => {
    await makeUser(prisma, { email: "victim@example.test", password: "victim-right-password" });
    const now = new Date();
    // More than the per-address allowance, fewer than the per-email one.
    for (let i = 0; i < THROTTLE.freePerEmail - 2; i++)
      await verifyCredentials(
        systemDb(prisma),
        { email: "victim@example.test", password: `guess-${i}`, ip: "198.51.100.66" },
        now,
      );
    expect(
      await verifyCredentials(
        systemDb(prisma),
        { email: "victim@example.test", password: "victim-right-password", ip: "198.51.100.66" },
        now,
      ),
    ).toMatchObject({ reason: "throttled" });
    expect(
      await verifyCredentials(
        systemDb(prisma),
        { email: "victim@example.test", password: "victim-right-password", ip: "192.0.2.10" },
        now,
      ),
    ).toMatchObject({ ok: true });
  });

  it("slows one address trying many emails, and no one else", async () => {
    const now = new Date();
    for (let i = 0; i < THROTTLE.freePerIp; i++)
      await verifyCredentials(
        systemDb(prisma),
        { email: `stuffing-${i}@example.test`, password: "Password123", ip: "198.51.100.77" },
        now,
      );
    expect(
      await verifyCredentials(
        systemDb(prisma),
        { email: "fresh@example.test", password: "Password123", ip: "198.51.100.77" },
        now,
      ),
    ).toMatchObject({ reason: "throttled" });
    expect(
      await verifyCredentials(
        systemDb(prisma),
        { email: "fresh@example.test", password: "Password123", ip: "192.0.2.11" },
        now,
      ),
    ).toEqual({ ok: false, reason: "invalid" });
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

  it("slows guessing one email from many addresses: the free per-email attempts, then one check per wait; the owner gets in after at most a minute", async () => {
    await makeUser(prisma, { email: "spread@example.test", password: "spread-right-password" });
    const now = new Date();
    const results: CredentialResult[] = [];
    for (let i = 0; i < 40; i++)
      results.push(
        await verifyCredentials(
          systemDb(prisma),
          { email: "spread@example.test", password: `guess-${i}`, ip: `198.18.${i}.1` },
          now,
        ),
      );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE.freePerEmail);
    // Refused tries do not hold the wait open: it runs from the last checked one, a minute at most.
    const later = new Date(now.getTime() + THROTTLE.maxWaitMs);
    expect(
      await verifyCredentials(
        systemDb(prisma),
        { email: "spread@example.test", password: "spread-right-password", ip: "192.0.2.200" },
        later,
      ),
    ).toMatchObject({ ok: true });
  });
});

describe(`sign-in throttling counts a client as every other limit does (${engineName})`, () => {
  it("keys an address exactly as the request form and sign-up do: an IPv6 /64 as one, an IPv4 address however it is written", () => {
    for (const ip of ["2001:db8:7:9::1", "2001:DB8:7:9:ffff::abcd", "::ffff:203.0.113.9", "203.0.113.9"])
      expect(throttleKeys("keys@example.test", ip).ip).toBe(`ip:${addressLimitKey(ip)}`);
    expect(throttleKeys("keys@example.test", "::ffff:203.0.113.9")).toEqual(
      throttleKeys("keys@example.test", "203.0.113.9"),
    );
    // Two IPv4 clients written as IPv4-mapped IPv6 are two clients, not one shared /64.
    expect(throttleKeys("keys@example.test", "::ffff:198.51.100.1").ip).not.toBe(
      throttleKeys("keys@example.test", "::ffff:198.51.100.2").ip,
    );
  });

  it("checks only the free passwords of a client rotating its address inside one /64 and through the spellings of one IPv4 address", async () => {
    await makeUser(prisma, { email: "rotate@example.test", password: "rotate-right-password" });
    const now = new Date();
    const results: CredentialResult[] = [];
    for (let i = 0; i < 20; i++)
      results.push(
        await verifyCredentials(
          systemDb(prisma),
          {
            email: "rotate@example.test",
            password: `guess-${i}`,
            ip: i % 2 ? `2001:db8:42:7:${((i * 7919) & 0xffff).toString(16)}::${i}` : "2001:db8:42:7::1",
          },
          now,
        ),
      );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE.freePerAccount);
    const mapped: CredentialResult[] = [];
    for (let i = 0; i < 12; i++)
      mapped.push(
        await verifyCredentials(
          systemDb(prisma),
          {
            email: "mapped@example.test",
            password: `guess-${i}`,
            ip: i % 2 ? "::ffff:192.0.2.77" : "192.0.2.77",
          },
          now,
        ),
      );
    expect(mapped.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE.freePerAccount);
  });
});

describe(`sign-in throttling over HTTP (${engineName})`, () => {
  let server: Server;
  let port: number;
  const toRequest = (req: IncomingMessage) =>
    new Request(`http://127.0.0.1${req.url}`, {
      method: "POST",
      headers: Object.entries(req.headers).map(
        ([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")] as [string, string],
      ),
    });

  beforeAll(async () => {
    // What next-auth's authorize does with each sign-in request, behind a real HTTP server.
    stampPeerAddresses();
    server = createServer((req, res) => {
      const body: Buffer[] = [];
      req.on("data", (c: Buffer) => body.push(c));
      req.on("end", () => {
        const { email, password } = JSON.parse(Buffer.concat(body).toString()) as {
          email: string;
          password: string;
        };
        verifySignInRequest(systemDb(prisma), { email, password }, toRequest(req)).then(
          (result) => res.end(JSON.stringify(result)),
          (err: Error) => ((res.statusCode = 500), res.end(err.message)),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const signIn = (email: string, password: string, headers: Record<string, string>) =>
    new Promise<CredentialResult>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/auth/callback/credentials",
          headers: { "content-type": "application/json", ...headers },
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () =>
            res.statusCode === 200 ? resolve(JSON.parse(text) as CredentialResult) : reject(new Error(text)),
          );
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ email, password }));
    });

  it("throttles 40 wrong passwords each sent with a different X-Real-IP or X-Forwarded-For: the address is the connection's", async () => {
    await makeUser(prisma, { email: "spoof@example.test", password: "spoof-right-password" });
    const results: CredentialResult[] = [];
    for (let i = 0; i < 40; i++) {
      const spoof: Record<string, string> =
        i % 2 ? { "x-real-ip": `203.0.113.${i}` } : { "x-forwarded-for": `198.51.100.7, 203.0.113.${i}` };
      results.push(await signIn("spoof@example.test", `guess-${i}`, spoof));
    }
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    console.log(
      `sign-in throttle (${engineName}): 40 wrong passwords with rotating forwarding headers -> ${checked} checked`,
    );
    expect(checked).toBe(THROTTLE.freePerAccount);
    expect(await failuresOf(throttleKeys("spoof@example.test", "127.0.0.1").account)).toBe(40);
  });
});

describe("passwords attackers try first", () => {
  it.each(["password123", "qwertyuiop", "1234567890", "Password123", "1q2w3e4r5t"])(
    "refuses the common password %s, naming the field",
    (password) => {
      expect(() => checkPassword(password)).toThrow(
        expect.objectContaining({
          field: "password",
          message: expect.stringMatching(/one of the most common passwords/),
        }),
      );
    },
  );

  it.each(["aaaaaaaaaa", "1111111111", "!!!!!!!!!!!!"])("refuses one character repeated (%s)", (password) => {
    expect(() => checkPassword(password)).toThrow(
      expect.objectContaining({
        field: "password",
        message: expect.stringMatching(/one character repeated/),
      }),
    );
  });

  it("accepts a long password that is not on the list", () => {
    expect(() => checkPassword("copper-pipe-lantern-42")).not.toThrow();
  });
});
