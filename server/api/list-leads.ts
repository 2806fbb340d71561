// REST API v1 reads: newest first, cursor pagination, filters status, urgency and since.
import { z } from "zod";
import { isDateInBounds, zDateTimeString } from "@/server/http/safe-input";
import type { TenantDb } from "@/server/db/tenant-scope";
import { LeadStatus, Urgency } from "@/server/db/generated/enums";
import { AppError } from "@/server/errors";
import { leadJson } from "./lead-json";

export const ZListLeadsQuery = z.object({
  status: z
    .enum(Object.values(LeadStatus) as [string, ...string[]], {
      message: `status must be one of ${Object.values(LeadStatus).join(", ")}`,
    })
    .optional(),
  urgency: z
    .enum(Object.values(Urgency) as [string, ...string[]], {
      message: `urgency must be one of ${Object.values(Urgency).join(", ")}`,
    })
    .optional(),
  since: zDateTimeString("since must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number({ message: "limit must be a number" })
    .int()
    .min(1, "limit must be 1 to 100")
    .max(100, "limit must be 1 to 100")
    .default(25),
});

/** Cursor = base64url of "createdAt|id", so pages stay stable while new leads arrive. */
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !isDateInBounds(createdAt))
    throw new AppError(
      "BAD_REQUEST",
      "cursor is not valid: pass the nextCursor of the previous page.",
      "cursor",
    );
  return { createdAt, id };
}

export async function listLeads(db: TenantDb, query: z.infer<typeof ZListLeadsQuery>) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.lead.findMany({
    where: {
      ...(query.status ? { status: query.status as LeadStatus } : {}),
      ...(query.urgency ? { urgency: query.urgency as Urgency } : {}),
      ...(query.since ? { createdAt: { gte: new Date(query.since) } } : {}),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(leadJson),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url")
        : null,
  };
}

export async function getLead(db: TenantDb, id: string) {
  const lead = await db.lead.findFirst({ where: { id } });
  if (!lead) throw new AppError("NOT_FOUND", `No lead ${id} in this account.`);
  return leadJson(lead);
}
