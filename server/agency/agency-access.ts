// Which agency an operator is acting for in the agency console. An operator is an AgencyMember;
// a user who operates several agencies names one (else the oldest membership is used).
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";

export type AgencyAccess = { agencyId: string; name: string; agencies: { id: string; name: string }[] };

export async function operatorAgencies(sys: SystemDb, userId: string) {
  const rows = await globalDb(sys).agencyMember.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { agency: { select: { id: true, name: true } } },
  });
  return rows.map((r) => r.agency);
}

/** The agency this operator may act for, or an AppError (FORBIDDEN for non-operators and foreign agencies). */
export async function resolveAgencyAccess(
  sys: SystemDb,
  userId: string,
  requestedAgencyId?: string | null,
): Promise<AgencyAccess> {
  const agencies = await operatorAgencies(sys, userId);
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
