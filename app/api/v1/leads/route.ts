import { withApiKey } from "@/server/api/http";
import { listLeads, ZListLeadsQuery } from "@/server/api/list-leads";

export function GET(req: Request) {
  return withApiKey(req, (db) => listLeads(db, ZListLeadsQuery.parse(Object.fromEntries(new URL(req.url).searchParams))));
}
