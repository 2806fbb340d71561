import { serveTrpc } from "@/server/trpc/http";
import { getSystemDb } from "@/server/db";
import { currentSession } from "@/server/auth/session";
import { clientAddress } from "@/server/http/client-address";

const handler = async (req: Request) => {
  const sys = await getSystemDb();
  const session = await currentSession();
  return serveTrpc(req, () => ({
    sys,
    session,
    tenantSlug: req.headers.get("x-tenant"),
    ip: clientAddress(req.headers),
  }));
};

export { handler as GET, handler as POST };
