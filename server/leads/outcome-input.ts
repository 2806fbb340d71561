// The outcomes of a booked visit and its input, with their labels: no I/O, so the lead page's
// client components can use them too (record-outcome.ts is the writer).
import { z } from "zod";

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

