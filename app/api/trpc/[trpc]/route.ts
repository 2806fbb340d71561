import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/root";
import { getSystemDb } from "@/server/db";
import { currentUserId } from "@/server/auth/session";

const handler = async (req: Request) => {
  const sys = await getSystemDb();
  const userId = await currentUserId();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => ({
      sys,
      session: userId ? { userId } : null,
      tenantSlug: req.headers.get("x-tenant"),
      ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
    }),
    // Internal errors are logged once, with the reference the answer shows (server/trpc/init.ts).
  });
};

export { handler as GET, handler as POST };
