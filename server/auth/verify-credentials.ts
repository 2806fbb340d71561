// Checks an email + password for sign-in, throttled per (email, client address), per client
// address and per email (server/auth/sign-in-throttle.ts): the attempt is counted before the
// password is checked, and only an admitted attempt is checked at all. An unknown email costs the
// same as a known one: the password is checked against a dummy hash, so response times do not
// tell which emails have accounts.
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { accountAuditLog } from "@/server/db/cross-tenant";
import { writeAudit } from "@/server/audit/write-audit";
import { hashPassword, verifyPassword } from "@/server/accounts/passwords";
import { normalizeEmail } from "@/server/accounts/sign-up";
import { clientAddress } from "@/server/http/client-address";
import { countSignInAttempt, recordSuccessfulSignIn, throttleKeys } from "./sign-in-throttle";

export type CredentialResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "throttled"; retryAfterMs?: number };

const g = globalThis as unknown as { __leadrescueDummyHash?: Promise<string> };
/** A real argon2 hash of a random password, made once per process: what unknown emails are checked against. */
function dummyHash(): Promise<string> {
  g.__leadrescueDummyHash ??= hashPassword(`no-such-account-${Math.random()}-${Date.now()}`);
  return g.__leadrescueDummyHash;
}

export async function verifyCredentials(
  sys: SystemDb,
  input: { email: string; password: string; ip?: string | null },
  now = new Date(),
): Promise<CredentialResult> {
  const db = globalDb(sys);
  const email = normalizeEmail(input.email);
  const keys = throttleKeys(email, input.ip);
  const decision = await countSignInAttempt(db, keys, now);
  if (!decision.admitted) {
    // A try during the wait counts too: hammering from one address makes its wait longer.
    await writeAudit(accountAuditLog(sys), {
      action: "auth.sign_in_throttled",
      target: email,
      data: { ip: input.ip ?? null, waitMs: decision.retryAfterMs },
    });
    return { ok: false, reason: "throttled", retryAfterMs: decision.retryAfterMs };
  }
  const user = await db.user.findUnique({ where: { email } });
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !matches) {
    await writeAudit(accountAuditLog(sys), {
      action: "auth.sign_in_failed",
      target: email,
      data: { ip: input.ip ?? null },
    });
    return { ok: false, reason: "invalid" };
  }
  await recordSuccessfulSignIn(db, keys);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion },
  };
}

/**
 * A person's own password where a form asks for it again (an invite to an existing account, a
 * password change), checked as sign-in checks it: throttled and audited. Throws for the form's
 * field: 429 while throttled, else `wrong`.
 */
export async function requirePassword(
  sys: SystemDb,
  input: { email: string; password: string; ip?: string | null },
  field: string,
  wrong: AppError,
  now = new Date(),
): Promise<void> {
  const checked = await verifyCredentials(sys, input, now);
  if (checked.ok) return;
  if (checked.reason === "throttled")
    throw new AppError(
      "TOO_MANY_REQUESTS",
      "Too many failed attempts. Wait a minute, then try again.",
      field,
    );
  throw wrong;
}

/** next-auth's `authorize`: the credentials from the form, the client address from the connection. */
export function verifySignInRequest(
  sys: SystemDb,
  credentials: { email: string; password: string },
  request: Request | undefined,
  now = new Date(),
) {
  return verifyCredentials(sys, { ...credentials, ip: request ? clientAddress(request.headers) : null }, now);
}
