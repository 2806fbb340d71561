// The intake eval's case format: one realistic call, the caller's words turn by turn, and what the
// lead must look like afterwards. Cases live in eval/intake/cases/*.json (tuned against) and
// eval/intake/held-out/*.json (written once and run once before any rule is changed for it); each file is an array of cases.
import { z } from "zod";

const STATUSES = ["missed", "answered_by_ai", "booked", "not_booked", "followup_needed", "closed"] as const;
const URGENCIES = ["emergency", "high", "normal", "low"] as const;
const EMERGENCY_KINDS = [
  "burst_pipe",
  "flooding",
  "sewage_backup",
  "gas_smell",
  "no_water_vulnerable",
  "carbon_monoxide",
  "other_safety_risk",
] as const;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const LEAD_FIELDS = [
  "callerName",
  "zip",
  "inArea",
  "issueSummary",
  "urgency",
  "appointmentAt",
  "address",
  "notes",
] as const;

/** One value, or a list of acceptable values. */
const oneOf = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).min(1)]);

export const ZEvalCase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** What the case is about: slot_choice, emergency, non_emergency, correction, third_party, reask, question, out_of_area, hangup, silence, … */
  class: z.string().min(1),
  description: z.string().min(1),
  /** The caller's utterances in order, one per question the agent asks. "" is silence. When the list runs out and the call is still going, the caller hangs up. */
  turns: z.array(z.string()),
  /** Caller ID; "anonymous" for a withheld number. Default: a random Austin mobile number. */
  from: z.string().optional(),
  /** The business: Demo Plumbing with its on-call phone (default), or without one (no transfer possible). */
  onCall: z.boolean().default(true),
  /** When a warm transfer is placed: does the on-call plumber answer (and press 1)? Default "no_answer". */
  transfer: z.enum(["answered", "no_answer"]).default("no_answer"),
  /**
   * What the caller says if the agent asks its one yes/no safety question about *now* ("Is water
   * leaking or spreading right now…?", "Do you smell gas?"). It does not use up a turn. Absent:
   * the caller says "No, nothing like that."
   */
  safetyAnswer: z.string().optional(),
  /**
   * What the caller says at each read-back ("…Tuesday between 9 and 11. Did I get that right?"),
   * in order; a correction is followed by a second read-back. They do not use up turns. Absent or
   * run out: "Yes, that's right."
   */
  readBackReplies: z.array(z.string()).optional(),
  expect: z.object({
    status: oneOf(z.enum(STATUSES)),
    urgency: oneOf(z.enum(URGENCIES)).nullable().optional(),
    emergencyKind: oneOf(z.enum(EMERGENCY_KINDS)).nullable().optional(),
    /** How the call escalated: a warm transfer was placed, an urgent callback task without a transfer, or none. */
    escalation: z.enum(["transfer", "urgent_callback", "none"]).optional(),
    inArea: z.boolean().nullable().optional(),
    zip: z
      .string()
      .regex(/^\d{5}$/)
      .nullable()
      .optional(),
    /** The caller's name exactly as it should be stored (title case), or null for "not stored". */
    callerName: z.string().nullable().optional(),
    /** Weekday (business time zone) of the booked appointment. */
    appointmentDay: z.enum(WEEKDAYS).optional(),
    /** Case-insensitive substrings the stored address must contain. */
    addressContains: z.array(z.string()).optional(),
    issueContains: z.array(z.string()).optional(),
    notesContain: z.array(z.string()).optional(),
    /** Fields that must be stored / must stay empty (no invented details). */
    present: z.array(z.enum(LEAD_FIELDS)).optional(),
    absent: z.array(z.enum(LEAD_FIELDS)).optional(),
    /** The kind of open task the lead must have, or "none". */
    task: z.enum(["callback", "urgent_callback", "none"]).optional(),
    /** Case-insensitive substrings that some agent line must contain / no agent line may contain. */
    agentSays: z.array(z.string()).optional(),
    agentNeverSays: z.array(z.string()).optional(),
    /** Whether the agent must (true) or must not (false) ask a safety question. */
    safetyQuestion: z.boolean().optional(),
    /** Case-insensitive substring of the lead's close reason (a closed lead, e.g. "not a customer"). */
    closeReasonContains: z.string().optional(),
    /** At most this many agent questions in the whole call (catches loops). */
    maxAgentTurns: z.number().int().positive().optional(),
  }),
});
export type EvalCase = z.infer<typeof ZEvalCase>;
export const ZEvalFile = z.array(ZEvalCase);
