// Checks an email + password for sign-in, throttled per (email, client IP) and per client IP
// (server/auth/sign-in-throttle.ts). An unknown email costs the same as a known one: the password
// is checked against a dummy hash, so response times do not tell which emails have accounts.
import { globalDb, type SystemDb } from "@/server/db/system";
import { accountAuditLog } from "@/server/db/cross-tenant";
import { writeAudit } from "@/server/audit/write-audit";
import { hashPassword, verifyPassword } from "@/server/accounts/passwords";
import { normalizeEmail } from "@/server/accounts/sign-up";
import { clearAccountThrottle, recordFailedSignIn, throttleKeys, throttleWaitMs } from "./sign-in-throttle";

export type CredentialResult = { ok: true; user: { id: string; email: string; name: string } } | { ok: false; reason: "invalid" | "throttled"; retryAfterMs?: number };

const g = globalThis as unknown as { __leadrescueDummyHash?: Promise<string> };
/** A real argon2 hash of a random password, made once per process: what unknown emails are checked against. */
function dummyHash(): Promise<string> {
  g.__leadrescueDummyHash ??= hashPassword(`no-such-account-${Math.random()}-${Date.now()}`);
  return g.__leadrescueDummyHash;
}

export async function verifyCredentials(sys: SystemDb, input: { email: string; password: string; ip?: string | null }, now = new Date()): Promise<CredentialResult> {
  const db = globalDb(sys);
  const email = normalizeEmail(input.email);
  const keys = throttleKeys(email, input.ip);
  const wait = await throttleWaitMs(db, keys, now);
  if (wait > 0) {
    // A try during the wait counts too: hammering makes the wait longer, never shorter.
    await recordFailedSignIn(db, keys, now);
    await writeAudit(accountAuditLog(sys), { action: "auth.sign_in_throttled", target: email, data: { ip: input.ip ?? null, waitMs: wait } });
    return { ok: false, reason: "throttled", retryAfterMs: wait };
  }
  const user = await db.user.findUnique({ where: { email } });
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !matches) {
    await recordFailedSignIn(db, keys, now);
    await writeAudit(accountAuditLog(sys), { action: "auth.sign_in_failed", target: email, data: { ip: input.ip ?? null } });
    return { ok: false, reason: "invalid" };
  }
  await clearAccountThrottle(db, keys);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
