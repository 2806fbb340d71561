// The receiving owner accepts the handoff by confirming the four acceptance standards (seed 001).
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadWriteCtx } from "./apply-lead-change";
import { acceptRefusal, ACCEPTANCE_STANDARDS, type AcceptanceConfirmations } from "./handoff";

export async function acceptHandoff(ctx: LeadWriteCtx, input: { leadId: string; confirmations: Partial<AcceptanceConfirmations> }) {
  const now = ctx.now ?? new Date();
  return applyLeadChange({ ...ctx, now }, input.leadId, (lead) => {
    const refusal = acceptRefusal(lead, ctx.viewer.userId, input.confirmations);
    if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
    return {
      patch: { acceptedAt: now },
      events: [{ type: "handoff.accepted", data: { confirmed: ACCEPTANCE_STANDARDS.map((s) => s.key), nextAction: lead.nextAction, dueAt: lead.dueAt?.toISOString() ?? null } }],
    };
  });
}
