// Closing a lead with a reason code, one at a time or — for stale leads — in bulk.
// A closed lead has nothing left to do: its open tasks are marked done and its next action and
// due time are cleared in the same write (the timeline keeps what was pending). A lead closed as
// spam is credited in billing (its AI-handled calls are not charged), by a job after the commit.
import { AppError } from "@/server/errors";
import { enqueueSpamCredit } from "@/server/billing/jobs";
import { applyLeadChange, type LeadWriteCtx } from "./apply-lead-change";
import { closeInputRefusal, closeReasonLabel, type CloseInput } from "./close-reasons";
import { checkStatusTransition } from "./status-transitions";

export async function closeLead(ctx: LeadWriteCtx, input: CloseInput & { leadId: string }) {
  const refusal = closeInputRefusal(input);
  if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
  const note = input.note?.trim() || null;
  const attempts = input.reason === "no_answer_after_attempts" ? input.attempts! : null;
  const closed = await applyLeadChange(ctx, input.leadId, (lead) => {
    const check = checkStatusTransition(lead.status, "closed", "close");
    if (!check.ok) throw new AppError("BAD_REQUEST", check.reason, "reason");
    return {
      patch: {
        status: "closed",
        closeReason: input.reason,
        closeNote: [attempts ? `${attempts} attempts` : null, note].filter(Boolean).join(" — ") || null,
        nextAction: null,
        dueAt: null,
      },
      completeOpenTasks: true,
      events: [
        {
          type: "lead.closed",
          data: {
            reason: input.reason,
            label: closeReasonLabel(input.reason, attempts),
            attempts,
            note,
            fromStatus: lead.status,
            ...(lead.nextAction ? { clearedNextAction: lead.nextAction } : {}),
          },
        },
      ],
    };
  });
  if (input.reason === "spam") await enqueueSpamCredit({ tenantId: ctx.tenantId, leadId: closed.id });
  return closed;
}
