// The report's shape as zod schemas: the types the pure functions return, the REST API's
// query and response (exported by name for the API document), and the CSV's rows.
import { ZFollowUpReport } from "@/server/followups/report";
import { z } from "zod";
import { zMonth } from "@/server/http/safe-input";
import { LeadSource } from "@/server/db/generated/enums";

const rate = z.number().min(0).max(1).nullable().describe("A share 0–1; null when nothing to divide by.");
const minutes = z.number().min(0).nullable().describe("Minutes; null when there is no such lead.");

export const ZPeriodFigures = z.object({
  calls: z.number().int(),
  answeredByPlumber: z.number().int(),
  missedCalls: z.number().int(),
  aiRescuedCalls: z.number().int(),
  textBacksSent: z.number().int(),
  replies: z.number().int(),
  bookingsAfterTextBack: z.number().int(),
  linkClicks: z.number().int(),
  leads: z.number().int(),
  booked: z.number().int(),
  showed: z.number().int(),
  noShow: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  wonValueCents: z.number().int(),
  textedLeads: z.number().int(),
  optedOut: z.number().int(),
  responseRate: rate,
  appointmentRate: rate,
  showRate: rate,
  closeRate: rate,
  averageTemperature: z.number().nullable(),
  optOutRate: rate,
  speedToLeadP50Minutes: minutes,
  speedToLeadP90Minutes: minutes,
  handoffAcceptanceP50Minutes: minutes,
  handoffAcceptanceP90Minutes: minutes,
  handoffQaNoShare: rate.describe(
    'Weekly handoff QA: share of "no" answers in the weeks starting in the period.',
  ),
});
export type PeriodFigures = z.infer<typeof ZPeriodFigures>;
export type FigureKey = keyof PeriodFigures;

export const ZSourceFigures = z.object({
  source: z.enum(LeadSource),
  leads: z.number().int(),
  booked: z.number().int(),
  responseRate: rate,
  appointmentRate: rate,
  showRate: rate,
  closeRate: rate,
  averageTemperature: z.number().nullable(),
  optOutRate: rate,
  speedToLeadP50Minutes: minutes,
  speedToLeadP90Minutes: minutes,
  handoffAcceptanceP50Minutes: minutes,
});
export type SourceFigures = z.infer<typeof ZSourceFigures>;

export const CALL_OUTCOMES = ["answered", "booked", "rescued", "missed"] as const;
export type CallOutcomeBucket = (typeof CALL_OUTCOMES)[number];

export const ZDailyCalls = z.object({
  day: z.string(),
  answered: z.number().int(),
  booked: z.number().int(),
  rescued: z.number().int(),
  missed: z.number().int(),
});

/**
 * The funnel: leads (customers, any way in) → a booked visit → the customer was there → the job
 * won. Each stage is a part of the one before it. Calls are not a stage: they include callers who
 * are not customers and leave out leads that came in another way (web form, referral).
 */
export const FUNNEL_STAGES = ["leads", "booked", "showed", "won"] as const;

export const SPEED_BUCKETS = [
  { key: "under_5m", label: "Under 5 minutes", maxMinutes: 5 },
  { key: "5_15m", label: "5–15 minutes", maxMinutes: 15 },
  { key: "15_60m", label: "15–60 minutes", maxMinutes: 60 },
  { key: "1_4h", label: "1–4 hours", maxMinutes: 240 },
  { key: "4_24h", label: "4–24 hours", maxMinutes: 1440 },
  { key: "over_24h", label: "Over 24 hours", maxMinutes: Infinity },
  { key: "no_touch", label: "No human touch yet", maxMinutes: null },
] as const;

export const ZLeaks = z.object({
  asOf: z.string(),
  unowned: z.number().int(),
  overdue: z.number().int(),
  noNextAction: z.number().int(),
  unacceptedPastWindow: z.number().int(),
  total: z.number().int().describe("Open leads with at least one leak (a lead counts once)."),
});
export type Leaks = z.infer<typeof ZLeaks>;

export const ZScriptImprovement = z.object({
  kind: z.enum(["qa_failure", "hung_up", "re_asked"]),
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
});
export type ScriptImprovement = z.infer<typeof ZScriptImprovement>;

const ZRange = z.object({ start: z.string(), end: z.string(), firstDay: z.string(), lastDay: z.string() });

export const ZReport = z.object({
  business: z.object({ name: z.string(), timeZone: z.string() }),
  period: ZRange.extend({ kind: z.string(), label: z.string(), previous: ZRange }),
  /** Only this person's leads (staff see their own numbers). */
  ownLeadsOnly: z.boolean(),
  current: ZPeriodFigures,
  previous: ZPeriodFigures,
  bySource: z.array(ZSourceFigures),
  daily: z.array(ZDailyCalls),
  funnel: z.array(z.object({ stage: z.enum(FUNNEL_STAGES), count: z.number().int() })),
  speedToLead: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
  leaks: ZLeaks,
  scriptImprovements: z.array(ZScriptImprovement),
  /** Follow-up sequences: by source and step, opt-outs per sequence, the approval queue (server/followups/report.ts). */
  followUps: ZFollowUpReport.optional(),
  /** Whether the business (staff: this person) has any real lead at all, in any period (added by getReport). */
  hasRealLeads: z
    .boolean()
    .optional()
    .describe("Whether any real (not test) lead has come in yet, in any period."),
});
export type Report = z.infer<typeof ZReport>;

/** REST: GET /api/v1/reports/monthly?month=YYYY-MM[&format=json|csv]. */
export const ZMonthlyReportQuery = z.object({
  month: z
    .string({ error: "month is required, like 2026-03." })
    .pipe(zMonth("month must look like 2026-03.")),
  format: z.enum(["json", "csv"], { error: "format must be json or csv." }).default("json"),
});
export const ZMonthlyReportResponse = ZReport;
