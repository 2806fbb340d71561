// What happened after the booking: did the customer show up for the visit, and did the visit
// become paid work (won, with its value) or not (lost). These feed the show and close rates.
// The status is left as it is: the office closes the lead with a reason when it is done.
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadChange, type LeadWriteCtx } from "./apply-lead-change";
import type { RecordOutcomeInput } from "./outcome-input";

export {
  JOB_OUTCOME_LABEL,
  JOB_OUTCOMES,
  MAX_JOB_VALUE_CENTS,
  VISIT_OUTCOME_LABEL,
  VISIT_OUTCOMES,
  ZRecordOutcomeInput,
  type JobOutcomeCode,
  type RecordOutcomeInput,
  type VisitOutcomeCode,
} from "./outcome-input";

/** Why this outcome cannot be recorded on a lead with these facts, naming the field, or null. */
export function outcomeRefusal(
  lead: { appointmentAt: Date | null },
  input: RecordOutcomeInput,
  now: Date = new Date(),
): { message: string; field: string } | null {
  if (!input.visitOutcome && !input.jobOutcome)
    return {
      message: "Say whether the customer showed up, or whether the job was won or lost.",
      field: "visitOutcome",
    };
  if (!lead.appointmentAt)
    return {
      message: "This lead has no booked visit yet. Book the visit first, then record how it went.",
      field: "visitOutcome",
    };
  // Outcomes before the visit would set the show and close rates on visits that have not happened.
  if (lead.appointmentAt > now) {
    if (input.visitOutcome === "no_show")
      return {
        message: "The visit has not happened yet: record a no-show after its booked time.",
        field: "visitOutcome",
      };
    if ((input.visitOutcome === "showed" || input.jobOutcome === "won") && !input.happenedEarly) {
      return {
        message:
          "The visit has not happened yet. Record how it went after the visit, or tick “It happened early” if the plumber already went.",
        field: "happenedEarly",
      };
    }
  }
  if (input.jobValueCents != null && input.jobOutcome !== "won")
    return { message: "A job value goes with a won job only.", field: "jobValueCents" };
  return null;
}

export async function recordLeadOutcome(ctx: LeadWriteCtx, input: RecordOutcomeInput) {
  const now = ctx.now ?? new Date();
  return applyLeadChange({ ...ctx, now }, input.leadId, (lead) => outcomeChange(lead, input, now));
}

/** The change that records the outcome on `lead` (refused when it has no booked visit, or the visit is still ahead without "it happened early"); writes nothing. */
export function outcomeChange(
  lead: { appointmentAt: Date | null },
  input: RecordOutcomeInput,
  now: Date,
): LeadChange {
  const refusal = outcomeRefusal(lead, input, now);
  if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
  const patch = {
    ...(input.visitOutcome ? { visitOutcome: input.visitOutcome } : {}),
    // A won job means the customer was there.
    ...(input.jobOutcome === "won" && !input.visitOutcome ? { visitOutcome: "showed" as const } : {}),
    ...(input.jobOutcome
      ? {
          jobOutcome: input.jobOutcome,
          jobValueCents: input.jobOutcome === "won" ? (input.jobValueCents ?? null) : null,
        }
      : {}),
    outcomeAt: now,
  };
  return {
    patch,
    events: [
      {
        type: "lead.outcome",
        data: {
          visitOutcome: patch.visitOutcome ?? null,
          jobOutcome: patch.jobOutcome ?? null,
          jobValueCents: patch.jobValueCents ?? null,
          ...(input.happenedEarly && lead.appointmentAt && lead.appointmentAt > now
            ? { happenedEarly: true }
            : {}),
        },
      },
    ],
  };
}
