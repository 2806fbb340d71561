// Handing a lead to one named owner with a next action and a due time (the handoff
// contract). A new owner has to accept again; an accepted lead changes hands only with a reason,
// logged on the timeline ("responsibility does not bounce back informally").
import type { Lead } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadEventInput, type LeadWriteCtx } from "./apply-lead-change";
import { assertDueNotPast } from "./due-time";

export type AssignInput = {
  leadId: string;
  ownerId: string | null;
  nextAction?: string | null;
  dueAt?: Date | null;
  reason?: string | null;
  /**
   * The owner, next action and due time the person's form started from. When the lead holds
   * something else now (a touchpoint or a booking changed it meanwhile), the save is refused
   * instead of writing the older values back over the newer ones.
   */
  seen?: { ownerId: string | null; nextAction: string | null; dueAt: Date | null };
};

const minute = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 60_000) : null);

/** What changed on the lead since the form's `seen`, in words; empty when nothing did. */
export function changedSinceSeen(
  lead: Pick<Lead, "ownerId" | "nextAction" | "dueAt">,
  seen: NonNullable<AssignInput["seen"]>,
): string[] {
  const changed: string[] = [];
  if ((seen.ownerId ?? null) !== lead.ownerId) changed.push("the owner");
  if ((seen.nextAction?.trim() || null) !== lead.nextAction)
    changed.push(
      lead.nextAction ? `the next action (now “${lead.nextAction}”)` : "the next action (now none)",
    );
  // The form shows minutes: a due time is the same if it falls in the same minute.
  if (minute(seen.dueAt) !== minute(lead.dueAt)) changed.push("the due time");
  return changed;
}

export async function assertMember(ctx: LeadWriteCtx, userId: string) {
  const member = await ctx.db.membership.findFirst({ where: { userId }, select: { id: true } });
  if (!member)
    throw new AppError(
      "BAD_REQUEST",
      "That person is not a member of this business. Pick someone from the team list.",
      "ownerId",
    );
}

export async function assignLead(ctx: LeadWriteCtx, input: AssignInput) {
  if (input.ownerId) await assertMember(ctx, input.ownerId);
  const nextAction = input.nextAction === undefined ? undefined : input.nextAction?.trim() || null;
  return applyLeadChange(ctx, input.leadId, (lead) => {
    if (lead.status === "closed")
      throw new AppError(
        "BAD_REQUEST",
        "This lead is closed. Reopen it (status follow-up needed) before handing it off.",
      );
    const changed = input.seen ? changedSinceSeen(lead, input.seen) : [];
    if (changed.length)
      throw new AppError(
        "CONFLICT",
        `Not saved: someone changed ${changed.join(", ")} while you were editing. Look at the lead as it is now, then save again.`,
      );
    const ownerChanged = input.ownerId !== lead.ownerId;
    const events: LeadEventInput[] = [];
    if (ownerChanged) {
      events.push({
        type: lead.acceptedAt ? "lead.reassigned" : "lead.assigned",
        data: {
          from: lead.ownerId,
          to: input.ownerId,
          ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
          ...(lead.acceptedAt ? { acceptanceReset: true } : {}),
        },
      });
    }
    // The form shows minutes: a due time sent back in the minute the lead already has is the
    // same due time (an overdue lead handed to someone else keeps it, and is not refused as "in
    // the past"), and the lead keeps its own exact time.
    const dueChanged = input.dueAt !== undefined && minute(input.dueAt) !== minute(lead.dueAt);
    const patch = {
      ownerId: input.ownerId,
      ...(ownerChanged ? { acceptedAt: null } : {}),
      ...(nextAction !== undefined ? { nextAction } : {}),
      ...(dueChanged ? { dueAt: input.dueAt } : {}),
    };
    if (dueChanged) assertDueNotPast(input.dueAt, ctx.now ?? new Date());
    const actionChanged = (nextAction !== undefined && nextAction !== lead.nextAction) || dueChanged;
    if (actionChanged)
      events.push({
        type: "lead.next_action_set",
        data: {
          nextAction: patch.nextAction ?? lead.nextAction,
          dueAt: (patch.dueAt ?? lead.dueAt)?.toISOString() ?? null,
        },
      });
    if (!events.length)
      throw new AppError("BAD_REQUEST", "Nothing changed: pick another owner, next action or due time.");
    return { patch, events, reason: input.reason };
  });
}
