// The customer touchpoints the office logs; the lead is updated after each one. A call (`call`
// set) completes the lead's next action and leaves the next step of how it went.
import type { OfficeCallOutcome } from "@/server/calls/next-step";

export const TOUCHPOINT_KINDS = [
  { kind: "called_back", label: "Called: spoke with them", call: "reached" },
  { kind: "no_answer", label: "Called: no answer", call: "no_answer" },
  { kind: "left_voicemail", label: "Called: no answer, left voicemail", call: "left_voicemail" },
  { kind: "texted", label: "Texted", call: null },
  { kind: "note", label: "Note", call: null },
] as const satisfies readonly { kind: string; label: string; call: OfficeCallOutcome | null }[];

export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number]["kind"];

/** The call outcome a touchpoint logs, or null for a text or a note. */
export function callOutcomeOf(kind: string): OfficeCallOutcome | null {
  return TOUCHPOINT_KINDS.find((k) => k.kind === kind)?.call ?? null;
}

/** The touchpoints that are unanswered calls (the call-attempt cadence counts them). */
export const UNANSWERED_CALL_EVENTS = TOUCHPOINT_KINDS.filter(
  (k) => k.call === "no_answer" || k.call === "left_voicemail",
).map((k) => `touchpoint.${k.kind}`);
