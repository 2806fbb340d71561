// The report's figures, in the order people read them: label, unit, and the inbox filter that
// lists the leads behind a figure. The page, the CSV and the email all read this one list.
import type { LeadSetKey } from "./definitions";
import { csvCell } from "@/server/text/csv-cell";
import type { FigureKey, Report } from "./report-schema";

export type FigureUnit = "count" | "rate" | "minutes" | "cents" | "score";
export type FigureSection = "missed_leads" | "kpis";

export type FigureDef = {
  key: FigureKey;
  section: FigureSection;
  label: string;
  unit: FigureUnit;
  /** The period's leads behind the figure (definitions.ts): a count counts them; a rate, average or time is over them. The inbox lists them. */
  inbox?: LeadSetKey;
};

export const FIGURES: readonly FigureDef[] = [
  { key: "calls", section: "missed_leads", label: "Calls", unit: "count", inbox: "calls" },
  {
    key: "missedCalls",
    section: "missed_leads",
    label: "Missed calls (the plumber did not answer)",
    unit: "count",
    inbox: "missedCalls",
  },
  {
    key: "aiRescuedCalls",
    section: "missed_leads",
    label: "Leads rescued by the AI",
    unit: "count",
    inbox: "aiRescuedCalls",
  },
  {
    key: "textBacksSent",
    section: "missed_leads",
    label: "Leads texted back",
    unit: "count",
    inbox: "textBacksSent",
  },
  {
    key: "replies",
    section: "missed_leads",
    label: "Leads that replied to a text-back",
    unit: "count",
    inbox: "replies",
  },
  {
    key: "bookingsAfterTextBack",
    section: "missed_leads",
    label: "Leads booked after a text-back",
    unit: "count",
    inbox: "bookingsAfterTextBack",
  },
  {
    key: "linkClicks",
    section: "missed_leads",
    label: "Leads that clicked the booking link",
    unit: "count",
    inbox: "linkClicks",
  },
  { key: "leads", section: "kpis", label: "Leads", unit: "count", inbox: "leads" },
  { key: "booked", section: "kpis", label: "Booked visits", unit: "count", inbox: "booked" },
  { key: "showed", section: "kpis", label: "Customer was there", unit: "count", inbox: "showed" },
  { key: "noShow", section: "kpis", label: "No-shows", unit: "count", inbox: "noShow" },
  { key: "won", section: "kpis", label: "Jobs won", unit: "count", inbox: "won" },
  { key: "lost", section: "kpis", label: "Jobs lost", unit: "count", inbox: "lost" },
  { key: "wonValueCents", section: "kpis", label: "Value of jobs won", unit: "cents", inbox: "won" },
  { key: "responseRate", section: "kpis", label: "Response rate", unit: "rate", inbox: "textedLeads" },
  { key: "appointmentRate", section: "kpis", label: "Appointment rate", unit: "rate", inbox: "leads" },
  { key: "showRate", section: "kpis", label: "Show rate", unit: "rate", inbox: "visitRecorded" },
  { key: "closeRate", section: "kpis", label: "Close rate", unit: "rate", inbox: "booked" },
  {
    key: "averageTemperature",
    section: "kpis",
    label: "Average lead temperature",
    unit: "score",
    inbox: "leads",
  },
  { key: "optOutRate", section: "kpis", label: "Opt-out rate", unit: "rate", inbox: "textedLeads" },
  {
    key: "speedToLeadP50Minutes",
    section: "kpis",
    label: "Speed to lead (median)",
    unit: "minutes",
    inbox: "leads",
  },
  {
    key: "speedToLeadP90Minutes",
    section: "kpis",
    label: "Speed to lead (90th percentile)",
    unit: "minutes",
    inbox: "leads",
  },
  {
    key: "handoffAcceptanceP50Minutes",
    section: "kpis",
    label: "Handoff acceptance time (median)",
    unit: "minutes",
    inbox: "leads",
  },
  {
    key: "handoffAcceptanceP90Minutes",
    section: "kpis",
    label: "Handoff acceptance time (90th percentile)",
    unit: "minutes",
    inbox: "leads",
  },
  { key: "handoffQaNoShare", section: "kpis", label: 'Handoff QA: share of "no" answers', unit: "rate" },
];

/** A figure as people read it: "42", "37.5%", "12.5 min", "$1,250.00", or "—" when there is nothing to show. */
export function formatFigure(value: number | null, unit: FigureUnit): string {
  if (value == null) return "—";
  if (unit === "rate") return `${(Math.round(value * 1000) / 10).toLocaleString("en-US")}%`;
  if (unit === "minutes") return `${value.toLocaleString("en-US")} min`;
  if (unit === "cents") return (value / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });
  return value.toLocaleString("en-US");
}

/** A spreadsheet column's unit, for the header: amounts in dollars, ratios as percentages. */
export const CSV_UNIT: Record<FigureUnit, string> = {
  count: "count",
  rate: "%",
  minutes: "minutes",
  cents: "$",
  score: "score 0-100",
};

