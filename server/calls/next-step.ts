// The promised next step a call leaves on its lead (the handoff contract: one owner, the
// next action, a visible due time). Every status the call can leave has one; a task the call
// created (callback, urgent callback) overrides it with the task's own title and due time.
import type { LeadStatus } from "@/server/db/generated/enums";
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
export const DECLINED_ACTION = "Close as not booked, or call back once if the caller may still book";

const minutes = (now: Date, n: number) => new Date(now.getTime() + n * 60_000);
const HOUR = 60;
const DAY = 24 * 60;

export function nextStepFor(
  status: LeadStatus,
  opts: { now: Date; reason?: EndReason | null; appointmentAt?: Date | null },
): NextStep {
  const { now, reason } = opts;
  switch (status) {
    case "missed":
      return { nextAction: MISSED_CALL_ACTION, dueAt: now };
    case "answered_by_ai":
      return { nextAction: AI_IN_PROGRESS_ACTION, dueAt: minutes(now, URGENT_CALLBACK_MINUTES) };
    case "answered_by_plumber":
      return { nextAction: PLUMBER_ANSWERED_ACTION, dueAt: minutes(now, HOUR) };
    case "booked": {
      // Confirm within the hour, and always before the visit itself.
      const inAnHour = minutes(now, HOUR);
      const at = opts.appointmentAt;
      return { nextAction: CONFIRM_APPOINTMENT_ACTION, dueAt: at && at < inAnHour ? at : inAnHour };
    }
    case "followup_needed":
      // Reached only without a task (the on-call person took the transfer); tasks bring their own.
      return { nextAction: AFTER_TRANSFER_ACTION, dueAt: minutes(now, HOUR) };
    case "not_booked":
      return {
        nextAction: reason === "out_of_area" ? OUT_OF_AREA_ACTION : DECLINED_ACTION,
        dueAt: minutes(now, DAY),
      };
    case "closed":
      return { nextAction: "Nothing left to do: the lead is closed", dueAt: now };
  }
}
