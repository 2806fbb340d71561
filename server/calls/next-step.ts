// The promised next step a call leaves on its lead (the handoff contract: one owner, the
// next action, a visible due time). Every status the call can leave has one; a task the call
// created (callback, urgent callback) overrides it with the task's own title and due time.
// Office work is due while the office is open (`officeDueAt`, given the business's clock); a missed
// call nobody heard and an AI call in progress stay immediate: either may be an emergency.
import type { LeadStatus } from "@/server/db/generated/enums";
import { officeDueAt, type BusinessClock } from "@/server/leads/business-hours";
import { URGENT_CALLBACK_MINUTES, type EndReason } from "@/server/voice/state-machine";

export type NextStep = { nextAction: string; dueAt: Date };

/** Missed calls have an immediate response SLA: call back now. */
export const MISSED_CALL_ACTION = "Call back: missed call";
export const AI_IN_PROGRESS_ACTION = "AI intake in progress: call back if the call drops";
/** The next action (and task title) of a call cut off while our system was down (server/calls/spool.ts). */
export const RECOVERY_TASK_TITLE = "Call back now: this call was cut off while our system was down";
export const TRANSFER_IN_PROGRESS_ACTION =
  "Warm transfer to on-call in progress: call back at once if nobody takes it";
/**
 * The next action (and urgent task) of a transfer we never heard the end of (lost-transfers.ts):
 * nobody knows whether the on-call person reached the caller, so the caller is called back.
 */
export const LOST_TRANSFER_ACTION =
  "Call the caller back now: the transfer to on-call ended and we never heard whether anyone answered";
export const LOST_TAKEN_TRANSFER_ACTION =
  "Check with on-call, then call the caller back: on-call took the transfer, but we never heard how the call ended";
export const PLUMBER_ANSWERED_ACTION = "Log the outcome of the plumber's call";
export const CONFIRM_APPOINTMENT_ACTION = "Confirm the appointment";
export const AFTER_TRANSFER_ACTION = "Update the lead after the on-call transfer";
export const OUT_OF_AREA_ACTION = "Close as out of area (caller was declined politely)";
/** A caller who said no to a visit is not called back: the office closes the lead with that reason. */
export const DECLINED_ACTION = "Close as declined (the caller did not want a visit)";
/** An estimate lead that is not booked yet is followed up by its target follow-up date. */
export const ESTIMATE_FOLLOW_UP_ACTION =
  "Follow up on the estimate: ask whether the customer wants to go ahead";

const minutes = (now: Date, n: number) => new Date(now.getTime() + n * 60_000);
const HOUR = 60;
const DAY = 24 * 60;

export function nextStepFor(
  status: LeadStatus,
  opts: {
    now: Date;
    reason?: EndReason | null;
    appointmentAt?: Date | null;
    /** The business's time zone and hours; without them office work is due on the plain clock. */
    clock?: BusinessClock | null;
  },
): NextStep {
  const { now, reason, clock } = opts;
  const office = (at: Date) => (clock ? officeDueAt(now, at, clock) : at);
  switch (status) {
    case "missed":
      return { nextAction: MISSED_CALL_ACTION, dueAt: now };
    case "answered_by_ai":
      return { nextAction: AI_IN_PROGRESS_ACTION, dueAt: minutes(now, URGENT_CALLBACK_MINUTES) };
    case "answered_by_plumber":
      return { nextAction: PLUMBER_ANSWERED_ACTION, dueAt: office(minutes(now, HOUR)) };
    case "booked": {
      // Confirm within the hour (office hours), and always before the visit itself.
      const inAnHour = office(minutes(now, HOUR));
      const at = opts.appointmentAt;
      return { nextAction: CONFIRM_APPOINTMENT_ACTION, dueAt: at && at < inAnHour ? at : inAnHour };
    }
    case "followup_needed":
      // Reached only without a task (the on-call person took the transfer); tasks bring their own.
      return { nextAction: AFTER_TRANSFER_ACTION, dueAt: office(minutes(now, HOUR)) };
    case "not_booked":
      return notBookedStep(reason === "out_of_area" ? { inArea: false } : {}, { now, clock });
    case "closed":
      return { nextAction: "Nothing left to do: the lead is closed", dueAt: now };
  }
}

/**
 * The next step of a not-booked lead, however it got there (the call, Add lead, the status menu):
 * out of area or declined, the office closes it with that reason within a day while the office is
 * open, and nobody calls back; an estimate lead is followed up by its target follow-up date (a
 * day when it has none, or it has passed).
 */
export function notBookedStep(
  lead: { inArea?: boolean | null; isEstimate?: boolean; followUpAt?: Date | null },
  opts: { now: Date; clock?: BusinessClock | null },
): NextStep {
  const { now, clock } = opts;
  const inADay = clock ? officeDueAt(now, minutes(now, DAY), clock) : minutes(now, DAY);
  if (lead.inArea === false) return { nextAction: OUT_OF_AREA_ACTION, dueAt: inADay };
  if (lead.isEstimate) {
    const target = lead.followUpAt && lead.followUpAt > now ? lead.followUpAt : null;
    return { nextAction: ESTIMATE_FOLLOW_UP_ACTION, dueAt: target ?? inADay };
  }
  return { nextAction: DECLINED_ACTION, dueAt: inADay };
}

// ── the office's own calls ──

/** How a call the office made went (the lead page's "Log a call"). */
export type OfficeCallOutcome = "reached" | "no_answer" | "left_voicemail";

/**
 * The office's call attempts to a caller who does not pick up: the next try 2 hours after the
 * first unanswered call, then the next day; after the third the lead is for closing with the
 * reason "No answer after attempts" (or one more try).
 */
export const CALL_ATTEMPT_GAPS_MINUTES = [2 * HOUR, DAY] as const;
export const MAX_UNANSWERED_CALLS = CALL_ATTEMPT_GAPS_MINUTES.length + 1;
export const REACHED_FOLLOW_UP_ACTION = "Follow up: spoke with the caller, not booked yet";

export function callAttemptAction(attempt: number): string {
  return `Call attempt ${attempt}: call the caller again`;
}

export function closeAfterAttemptsAction(unanswered: number): string {
  return `Close as no answer after ${unanswered} attempts, or try once more`;
}

/**
 * The next step after the office logged a call that did not book: a caller reached gets a
 * follow-up the next day; an unanswered call gets the next attempt of the cadence (`unanswered`
 * counts this one), then closing. Office work, due while the office is open.
 */
export function nextStepAfterOfficeCall(
  outcome: OfficeCallOutcome,
  opts: { now: Date; unanswered: number; clock?: BusinessClock | null },
): NextStep {
  const { now, clock } = opts;
  const office = (at: Date) => (clock ? officeDueAt(now, at, clock) : at);
  if (outcome === "reached")
    return { nextAction: REACHED_FOLLOW_UP_ACTION, dueAt: office(minutes(now, DAY)) };
  const n = Math.max(1, opts.unanswered);
  const gap = CALL_ATTEMPT_GAPS_MINUTES[n - 1];
  if (gap === undefined) return { nextAction: closeAfterAttemptsAction(n), dueAt: office(minutes(now, DAY)) };
  return { nextAction: callAttemptAction(n + 1), dueAt: office(minutes(now, gap)) };
}
