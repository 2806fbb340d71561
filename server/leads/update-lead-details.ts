// Intake tags the lead: urgency, estimate + target follow-up date,
// summary notes. Turning a lead into an emergency routes it at once if nobody owns it.
import type { Urgency } from "@/server/db/generated/enums";
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadEventInput, type LeadPatch, type LeadWriteCtx } from "./apply-lead-change";
import { normalizeEmail } from "./caller-email";
import { routingTarget } from "./routing";

export type LeadDetailsInput = {
  leadId: string;
  urgency?: Urgency;
  notes?: string | null;
  isEstimate?: boolean;
  followUpAt?: Date | null;
  /** The caller's email address; empty or null removes it. */
  callerEmail?: string | null;
};

export async function updateLeadDetails(ctx: LeadWriteCtx, input: LeadDetailsInput) {
  const emergencyOwner = input.urgency === "emergency" ? await routingTarget(ctx.db, "emergency") : null;
  return applyLeadChange(ctx, input.leadId, (lead) => {
    const patch: LeadPatch = {};
    if (input.urgency !== undefined && input.urgency !== lead.urgency) patch.urgency = input.urgency;
    if (input.notes !== undefined && (input.notes?.trim() || null) !== lead.notes)
      patch.notes = input.notes?.trim() || null;
    if (input.isEstimate !== undefined && input.isEstimate !== lead.isEstimate)
      patch.isEstimate = input.isEstimate;
    if (input.followUpAt !== undefined && input.followUpAt?.getTime() !== lead.followUpAt?.getTime())
      patch.followUpAt = input.followUpAt;
    if (input.callerEmail !== undefined && normalizeEmail(input.callerEmail) !== lead.callerEmail)
      patch.callerEmail = normalizeEmail(input.callerEmail);
    if (!Object.keys(patch).length) throw new AppError("BAD_REQUEST", "Nothing changed.");
    const events: LeadEventInput[] = [
      {
        type: "lead.updated",
        data: {
          changed: Object.keys(patch),
          ...Object.fromEntries(
            Object.entries(patch).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
          ),
        },
      },
    ];
    if (patch.urgency === "emergency" && !lead.ownerId && emergencyOwner) {
      patch.ownerId = emergencyOwner;
      events.push({ type: "lead.routed", data: { ownerId: emergencyOwner, kind: "emergency" } });
    }
    return { patch, events };
  });
}
