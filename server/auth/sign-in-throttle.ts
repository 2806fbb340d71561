// Sign-in throttling that slows guessing without a long lockout. Every attempt is counted BEFORE
// the password is checked, in one statement over three counters — per (email, client address),
// per client address across emails, and per email across addresses — and that same statement
// decides whether this attempt may be checked at all, so 30 attempts at once get exactly the free
// ones checked, on any number of instances. Past the free attempts each one must wait longer after
// the last (5 s, 10 s, 20 s … up to a minute); the right password works as soon as the wait is
// over. Counters start over after 15 quiet minutes. The client address comes from the connection
// (server/http/client-address.ts), never from a header the client can type.
import { Prisma } from "@/server/db/generated/client";
import type { GlobalDb } from "@/server/db/system";
import { addressLimitKey } from "@/server/http/client-address";

/** The sign-in throttle's table: the global tables (`globalDb(sys)`), or any client that has them. */
type ThrottleDb = Pick<GlobalDb, "signInThrottle" | "$executeRaw" | "$queryRaw">;

export const THROTTLE = {
  /** Attempts per (email, address) before any wait. */
  freePerAccount: 5,
  /** Attempts per address, all emails together, before any wait (an office shares one address). */
  freePerIp: 20,
  /**
   * Attempts per email from all addresses together before any wait: someone guessing from many
   * addresses gets these, then one checked guess per wait. The wait on this counter runs from the
   * last checked attempt, so refused attempts cannot hold it open: the owner gets in within a minute.
   */
  freePerEmail: 10,
  firstWaitMs: 5_000,
  maxWaitMs: 60_000,
  /** A counter starts over after this long without an attempt. */
  quietMs: 15 * 60_000,
};

export type ThrottleKeys = { account: string; ip: string | null; email: string };

/**
 * The keys of one attempt. The address counts under `addressLimitKey`, the one rule every
 * per-address limit uses (sign-up, the request form): an IPv6 client by its /64, an IPv4 address
 * however it was written (`::ffff:203.0.113.5` is 203.0.113.5).
 */
export function throttleKeys(email: string, ip: string | null | undefined): ThrottleKeys {
  const trimmed = ip?.trim().slice(0, 64) || null;
  const from = trimmed ? addressLimitKey(trimmed) : null;
  return {
    account: `account:${email}|${from ?? "unknown"}`,
    ip: from ? `ip:${from}` : null,
    email: `email:${email}`,
  };
}

const keyList = (keys: ThrottleKeys) => [keys.account, ...(keys.ip ? [keys.ip] : []), keys.email];

const freeFor = (key: string) =>
  key.startsWith("ip:")
    ? THROTTLE.freePerIp
    : key.startsWith("email:")
      ? THROTTLE.freePerEmail
      : THROTTLE.freePerAccount;

/** How long to wait after the last failure, given the failures so far and how many are free. */
export function waitAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.firstWaitMs * 2 ** Math.min(failures - free, 20), THROTTLE.maxWaitMs);
}

type Counter = { key: string; failures: number; lastFailureAt: Date; admitted: boolean };

function remainingWait(rows: Counter[], now: Date): number {
  let wait = 0;
  for (const row of rows) {
    if (now.getTime() - row.lastFailureAt.getTime() >= THROTTLE.quietMs) continue;
    wait = Math.max(
      wait,
      row.lastFailureAt.getTime() + waitAfter(row.failures, freeFor(row.key)) - now.getTime(),
    );
  }
  return wait;
}

/** Milliseconds still to wait before this email may be tried from this address (0 = go ahead). */
export async function throttleWaitMs(db: ThrottleDb, keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keyList(keys) } } });
  return remainingWait(rows, now);
}

export type AttemptDecision = { admitted: true } | { admitted: false; retryAfterMs: number };

/**
 * Counts this attempt on every counter and decides, in the same statement, whether it may be
 * checked: each counter admits it when it is quiet, under its free attempts, or past its wait.
 * Concurrent attempts queue on the counters' rows, so each sees the ones before it.
 */
export async function countSignInAttempt(
  db: ThrottleDb,
  keys: ThrottleKeys,
  now: Date,
): Promise<AttemptDecision> {
  const quietSince = new Date(now.getTime() - THROTTLE.quietMs);
  const old = Prisma.sql`"SignInThrottle"`;
  const free = Prisma.sql`(CASE WHEN ${old}."key" LIKE 'ip:%' THEN ${THROTTLE.freePerIp}::int WHEN ${old}."key" LIKE 'email:%' THEN ${THROTTLE.freePerEmail}::int ELSE ${THROTTLE.freePerAccount}::int END)`;
  const wait = Prisma.sql`LEAST(${THROTTLE.firstWaitMs}::float8 * power(2::float8, LEAST(${old}."failures" - ${free}, 20)::float8), ${THROTTLE.maxWaitMs}::float8)`;
  const admits = Prisma.sql`(${old}."lastFailureAt" < ${quietSince} OR ${old}."failures" < ${free} OR ${old}."lastFailureAt" + ${wait} * interval '1 millisecond' <= ${now})`;
  const rows = await db.$queryRaw<Counter[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt", "admitted")
    VALUES ${Prisma.join(keyList(keys).map((key) => Prisma.sql`(${key}, 1, ${now}, true)`))}
    ON CONFLICT ("key") DO UPDATE SET
      "admitted" = ${admits},
      "failures" = CASE WHEN ${old}."lastFailureAt" < ${quietSince} THEN 1 ELSE ${old}."failures" + 1 END,
      "lastFailureAt" = CASE WHEN ${old}."key" LIKE 'email:%' AND NOT ${admits} THEN ${old}."lastFailureAt" ELSE ${now} END
    RETURNING "key", "failures", "lastFailureAt", "admitted"`;
  if (rows.every((r) => r.admitted)) return { admitted: true };
  return { admitted: false, retryAfterMs: Math.max(remainingWait(rows, now), 1) };
}

/**
 * The right password: this address's counter for the email starts over, and the attempt (counted
 * before the check) is taken back from the address and email counters.
 */
export async function recordSuccessfulSignIn(db: ThrottleDb, keys: ThrottleKeys): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keys.account } });
  const others = keyList(keys).filter((k) => k !== keys.account);
  await db.$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" IN (${Prisma.join(others)})`;
}
