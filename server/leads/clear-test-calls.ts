// Test calls (placed from "Test your flow") never sit in the real queue: the inbox shows them only
// under its "Test calls" filter, and an owner or manager clears them there — each open test lead
// is closed through the one lead writer, with a note on its timeline.
import type { LeadWriteCtx } from "./apply-lead-change";
import { closeLead } from "./close-lead";

export const CLEAR_TEST_CALLS_LIMIT = 500;

export async function clearTestCalls(ctx: LeadWriteCtx): Promise<{ cleared: number }> {
  const open = await ctx.db.lead.findMany({
    where: { isTest: true, status: { not: "closed" } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: CLEAR_TEST_CALLS_LIMIT,
  });
  let cleared = 0;
  for (const { id } of open) {
    await closeLead(ctx, { leadId: id, reason: "other", note: "Test call cleared" });
    cleared += 1;
  }
  return { cleared };
}
