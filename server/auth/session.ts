// The signed-in user for server components and route handlers, with the businesses they may open.
import { cache } from "react";
import { auth } from "./config";
import { getSystemDb, globalDb } from "@/server/db";
import { accessibleTenants } from "@/server/agency/tenant-access";

export const currentUserId = cache(async (): Promise<string | null> => {
  const session = await auth();
  return session?.user?.id ?? null;
});

export const currentUser = cache(async () => {
  const userId = await currentUserId();
  if (!userId) return null;
  const sys = await getSystemDb();
  const user = await globalDb(sys).user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true },
  });
  if (!user) return null;
  return { ...user, tenants: await accessibleTenants(sys, user.id) };
});
