// The receiving owner rejects an incomplete record with a missing-data reason instead of sitting
// on it. The lead goes back to intake: acceptance cleared, the reason on the timeline
// and as intake's next action. Its owner goes back to the routing rule's pick (someone other
// than the person who rejected it); only where no ownership rule forbids it is it left unowned —
// an emergency or a recovered missed call with nobody else to take it stays with the rejecter.
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadWriteCtx } from "./apply-lead-change";
import { RECORD_FIELDS, recordFieldLabel, type RecordField } from "./handoff";
import { isRecoveredMissedCall } from "./ownership-rules";
import { routingKindFor, routingTarget } from "./routing";

export type RejectInput = { leadId: string; missingField: RecordField; reason: string };

export async function rejectHandoff(ctx: LeadWriteCtx, input: RejectInput) {
  if (!RECORD_FIELDS.some((f) => f.key === input.missingField))
    throw new AppError("BAD_REQUEST", "Say which field is missing.", "missingField");
  const reason = input.reason.trim();
  if (reason.length < 3)
    throw new AppError(
      "BAD_REQUEST",
      "Say what is missing or wrong, so intake can fix it without guessing.",
      "reason",
    );
  const me = ctx.viewer.userId;
  const current = await ctx.db.lead.findFirst({
    where: { id: input.leadId },
    select: { urgency: true, isEstimate: true },
  });
  const routed = current ? await routingTarget(ctx.db, routingKindFor(current)) : null;
  const others =
    routed && routed !== me
      ? routed
      : ((
          await ctx.db.membership.findFirst({
            where: { userId: { not: me }, role: { in: ["owner", "manager"] } },
            orderBy: { createdAt: "asc" },
            select: { userId: true },
          })
        )?.userId ?? null);

  return applyLeadChange(ctx, input.leadId, (lead) => {
    if (lead.status === "closed")
      throw new AppError("BAD_REQUEST", "This lead is closed: there is no handoff to reject.");
    if (lead.ownerId !== me)
      throw new AppError("BAD_REQUEST", "Only the receiving owner can reject this handoff.", "ownerId");
    if (lead.acceptedAt)
      throw new AppError(
        "BAD_REQUEST",
        "You already accepted this lead. To hand it on, reassign it with a reason.",
      );
    const mustBeOwned = lead.urgency === "emergency" || lead.isEstimate || isRecoveredMissedCall(lead);
    const ownerId = others ?? (mustBeOwned ? me : null);
    const label = recordFieldLabel(input.missingField);
    return {
      patch: { acceptedAt: null, ownerId, nextAction: `Intake: add the missing ${label} (${reason})` },
      events: [
        {
          type: "handoff.rejected",
          data: { missingField: input.missingField, fieldLabel: label, reason, from: me, to: ownerId },
        },
      ],
      reason: `rejected: ${label}`,
    };
  });
}
