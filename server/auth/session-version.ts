// A session (the signed cookie, good for 30 days) carries the person's session version from the
// moment they signed in, and counts only while that version is still theirs. Signing out,
// changing the password and "sign out everywhere" move the version on, so every copy of an older
// cookie (another device, a copied cookie) is refused from its next request: a page sends the
// person to sign in, tRPC answers UNAUTHORIZED. The version is checked in the read each request
// already makes of the person (their row for pages, the tenant or agency gate's read for tRPC).
import { accountAuditLog } from "@/server/db/cross-tenant";
import { globalDb, type SystemDb } from "@/server/db/system";
import { writeAudit } from "@/server/audit/write-audit";
import { AppError } from "@/server/errors";

/** What a session cookie says: who signed in, and with which version of their sessions. */
export type SessionClaims = { userId: string; sessionVersion: number };

/** Whether a cookie still counts for this person (`person` null: the account is gone). */
export function isCurrentSession<P extends { sessionVersion: number }>(
  claims: SessionClaims,
  person: P | null,
): person is P {
  return !!person && claims.sessionVersion >= person.sessionVersion;
}

/** What a request with a refused session gets: the same as one with no session. */
export function sessionEnded(): AppError {
  return new AppError("UNAUTHORIZED", "You were signed out. Sign in to continue.");
}

/** The signed-in person, in one read, or null when their session was ended or the account is gone. */
export async function personOfSession(sys: SystemDb, claims: SessionClaims) {
  const person = await globalDb(sys).user.findUnique({
    where: { id: claims.userId },
    select: { id: true, name: true, email: true, sessionVersion: true },
  });
  if (!isCurrentSession(claims, person)) return null;
  return { id: person.id, name: person.name, email: person.email };
}

/**
 * Signing out ends every session of the person, on every device. Only a session that still counts
 * can do it, so a cookie that was already refused cannot sign the person out elsewhere. True when
 * the sessions ended.
 */
export async function endSessions(sys: SystemDb, claims: SessionClaims): Promise<boolean> {
  const { count } = await globalDb(sys).user.updateMany({
    where: whileCurrent(claims),
    data: { sessionVersion: { increment: 1 } },
  });
  return count > 0;
}

/** The person's row, only while this session still counts: for a write that ends their sessions. */
export const whileCurrent = (claims: SessionClaims) => ({
  id: claims.userId,
  sessionVersion: { lte: claims.sessionVersion },
});

/** "Sign out everywhere": the same as signing out, asked for on purpose, so it is in the audit log. */
export async function signOutEverywhere(sys: SystemDb, claims: SessionClaims): Promise<void> {
  if (!(await endSessions(sys, claims))) throw sessionEnded();
  await writeAudit(accountAuditLog(sys), {
    actorId: claims.userId,
    action: "auth.signed_out_everywhere",
    target: claims.userId,
  });
}
