// What happened after the booking: did the customer show up for the visit, and did the visit
// become paid work (won, with its value) or not (lost). These feed the show and close rates.
// The status is left as it is: the office closes the lead with a reason when it is done.
import { z } from "zod";
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadWriteCtx } from "./apply-lead-change";

export const VISIT_OUTCOMES = ["showed", "no_show"] as const;
export const JOB_OUTCOMES = ["won", "lost"] as const;
export type VisitOutcomeCode = (typeof VISIT_OUTCOMES)[number];
export type JobOutcomeCode = (typeof JOB_OUTCOMES)[number];

/** The largest job value accepted: $10,000,000 in cents (keeps an integer column safe). */
export const MAX_JOB_VALUE_CENTS = 1_000_000_000;

export const ZRecordOutcomeInput = z.object({
  leadId: z.string().min(1),
  visitOutcome: z.enum(VISIT_OUTCOMES).optional(),
  jobOutcome: z.enum(JOB_OUTCOMES).optional(),
  /** The job's value in cents; only with jobOutcome "won". */
  jobValueCents: z.number().int().min(0).max(MAX_JOB_VALUE_CENTS).nullish(),
});
export type RecordOutcomeInput = z.infer<typeof ZRecordOutcomeInput>;

export const VISIT_OUTCOME_LABEL: Record<VisitOutcomeCode, string> = { showed: "Customer was there", no_show: "No-show" };
export const JOB_OUTCOME_LABEL: Record<JobOutcomeCode, string> = { won: "Job won", lost: "Job lost" };

/** Why this outcome cannot be recorded on a lead with these facts, naming the field, or null. */
export function outcomeRefusal(lead: { appointmentAt: Date | null }, input: RecordOutcomeInput): { message: string; field: string } | null {
  if (!input.visitOutcome && !input.jobOutcome) return { message: "Say whether the customer showed up, or whether the job was won or lost.", field: "visitOutcome" };
  if (!lead.appointmentAt) return { message: "This lead has no booked visit yet. Book the visit first, then record how it went.", field: "visitOutcome" };
  if (input.jobValueCents != null && input.jobOutcome !== "won") return { message: "A job value goes with a won job only.", field: "jobValueCents" };
  return null;
}

export async function recordLeadOutcome(ctx: LeadWriteCtx, input: RecordOutcomeInput) {
  const now = ctx.now ?? new Date();
  return applyLeadChange({ ...ctx, now }, input.leadId, (lead) => {
    const refusal = outcomeRefusal(lead, input);
    if (refusal) throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
    const patch = {
      ...(input.visitOutcome ? { visitOutcome: input.visitOutcome } : {}),
      // A won job means the customer was there.
      ...(input.jobOutcome === "won" && !input.visitOutcome ? { visitOutcome: "showed" as const } : {}),
      ...(input.jobOutcome ? { jobOutcome: input.jobOutcome, jobValueCents: input.jobOutcome === "won" ? (input.jobValueCents ?? null) : null } : {}),
      outcomeAt: now,
    };
    return {
      patch,
      events: [{ type: "lead.outcome", data: { visitOutcome: patch.visitOutcome ?? null, jobOutcome: patch.jobOutcome ?? null, jobValueCents: patch.jobValueCents ?? null } }],
    };
  });
}
