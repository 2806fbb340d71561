// The signed-in person for server components and route handlers, with the businesses they may
// open. A session that was signed out (here or on another device) or outlived a password change
// is no session: `currentUser` is null and the page sends the person to sign in.
import { cache } from "react";
import { auth } from "./config";
import { getSystemDb } from "@/server/db";
import { accessibleTenants } from "@/server/agency/tenant-access";
import { personOfSession, type SessionClaims } from "./session-version";

/** What the session cookie says, not yet checked against the person (the gates' reads check it). */
export const currentSession = cache(async (): Promise<SessionClaims | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? { userId, sessionVersion: session.sessionVersion ?? 0 } : null;
});

export const currentUser = cache(async () => {
  const claims = await currentSession();
  if (!claims) return null;
  const sys = await getSystemDb();
  // The person's row, read fresh as before, now also says whether this session still counts.
  const user = await personOfSession(sys, claims);
  if (!user) return null;
  return { ...user, tenants: await accessibleTenants(sys, user.id) };
});
