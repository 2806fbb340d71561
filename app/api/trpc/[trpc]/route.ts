import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/root";
import { responseMeta } from "@/server/trpc/init";
import { getSystemDb } from "@/server/db";
import { currentSession } from "@/server/auth/session";
import { clientAddress } from "@/server/http/client-address";

const handler = async (req: Request) => {
  const sys = await getSystemDb();
  const session = await currentSession();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => ({
      sys,
      session,
      tenantSlug: req.headers.get("x-tenant"),
      ip: clientAddress(req.headers),
    }),
    responseMeta,
    // Internal errors are logged once, with the reference the answer shows (server/trpc/init.ts).
  });
};

export { handler as GET, handler as POST };
