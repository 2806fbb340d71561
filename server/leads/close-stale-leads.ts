// Stale leads are closed with a reason code: open leads with no movement for a while,
// listed oldest-idle first, closed in bulk with one reason.
import { AppError } from "@/server/errors";
import { visibleLeadsWhere } from "./lead-access";
import type { LeadWriteCtx } from "./apply-lead-change";
import { closeLead } from "./close-lead";
import { closeInputRefusal, type CloseInput } from "./close-reasons";

export const STALE_DAYS_DEFAULT = 14;

export async function listStaleLeads(
  ctx: LeadWriteCtx,
  input: { idleDays: number; cursor?: string | null; limit: number },
) {
  const now = ctx.now ?? new Date();
  const before = new Date(now.getTime() - input.idleDays * 86_400_000);
  const where = {
    status: { not: "closed" as const },
    lastActivityAt: { lt: before },
    ...visibleLeadsWhere(ctx.viewer),
  };
  const [rows, total] = await Promise.all([
    ctx.db.lead.findMany({
      where,
      orderBy: [{ lastActivityAt: "asc" }, { id: "asc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      select: {
        id: true,
        callerName: true,
        callerPhone: true,
        status: true,
        urgency: true,
        lastActivityAt: true,
        createdAt: true,
        isTest: true,
        owner: { select: { name: true } },
      },
    }),
    ctx.db.lead.count({ where }),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({ ...r, ownerName: r.owner?.name ?? null })),
    total,
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    before,
  };
}

/** Closes each selected lead with the same reason; reports which ones could not be closed and why. */
export async function closeStaleLeads(ctx: LeadWriteCtx, input: CloseInput & { leadIds: string[] }) {
  const refusal = closeInputRefusal(input);
  if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
  if (!input.leadIds.length)
    throw new AppError("BAD_REQUEST", "Select at least one lead to close.", "leadIds");
  const closed: string[] = [];
  const failed: { id: string; message: string }[] = [];
  for (const leadId of input.leadIds) {
    try {
      await closeLead(ctx, { ...input, leadId });
      closed.push(leadId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ id: leadId, message: err.message });
    }
  }
  return { closed: closed.length, failed };
}
