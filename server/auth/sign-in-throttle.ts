// Sign-in throttling that slows guessing without locking anyone out. Failed (and refused) attempts
// are counted per (email, client IP) and per client IP across emails, atomically in the database,
// so 30 attempts at once count as 30 on every instance. Past a few free failures each attempt must
// wait longer after the last one (5 s, 10 s, 20 s … up to a minute); the right password works
// again as soon as the wait is over, and someone guessing from another address never slows you
// down. Counters start over after 15 quiet minutes. Without a known client address (no proxy
// header) only the per-email counter applies, so strangers never share one counter.
import type { GlobalDb } from "@/server/db/system";

/** The sign-in throttle's table: the global tables (`globalDb(sys)`), or any client that has them. */
type ThrottleDb = Pick<GlobalDb, "signInThrottle" | "$executeRaw">;

export const THROTTLE = {
  /** Failures per (email, IP) before any wait. */
  freePerAccount: 5,
  /** Failures per IP, all emails together, before any wait (an office shares one address). */
  freePerIp: 20,
  firstWaitMs: 5_000,
  maxWaitMs: 60_000,
  /** A counter starts over after this long without a failure. */
  quietMs: 15 * 60_000,
};

export type ThrottleKeys = { account: string; ip: string | null };

export function throttleKeys(email: string, ip: string | null | undefined): ThrottleKeys {
  const from = ip?.trim().slice(0, 64) || null;
  return { account: `account:${email}|${from ?? "unknown"}`, ip: from ? `ip:${from}` : null };
}

const keyList = (keys: ThrottleKeys) => (keys.ip ? [keys.account, keys.ip] : [keys.account]);

/**
 * The client's address as the nearest proxy saw it: X-Real-IP, else the last X-Forwarded-For
 * entry (the one the load balancer appended; earlier entries are whatever the client sent).
 */
export function clientIp(headers: Headers | undefined): string | null {
  const real = headers?.get("x-real-ip")?.trim();
  if (real) return real;
  const forwarded = headers?.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? null;
}

/** How long to wait after the last failure, given the failures so far and how many are free. */
export function waitAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.firstWaitMs * 2 ** (failures - free), THROTTLE.maxWaitMs);
}

/** Milliseconds still to wait before this email may be tried from this address (0 = go ahead). */
export async function throttleWaitMs(db: ThrottleDb, keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keyList(keys) } } });
  let wait = 0;
  for (const row of rows) {
    if (now.getTime() - row.lastFailureAt.getTime() >= THROTTLE.quietMs) continue;
    const free = row.key === keys.account ? THROTTLE.freePerAccount : THROTTLE.freePerIp;
    wait = Math.max(wait, row.lastFailureAt.getTime() + waitAfter(row.failures, free) - now.getTime());
  }
  return wait;
}

/** Counts one failed or refused attempt on both counters, in one statement each (no lost updates). */
export async function recordFailedSignIn(db: ThrottleDb, keys: ThrottleKeys, now: Date): Promise<void> {
  const quietSince = new Date(now.getTime() - THROTTLE.quietMs);
  for (const key of keyList(keys)) {
    await db.$executeRaw`
      INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" < ${quietSince} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "lastFailureAt" = ${now}`;
  }
}

/** The right password from this address clears its (email, IP) counter; the IP counter stays. */
export async function clearAccountThrottle(db: ThrottleDb, keys: ThrottleKeys): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keys.account } });
}
