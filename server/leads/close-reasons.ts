// Closing a lead takes a reason code, so stale leads are closed with a reason.
export const CLOSE_REASONS = [
  { code: "booked_elsewhere", label: "Booked elsewhere" },
  { code: "no_answer_after_attempts", label: "No answer after attempts" },
  { code: "out_of_area", label: "Out of area" },
  // The caller said no to a visit (a not-booked lead's next step is to close it with this).
  { code: "declined", label: "Caller declined a visit" },
  { code: "not_plumbing", label: "Not a plumbing job" },
  { code: "duplicate", label: "Duplicate" },
  { code: "spam", label: "Spam" },
  // A salesperson, a recorded message or a wrong number, closed by the AI at the end of the call (or by staff).
  { code: "not_a_customer", label: "Not a customer" },
  { code: "price", label: "Price" },
  { code: "other", label: "Other" },
] as const;

export type CloseReasonCode = (typeof CLOSE_REASONS)[number]["code"];
export const CLOSE_REASON_CODES = CLOSE_REASONS.map((r) => r.code) as [CloseReasonCode, ...CloseReasonCode[]];

/** The close reason of calls that were not from customers; its close note says which ("Sales call"). */
export const NOT_A_CUSTOMER = "not_a_customer" satisfies CloseReasonCode;

export type CloseInput = { reason: CloseReasonCode; attempts?: number | null; note?: string | null };

/** Why this close input is incomplete, naming the field, or null. */
export function closeInputRefusal(input: CloseInput): { message: string; field: string } | null {
  if (!CLOSE_REASON_CODES.includes(input.reason))
    return { message: `"${input.reason}" is not a close reason. Pick one from the list.`, field: "reason" };
  if (input.reason === "no_answer_after_attempts") {
    const n = input.attempts;
    if (n == null || !Number.isInteger(n) || n < 1 || n > 50)
      return { message: "Say how many attempts were made (1 to 50).", field: "attempts" };
  }
  if (input.reason === "other" && !input.note?.trim())
    return { message: 'Closing with "Other" needs a note saying why.', field: "note" };
  return null;
}

export function closeReasonLabel(code: string | null, attempts?: number | null): string {
  if (!code) return "";
  const label = CLOSE_REASONS.find((r) => r.code === code)?.label ?? code;
  return code === "no_answer_after_attempts" && attempts ? `No answer after ${attempts} attempts` : label;
}

/** What the office sees for a not-a-customer lead: "Not a customer: sales call"; null for other leads. */
export function notACustomerLabel(lead: {
  closeReason: string | null;
  closeNote: string | null;
}): string | null {
  if (lead.closeReason !== NOT_A_CUSTOMER) return null;
  const which = lead.closeNote?.trim().replace(/\.$/, "");
  return which ? `Not a customer: ${which.charAt(0).toLowerCase()}${which.slice(1)}` : "Not a customer";
}
