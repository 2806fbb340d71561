// Moving a lead within the 7-status contract; the transition table (status-transitions.ts)
// refuses changes that make no sense, with the reason.
import type { LeadStatus } from "@/server/db/generated/enums";
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadPatch, type LeadWriteCtx } from "./apply-lead-change";
import { checkStatusTransition } from "./status-transitions";
import { businessClock } from "./business-hours";
import { notBookedStep } from "@/server/calls/next-step";

export async function changeStatus(
  ctx: LeadWriteCtx,
  input: { leadId: string; status: LeadStatus; note?: string | null },
) {
  return applyLeadChange(ctx, input.leadId, async (lead) => {
    const check = checkStatusTransition(lead.status, input.status, "status");
    if (!check.ok) throw new AppError("BAD_REQUEST", check.reason, "status");
    const patch: LeadPatch = { status: input.status };
    // A lead marked not booked leaves its old next action (a call back) behind for the not-booked step.
    if (input.status === "not_booked") {
      const now = ctx.now ?? new Date();
      Object.assign(patch, notBookedStep(lead, { now, clock: await businessClock(ctx.db, ctx.tenantId) }));
    }
    // Reopening a closed lead clears its close reason and starts a fresh handoff.
    if (lead.status === "closed")
      Object.assign(patch, { closeReason: null, closeNote: null, acceptedAt: null });
    return {
      patch,
      events: [
        {
          type: "status.changed",
          data: {
            from: lead.status,
            to: input.status,
            ...(input.note?.trim() ? { note: input.note.trim() } : {}),
          },
        },
      ],
    };
  });
}
