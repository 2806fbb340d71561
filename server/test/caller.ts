// tRPC callers for integration tests: the same router the app serves, with a chosen session
// and tenant, through createCaller.
import type { PrismaClient } from "@/server/db/generated/client";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

const createCaller = createCallerFactory(appRouter);

export function callerFor(prisma: PrismaClient, userId: string | null, tenantSlug: string | null = null) {
  return createCaller({ prisma, session: userId ? { userId } : null, tenantSlug, ip: "127.0.0.1" });
}
