// The call path a lead came through: rang plumber → missed → AI → outcome.
import type { LeadStatus } from "@/server/db/generated/enums";
import { isRinging, type CallStep } from "@/server/calls/call-steps";
import { STATUS_LABELS } from "./status-transitions";

export type CallPathStep = {
  key: string;
  label: string;
  detail?: string;
  state: "done" | "stopped" | "skipped";
};

type PathCall = {
  stage: CallStep;
  dialStatus: string | null;
  plumberAcceptedAt: Date | null;
  transferAcceptedAt: Date | null;
};

const DIAL_STATUS_WORDS: Record<string, string> = {
  "no-answer": "no answer",
  busy: "line busy",
  failed: "call failed",
  canceled: "caller hung up while ringing",
};

export const VOICEMAIL_MISSED = "Voicemail picked up, no key pressed — treated as missed";

/**
 * Why the ring-first leg counts as missed, in words. A "completed" dial that nobody accepted
 * (no key pressed on the screening prompt) was the plumber's voicemail picking up.
 */
export function missedCallWords(
  dialStatus: string | null | undefined,
  screened: boolean | null | undefined,
): { label: string; detail?: string } {
  if (dialStatus === "completed" && !screened) return { label: VOICEMAIL_MISSED };
  return {
    label: "Missed",
    detail: dialStatus ? (DIAL_STATUS_WORDS[dialStatus] ?? dialStatus.replace(/-/g, " ")) : undefined,
  };
}

export function callPath(
  call: PathCall,
  eventTypes: readonly string[],
  leadStatus: LeadStatus,
): CallPathStep[] {
  const steps: CallPathStep[] = [
    { key: "rang", label: "Rang plumber", detail: "10 seconds, ring first", state: "done" },
  ];
  const answered = eventTypes.includes("call.answered_by_plumber") || leadStatus === "answered_by_plumber";
  if (answered) {
    steps.push({ key: "answered", label: "Answered by plumber", detail: "AI skipped", state: "done" });
    return steps;
  }
  if (!call.dialStatus && isRinging(call)) {
    steps.push({ key: "ringing", label: "Ringing", state: "stopped" });
    return steps;
  }
  steps.push({ key: "missed", ...missedCallWords(call.dialStatus, !!call.plumberAcceptedAt), state: "done" });
  if (eventTypes.includes("call.ai_blocked")) {
    steps.push({
      key: "ai",
      label: "AI not allowed",
      detail: "service gate closed: polite hang-up",
      state: "stopped",
    });
    return steps;
  }
  if (!eventTypes.includes("call.ai_answered")) return steps;
  steps.push({ key: "ai", label: "AI intake", state: "done" });
  if (eventTypes.includes("call.escalated"))
    steps.push({
      key: "escalated",
      label: "Escalated",
      detail: call.transferAcceptedAt ? "warm transfer taken" : "urgent callback",
      state: "done",
    });
  const transferUnknown = eventTypes.includes("call.transfer_outcome_unknown");
  if (transferUnknown)
    steps.push({
      key: "transfer_unknown",
      label: "Transfer outcome unknown",
      detail: "no word on how it ended: call the caller back",
      state: "stopped",
    });
  if (eventTypes.includes("call.caller_hung_up"))
    steps.push({ key: "hangup", label: "Caller hung up", state: "stopped" });
  const outcome =
    eventTypes.includes("call.outcome") || eventTypes.includes("call.caller_hung_up") || transferUnknown;
  steps.push({
    key: "outcome",
    label: `Outcome: ${STATUS_LABELS[leadStatus]}`,
    state: outcome ? "done" : "skipped",
  });
  return steps;
}
