// The outcomes of a booked visit and its input, with their labels: no I/O, so the lead page's
// client components can use them too (record-outcome.ts is the writer).
import { z } from "zod";

export const VISIT_OUTCOMES = ["showed", "no_show"] as const;
export const JOB_OUTCOMES = ["won", "lost"] as const;
export type VisitOutcomeCode = (typeof VISIT_OUTCOMES)[number];
export type JobOutcomeCode = (typeof JOB_OUTCOMES)[number];

/** The largest job value accepted: $250,000 in cents. A plumbing job above it is almost surely a typo (cents typed as dollars, an extra zero). */
export const MAX_JOB_VALUE_CENTS = 25_000_000;

export const ZRecordOutcomeInput = z.object({
  leadId: z.string().min(1),
  visitOutcome: z.enum(VISIT_OUTCOMES).optional(),
  jobOutcome: z.enum(JOB_OUTCOMES).optional(),
  /** The job's value in cents; only with jobOutcome "won". */
  jobValueCents: z
    .number()
    .int()
    .min(0, { message: "Job value can't be negative." })
    .max(MAX_JOB_VALUE_CENTS, {
      message: `Job value is over $${(MAX_JOB_VALUE_CENTS / 100).toLocaleString("en-US")}: check the amount (in dollars, like 1250).`,
    })
    .nullish(),
  /** The visit happened before its booked time (the plumber came early): lets a show or win be recorded before it. */
  happenedEarly: z.boolean().optional(),
});
export type RecordOutcomeInput = z.infer<typeof ZRecordOutcomeInput>;

export const VISIT_OUTCOME_LABEL: Record<VisitOutcomeCode, string> = {
  showed: "Customer was there",
  no_show: "No-show",
};
export const JOB_OUTCOME_LABEL: Record<JobOutcomeCode, string> = { won: "Job won", lost: "Job lost" };
