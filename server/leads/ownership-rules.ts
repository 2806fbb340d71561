// The ownership rules, checked on every lead write (apply-lead-change.ts):
// - Emergency work cannot sit unowned.
// - Estimate leads need both an owner and a target follow-up date.
// - Recovered missed calls do not go back into a generic pool.
// - Referral-source leads should preserve the referral context in the notes.
// - Once a lead is accepted, responsibility does not bounce back informally.
import type { LeadSource, LeadStatus, Urgency } from "@/server/db/generated/enums";

export type OwnershipLead = {
  status: LeadStatus;
  urgency: Urgency | null;
  source: LeadSource;
  ownerId: string | null;
  acceptedAt: Date | null;
  isEstimate: boolean;
  followUpAt: Date | null;
  notes: string | null;
};

export type Refusal = { message: string; field?: string };

/** A phone lead whose call nobody picked up: the product's whole reason to exist. */
export function isRecoveredMissedCall(lead: Pick<OwnershipLead, "source" | "status">): boolean {
  return lead.source === "phone" && lead.status !== "answered_by_plumber";
}

export function ownershipRefusal(
  before: OwnershipLead | null,
  after: OwnershipLead,
  opts: { reason?: string | null } = {},
): Refusal | null {
  const open = after.status !== "closed";
  if (open && after.urgency === "emergency" && !after.ownerId) {
    return { message: "Emergency work cannot sit unowned: pick the person who takes it.", field: "ownerId" };
  }
  if (open && after.isEstimate && (!after.ownerId || !after.followUpAt)) {
    const missing = [!after.ownerId ? "an owner" : null, !after.followUpAt ? "a target follow-up date" : null]
      .filter(Boolean)
      .join(" and ");
    return {
      message: `Estimate leads need both an owner and a target follow-up date: add ${missing}.`,
      field: !after.ownerId ? "ownerId" : "followUpAt",
    };
  }
  if (before?.ownerId && !after.ownerId && open && isRecoveredMissedCall(after)) {
    return {
      message: "Recovered missed calls do not go back into a generic pool: assign it to a person instead.",
      field: "ownerId",
    };
  }
  if (after.source === "referral" && !after.notes?.trim()) {
    return {
      message:
        "Referral leads keep the referral context in their notes: say who referred them before saving.",
      field: "notes",
    };
  }
  if (before?.acceptedAt && before.ownerId !== after.ownerId && !opts.reason?.trim()) {
    return {
      message:
        "This lead was already accepted by its owner, so handing it to someone else needs a reason. Write why it is moving.",
      field: "reason",
    };
  }
  return null;
}
