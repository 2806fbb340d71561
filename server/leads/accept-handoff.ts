// The receiving owner accepts the handoff by confirming the four acceptance standards
// with one click. An owner or manager may instead take a lead over and accept it at once: it is
// reassigned to them and both steps are logged on the timeline.
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadEventInput, type LeadWriteCtx } from "./apply-lead-change";
import { acceptRefusal, ACCEPTANCE_STANDARDS, type AcceptanceConfirmations } from "./handoff";

/** Who may take over someone else's lead and accept it themselves. */
export const CAN_TAKE_OVER = ["owner", "manager", "operator"] as const;

export async function acceptHandoff(
  ctx: LeadWriteCtx,
  input: { leadId: string; confirmations: Partial<AcceptanceConfirmations>; takeOver?: boolean },
) {
  const now = ctx.now ?? new Date();
  const me = ctx.viewer.userId;
  if (input.takeOver && !(CAN_TAKE_OVER as readonly string[]).includes(ctx.viewer.role)) {
    throw new AppError(
      "FORBIDDEN",
      "Only an owner or a manager can take over a lead. Ask them, or ask the named owner to accept it.",
    );
  }
  return applyLeadChange({ ...ctx, now }, input.leadId, (lead) => {
    const takingOver = !!input.takeOver && lead.ownerId !== me && lead.status !== "closed";
    const refusal = acceptRefusal(
      takingOver ? { ...lead, ownerId: me, acceptedAt: null } : lead,
      me,
      input.confirmations,
    );
    if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
    const events: LeadEventInput[] = [];
    if (takingOver) events.push({ type: "lead.taken_over", data: { from: lead.ownerId, to: me } });
    events.push({
      type: "handoff.accepted",
      data: {
        confirmed: ACCEPTANCE_STANDARDS.map((s) => s.key),
        nextAction: lead.nextAction,
        dueAt: lead.dueAt?.toISOString() ?? null,
      },
    });
    return {
      patch: { acceptedAt: now, ...(takingOver ? { ownerId: me } : {}) },
      events,
      ...(takingOver ? { reason: "taken over" } : {}),
    };
  });
}
