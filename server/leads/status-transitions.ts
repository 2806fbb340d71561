// The 7-status contract as the office moves a lead: which changes make sense.
// `missed` / `answered_by_plumber` / `answered_by_ai` say how the call was answered, so only the
// call flow sets them; `booked` needs a time (Book), `closed` needs a reason code (Close).
import type { LeadStatus } from "@/server/db/generated/enums";

export const LEAD_STATUSES = [
  "missed",
  "answered_by_plumber",
  "answered_by_ai",
  "booked",
  "not_booked",
  "followup_needed",
  "closed",
] as const satisfies readonly LeadStatus[];

export const STATUS_LABELS: Record<LeadStatus, string> = {
  missed: "Missed",
  answered_by_plumber: "Answered by plumber",
  answered_by_ai: "Answered by AI",
  booked: "Booked",
  not_booked: "Not booked",
  followup_needed: "Follow-up needed",
  closed: "Closed",
};

const CALL_STATUSES: readonly LeadStatus[] = ["missed", "answered_by_plumber", "answered_by_ai"];

const ALLOWED: Record<LeadStatus, readonly LeadStatus[]> = {
  missed: ["booked", "not_booked", "followup_needed", "closed"],
  answered_by_plumber: ["booked", "not_booked", "followup_needed", "closed"],
  answered_by_ai: ["booked", "not_booked", "followup_needed", "closed"],
  booked: ["not_booked", "followup_needed", "closed"],
  not_booked: ["booked", "followup_needed", "closed"],
  followup_needed: ["booked", "not_booked", "closed"],
  closed: ["followup_needed"],
};

export type StatusVia = "status" | "book" | "close";

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/** Whether `from → to` makes sense through this action; a refusal says why and what to do. */
export function checkStatusTransition(
  from: LeadStatus,
  to: LeadStatus,
  via: StatusVia = "status",
): TransitionCheck {
  if (from === to && !(via === "book" && to === "booked"))
    return { ok: false, reason: `The lead is already "${STATUS_LABELS[to]}".` };
  if (CALL_STATUSES.includes(to)) {
    return {
      ok: false,
      reason: `"${STATUS_LABELS[to]}" describes how the call was answered; only the call flow sets it. Choose booked, not booked, follow-up needed or close the lead.`,
    };
  }
  if (to === "booked" && via !== "book")
    return { ok: false, reason: "A lead is booked with an appointment time: use Book appointment." };
  if (to === "closed" && via !== "close")
    return { ok: false, reason: "A lead is closed with a reason code: use Close lead." };
  if (from === "closed" && to !== "followup_needed") {
    return {
      ok: false,
      reason: `A closed lead cannot go straight to "${STATUS_LABELS[to]}": reopen it as follow-up needed first.`,
    };
  }
  if (from === to) return { ok: true };
  if (!ALLOWED[from].includes(to))
    return { ok: false, reason: `A lead cannot go from "${STATUS_LABELS[from]}" to "${STATUS_LABELS[to]}".` };
  return { ok: true };
}

/** The statuses a person can pick from the status menu for a lead in `from`. */
export function statusChoices(from: LeadStatus): LeadStatus[] {
  return LEAD_STATUSES.filter((to) => checkStatusTransition(from, to, "status").ok);
}
