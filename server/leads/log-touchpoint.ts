// The lead is updated after each customer touchpoint: called back, left a
// voicemail, texted, or a note — optionally with the next action it leads to.
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadPatch, type LeadWriteCtx } from "./apply-lead-change";
import type { TouchpointKind } from "./touchpoint-kinds";
import { assertDueNotPast } from "./due-time";

export { TOUCHPOINT_KINDS, type TouchpointKind } from "./touchpoint-kinds";

export type TouchpointInput = {
  leadId: string;
  kind: TouchpointKind;
  text?: string | null;
  nextAction?: string | null;
  dueAt?: Date | null;
};

export async function logTouchpoint(ctx: LeadWriteCtx, input: TouchpointInput) {
  const text = input.text?.trim() || null;
  if (input.kind === "note" && !text)
    throw new AppError("BAD_REQUEST", "Write the note before saving it.", "text");
  if (text && text.length > 2000)
    throw new AppError("BAD_REQUEST", "Keep a touchpoint under 2,000 characters.", "text");
  assertDueNotPast(input.dueAt, ctx.now ?? new Date());
  return applyLeadChange(ctx, input.leadId, (lead) => {
    if (lead.status === "closed" && input.kind !== "note")
      throw new AppError(
        "BAD_REQUEST",
        "This lead is closed. Reopen it before logging customer contact, or add a note.",
      );
    const patch: LeadPatch = {};
    if (input.kind !== "note") patch.touchpoints = lead.touchpoints + 1;
    const nextAction = input.nextAction?.trim();
    if (nextAction) patch.nextAction = nextAction;
    if (input.dueAt) patch.dueAt = input.dueAt;
    return {
      patch,
      events: [
        {
          type: `touchpoint.${input.kind}`,
          data: {
            text,
            ...(nextAction ? { nextAction } : {}),
            ...(input.dueAt ? { dueAt: input.dueAt.toISOString() } : {}),
          },
        },
      ],
    };
  });
}
