// Which agency an operator is acting for in the agency console. An operator is an AgencyMember;
// a user who operates several agencies names one (else the oldest membership is used).
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { isCurrentSession, sessionEnded, type SessionClaims } from "@/server/auth/session-version";

export type AgencyAccess = { agencyId: string; name: string; agencies: { id: string; name: string }[] };

/**
 * The person's session version and the agencies they operate (oldest membership first), in one
 * statement; null when the account is gone.
 */
async function personWithAgencies(sys: SystemDb, userId: string) {
  const rows = await globalDb(sys).$queryRaw<
    { sessionVersion: number; agencyId: string | null; name: string | null }[]
  >`
    SELECT u."sessionVersion", a."id" AS "agencyId", a."name"
    FROM "User" u
    LEFT JOIN "AgencyMember" m ON m."userId" = u."id"
    LEFT JOIN "Agency" a ON a."id" = m."agencyId"
    WHERE u."id" = ${userId}
    ORDER BY m."createdAt", m."id"`;
  if (!rows[0]) return null;
  const agencies = rows.flatMap((r) => (r.agencyId ? [{ id: r.agencyId, name: r.name ?? "" }] : []));
  return { sessionVersion: rows[0].sessionVersion, agencies };
}

export async function operatorAgencies(sys: SystemDb, userId: string) {
  return (await personWithAgencies(sys, userId))?.agencies ?? [];
}

/**
 * The agency this operator may act for, or an AppError (FORBIDDEN for non-operators and foreign
 * agencies; UNAUTHORIZED for a session that no longer counts, server/auth/session-version.ts).
 */
export async function resolveAgencyAccess(
  sys: SystemDb,
  session: SessionClaims,
  requestedAgencyId?: string | null,
): Promise<AgencyAccess> {
  const person = await personWithAgencies(sys, session.userId);
  if (!isCurrentSession(session, person)) throw sessionEnded();
  const { agencies } = person;
  if (agencies.length === 0)
    throw new AppError(
      "FORBIDDEN",
      "The agency console is for agency operators. Ask your agency to add you as an operator.",
    );
  const agency = requestedAgencyId ? agencies.find((a) => a.id === requestedAgencyId) : agencies[0];
  // Same answer for "no such agency" and "not yours".
  if (!agency) throw new AppError("FORBIDDEN", "You are not an operator of that agency.");
  return { agencyId: agency.id, name: agency.name, agencies };
}
