// The handoff contract: a lead is handed off only when one owner is named, the next
// action is defined, the due time is visible and the receiving person confirmed acceptance.
// Until then it belongs to intake — and the UI says which of the four is missing.

export const HANDOFF_CONDITIONS = [
  { key: "owner", label: "Name one person who owns it" },
  { key: "nextAction", label: "Write the next action" },
  { key: "dueAt", label: "Set a due time" },
  { key: "acceptance", label: "The owner accepts it" },
] as const;

export type HandoffCondition = (typeof HANDOFF_CONDITIONS)[number]["key"];

export type HandoffLead = {
  ownerId: string | null;
  nextAction: string | null;
  dueAt: Date | null;
  acceptedAt: Date | null;
};

export function handoffMissing(lead: HandoffLead): HandoffCondition[] {
  const missing: HandoffCondition[] = [];
  if (!lead.ownerId) missing.push("owner");
  if (!lead.nextAction?.trim()) missing.push("nextAction");
  if (!lead.dueAt) missing.push("dueAt");
  if (!lead.acceptedAt) missing.push("acceptance");
  return missing;
}

export function handoffState(lead: HandoffLead): {
  handedOff: boolean;
  belongsTo: "owner" | "intake";
  missing: { key: HandoffCondition; label: string }[];
} {
  const missing = handoffMissing(lead);
  return {
    handedOff: missing.length === 0,
    belongsTo: missing.length === 0 ? "owner" : "intake",
    missing: HANDOFF_CONDITIONS.filter((c) => missing.includes(c.key)).map((c) => ({
      key: c.key,
      label: c.label,
    })),
  };
}

/**
 * What still keeps a lead with intake, in the inbox's words: "No owner yet", "No next action",
 * "No due time", "Waiting for Sam to accept" (acceptance is only waited on once someone owns it).
 * The person reading it is "you": their own lead waits for them, never for their name.
 */
export function handoffWaitingFor(
  missing: readonly HandoffCondition[],
  ownerName: string | null,
  ownerIsViewer = false,
): string[] {
  const words: string[] = [];
  if (missing.includes("owner")) words.push("No owner yet");
  if (missing.includes("nextAction")) words.push("No next action");
  if (missing.includes("dueAt")) words.push("No due time");
  if (missing.includes("acceptance") && !missing.includes("owner"))
    words.push(
      ownerIsViewer ? "Waiting for you to accept" : `Waiting for ${ownerName ?? "the owner"} to accept`,
    );
  return words;
}

/** The acceptance standards: the receiving owner confirms all four. */
export const ACCEPTANCE_STANDARDS = [
  { key: "sawNotes", label: "I saw the notes" },
  { key: "understandsNextStep", label: "I understand the promised next step" },
  { key: "knowsDeadline", label: "I know the deadline" },
  { key: "enoughContext", label: "The record has enough context to move without re-asking basic questions" },
] as const;

export type AcceptanceKey = (typeof ACCEPTANCE_STANDARDS)[number]["key"];
export type AcceptanceConfirmations = Record<AcceptanceKey, boolean>;

/** The required record fields: what a rejection can name as missing. */
export const RECORD_FIELDS = [
  { key: "callerName", label: "full name" },
  { key: "callerPhone", label: "primary phone" },
  { key: "address", label: "service address or market" },
  { key: "issueSummary", label: "service/problem type" },
  { key: "urgency", label: "urgency level" },
  { key: "source", label: "source" },
  { key: "notes", label: "summary notes" },
  { key: "nextAction", label: "promised next step" },
  { key: "ownerId", label: "assigned owner" },
  { key: "dueAt", label: "due time for the next action" },
] as const;

export type RecordField = (typeof RECORD_FIELDS)[number]["key"];

export function recordFieldLabel(key: string): string {
  return RECORD_FIELDS.find((f) => f.key === key)?.label ?? key;
}

/** Why this person cannot accept this lead now, or null if they can. */
export function acceptRefusal(
  lead: HandoffLead & { status: string },
  actorId: string,
  confirmations: Partial<AcceptanceConfirmations>,
): { message: string; field?: string } | null {
  if (lead.status === "closed")
    return { message: "This lead is closed: there is nothing to accept. Reopen it first." };
  if (!lead.ownerId)
    return {
      message: "Handoff cannot be accepted: no owner is named yet. Assign an owner first.",
      field: "ownerId",
    };
  if (lead.ownerId !== actorId)
    return {
      message:
        "Only the named owner can accept this handoff. Ask them, or reassign the lead to yourself with a reason.",
      field: "ownerId",
    };
  if (lead.acceptedAt) return { message: "You already accepted this lead." };
  if (!lead.nextAction?.trim())
    return {
      message: "Handoff cannot be accepted: the next action is missing. Reject it with that reason instead.",
      field: "nextAction",
    };
  if (!lead.dueAt)
    return {
      message: "Handoff cannot be accepted: the due time is missing. Reject it with that reason instead.",
      field: "dueAt",
    };
  const unconfirmed = ACCEPTANCE_STANDARDS.filter((s) => confirmations[s.key] !== true);
  if (unconfirmed.length) {
    return {
      message: `Confirm all four acceptance standards before accepting. Not confirmed: ${unconfirmed.map((s) => `"${s.label}"`).join(", ")}.`,
      field: `confirmations.${unconfirmed[0]!.key}`,
    };
  }
  return null;
}
