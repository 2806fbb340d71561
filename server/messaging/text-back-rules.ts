// Who gets the missed-call text-back: a call that
// ended missed, followup_needed or not_booked without a booking — not an out-of-area caller we
// politely declined, not a withheld number, not a test call unless the owner asked for those.
import type { LeadStatus } from "@/server/db/generated/enums";
import { isE164 } from "@/server/integrations/twilio-webhook";

export type TextBackInput = {
  status: LeadStatus;
  inArea: boolean | null;
  appointmentAt: Date | null;
  isTest: boolean;
  callerPhone: string;
  settings: { textBackEnabled: boolean; textTestCalls: boolean };
};

export type TextBackDecision = { send: true } | { send: false; reason: string };

const TEXT_BACK_STATUSES: readonly LeadStatus[] = ["missed", "followup_needed", "not_booked"];

export function textBackDecision(input: TextBackInput): TextBackDecision {
  if (!input.settings.textBackEnabled)
    return { send: false, reason: "text-back is turned off in Messaging settings" };
  if (input.isTest && !input.settings.textTestCalls)
    return { send: false, reason: "test call (turn on “Text back test calls” to see it)" };
  if (!TEXT_BACK_STATUSES.includes(input.status))
    return { send: false, reason: `the call ended as ${input.status}` };
  if (input.appointmentAt) return { send: false, reason: "the caller is booked" };
  if (input.status === "not_booked" && input.inArea === false)
    return { send: false, reason: "out-of-area caller, declined on the call" };
  if (!isE164(input.callerPhone)) return { send: false, reason: "the caller's number is withheld" };
  return { send: true };
}

/**
 * What a lead's empty text thread says, true to this lead: a test call is not texted unless the
 * owner asked for it, and nothing is texted with text-back turned off.
 */
export function emptyThreadNote(
  lead: { isTest: boolean },
  settings: { textBackEnabled: boolean; textTestCalls: boolean },
): string {
  if (!settings.textBackEnabled)
    return "Missed-call text-back is turned off in Messaging settings; the caller's texts appear here.";
  if (lead.isTest && !settings.textTestCalls)
    return "Test calls are not texted. Turn on “Text back test calls” in Messaging settings to see the text-back here.";
  return "A missed call gets a text-back within seconds; the caller's replies appear here.";
}