/** A figure's value for a spreadsheet: dollars (not cents) and percentages (not 0–1 ratios), plain numbers without symbols. */
export function csvNumber(value: number | null, unit: FigureUnit): number | null {
  if (value == null) return null;
  if (unit === "cents") return Math.round(value) / 100;
  if (unit === "rate") return Math.round(value * 1000) / 10;
  return value;
}

export type CsvRow = {
  section: string;
  figure: string;
  key: string;
  unit: FigureUnit | "count";
  current: number | string | null;
  previous: number | string | null;
};

/** The report as rows: one per figure (current and previous period), then leaks, sources and script improvements. */
export function reportRows(report: Report): CsvRow[] {
  const rows: CsvRow[] = FIGURES.map((f) => ({
    section: f.section,
    figure: f.label,
    key: f.key,
    unit: f.unit,
    current: report.current[f.key],
    previous: report.previous[f.key],
  }));
  const leaks: [keyof Report["leaks"], string][] = [
    ["unowned", "Open leads without an owner"],
    ["overdue", "Open leads past their due time"],
    ["noNextAction", "Open leads without a next action"],
    ["unacceptedPastWindow", "Handoffs not accepted in time"],
    ["total", "Open lead leaks"],
  ];
  for (const [key, label] of leaks)
    rows.push({
      section: "open_leaks",
      figure: label,
      key: `leaks.${key}`,
      unit: "count",
      current: report.leaks[key],
      previous: null,
    });
  for (const s of report.bySource) {
    for (const k of [
      "leads",
      "responseRate",
      "appointmentRate",
      "showRate",
      "closeRate",
      "averageTemperature",
      "optOutRate",
      "speedToLeadP50Minutes",
      "speedToLeadP90Minutes",
      "handoffAcceptanceP50Minutes",
    ] as const) {
      const def = FIGURES.find((f) => f.key === k)!;
      rows.push({
        section: `source:${s.source}`,
        figure: `${def.label} (${s.source.replace("_", " ")})`,
        key: `${s.source}.${k}`,
        unit: def.unit,
        current: s[k],
        previous: null,
      });
    }
  }
  for (const it of report.scriptImprovements)
    rows.push({
      section: "script_improvements",
      figure: it.label,
      key: `${it.kind}.${it.key}`,
      unit: "count",
      current: it.count,
      previous: null,
    });
  // ── follow-ups ──
  const f = report.followUps;
  if (f) {
    for (const s of f.bySource) {
      rows.push({
        section: "followups_by_source",
        figure: `Follow-up response rate (${s.label})`,
        key: `followups.${s.source}.responseRate`,
        unit: "rate",
        current: s.responseRate,
        previous: null,
      });
      rows.push({
        section: "followups_by_source",
        figure: `Follow-up booking rate (${s.label})`,
        key: `followups.${s.source}.bookingRate`,
        unit: "rate",
        current: s.bookingRate,
        previous: null,
      });
    }
    for (const s of f.bySequenceStep) {
      rows.push({
        section: "followups_by_step",
        figure: `${s.name} step ${s.step}: texts sent`,
        key: `followups.${s.sequence}.${s.step}.sent`,
        unit: "count",
        current: s.sent,
        previous: null,
      });
      rows.push({
        section: "followups_by_step",
        figure: `${s.name} step ${s.step}: response rate`,
        key: `followups.${s.sequence}.${s.step}.responseRate`,
        unit: "rate",
        current: s.responseRate,
        previous: null,
      });
      rows.push({
        section: "followups_by_step",
        figure: `${s.name} step ${s.step}: booking rate`,
        key: `followups.${s.sequence}.${s.step}.bookingRate`,
        unit: "rate",
        current: s.bookingRate,
        previous: null,
      });
    }
    for (const o of f.optOuts)
      rows.push({
        section: "followups_opt_outs",
        figure: `Opt-outs (${o.name})`,
        key: `followups.${o.sequence}.optOuts`,
        unit: "count",
        current: o.optedOut,
        previous: null,
      });
    rows.push({
      section: "followups_queue",
      figure: "Follow-ups waiting for approval",
      key: "followups.queue.waiting",
      unit: "count",
      current: f.queue.waiting,
      previous: null,
    });
    rows.push({
      section: "followups_queue",
      figure: "Oldest follow-up waiting",
      key: "followups.queue.oldestWaitingMinutes",
      unit: "minutes",
      current: f.queue.oldestWaitingMinutes,
      previous: null,
    });
    rows.push({
      section: "followups_queue",
      figure: "Median wait before approval",
      key: "followups.queue.medianWaitMinutes",
      unit: "minutes",
      current: f.queue.medianWaitMinutes,
      previous: null,
    });
  }
  return rows;
}

export function reportCsv(report: Report): string {
  const head = [
    "period",
    "first_day",
    "last_day",
    "section",
    "figure",
    "key",
    "unit",
    "value",
    "previous_value",
  ];
  const lines = reportRows(report).map((r) =>
    [
      report.period.label,
      report.period.firstDay,
      report.period.lastDay,
      r.section,
      r.figure,
      r.key,
      r.unit,
      r.current,
      r.previous,
    ]
      .map(csvCell)
      .join(","),
  );
  return [head.join(","), ...lines].join("\r\n") + "\r\n";
}
