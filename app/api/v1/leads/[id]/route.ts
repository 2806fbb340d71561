import { withApiKey } from "@/server/api/http";
import { getLead } from "@/server/api/list-leads";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withApiKey(req, async (db) => ({ data: await getLead(db, id) }));
}
