// The escalation timers as pure functions: which escalations
// are due for a lead at a given instant, in the tenant's time zone. No I/O: the sweep
// (escalation-sweep.ts) queries candidates and asks this module to decide.
//
// Decisions (documented in README "Escalation timers"):
// - Test leads (simulator calls) never escalate: they would page the on-call person for a fake call.
// - Closed leads never escalate.
// - The acceptance timers (5 / 15 min) skip leads a person already answered live
//   (answered_by_plumber); the end-of-day review still catches them without a next action.
// - "Active loss" is the intake's high urgency (leaks, overflows, backups); "premium" is a
//   temperature of 90+ (extremely hot: a person steps in at once).
// - "Standard inbound" = not urgent, not an estimate, not entered by hand (source manual).
// - An escalation brings in someone else. In a business of one, its only member owns the lead and
//   is the on-call person, the manager and the sales owner: the acceptance timers do not fire
//   against that same person (they accept with one tap on the lead, and the lead sits overdue on
//   top of their inbox). The estimate and end-of-day reviews still come to them.
import { TZDate } from "@date-fns/tz";
import type { EscalationRule } from "@/server/db/generated/enums";

export type { EscalationRule };

export type EscalationLead = {
  urgency: string | null;
  status: string;
  acceptedAt: Date | null;
  nextAction: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  isEstimate: boolean;
  isTest: boolean;
  source: string;
  temperature?: number | null;
  /** The lead's owner is the business's only member: nobody else to escalate to. */
  ownerIsOnlyMember?: boolean;
};

/** Who receives an escalation: dispatch/on-call, the office lead or manager, the sales owner. */
export type EscalationTarget = "dispatch" | "manager" | "sales";

export type DueEscalation = { rule: EscalationRule; period: string; dueAt: Date; target: EscalationTarget };

/** The SOP's windows in minutes (before ESCALATION_TIME_SCALE). */
export const ESCALATION_MINUTES = {
  urgent_unaccepted: 5,
  standard_unaccepted: 15,
  estimate_idle: 60,
} as const;

/** End of day, local time: the end-of-day review starts at 5:00 PM. */
export const END_OF_DAY_MINUTE = 17 * 60;

export const RULE_TARGET: Record<EscalationRule, EscalationTarget> = {
  urgent_unaccepted: "dispatch",
  standard_unaccepted: "manager",
  estimate_idle: "sales",
  end_of_day: "manager",
};

export const RULE_LABEL: Record<EscalationRule, string> = {
  urgent_unaccepted: "Emergency or high-urgency lead not accepted within 5 minutes",
  standard_unaccepted: "Inbound lead not accepted within 15 minutes",
  estimate_idle: "Estimate lead without movement for 60 minutes",
  end_of_day: "No recorded next action at end of day",
};

const URGENT = new Set(["emergency", "high"]);

export function isUrgent(lead: Pick<EscalationLead, "urgency" | "temperature">): boolean {
  return URGENT.has(lead.urgency ?? "") || (lead.temperature ?? 0) >= 90;
}

const minutes = (m: number, scale: number) => Math.round(m * 60_000 * scale);

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(at: Date, tz: string): string {
  const d = new TZDate(at.getTime(), tz);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The instant of `minuteOfDay` on the local day containing `at` (DST-correct). */
export function localTimeOn(at: Date, tz: string, minuteOfDay: number): Date {
  const d = new TZDate(at.getTime(), tz);
  return new Date(
    new TZDate(
      d.getFullYear(),
      d.getMonth(),
      d.getDate(),
      Math.floor(minuteOfDay / 60),
      minuteOfDay % 60,
      0,
      0,
      tz,
    ).getTime(),
  );
}

/** Today's end of day in the tenant's time zone, and the local date it belongs to. */
export function endOfDay(now: Date, tz: string, minuteOfDay = END_OF_DAY_MINUTE): { at: Date; date: string } {
  return { at: localTimeOn(now, tz, minuteOfDay), date: localDate(now, tz) };
}

/** Every escalation due for this lead at `now` (each fires once per period; the sweep records it). */
export function dueEscalations(
  lead: EscalationLead,
  now: Date,
  tenantTz: string,
  opts: { timeScale?: number; endOfDayMinute?: number } = {},
): DueEscalation[] {
  if (lead.isTest || lead.status === "closed") return [];
  const scale = opts.timeScale ?? 1;
  const out: DueEscalation[] = [];
  const t = now.getTime();
  const liveAnswered = lead.status === "answered_by_plumber";

  if (!lead.acceptedAt && !liveAnswered && !lead.ownerIsOnlyMember) {
    if (isUrgent(lead)) {
      const dueAt = new Date(lead.createdAt.getTime() + minutes(ESCALATION_MINUTES.urgent_unaccepted, scale));
      if (t >= dueAt.getTime())
        out.push({ rule: "urgent_unaccepted", period: "", dueAt, target: "dispatch" });
    } else if (!lead.isEstimate && lead.source !== "manual") {
      const dueAt = new Date(
        lead.createdAt.getTime() + minutes(ESCALATION_MINUTES.standard_unaccepted, scale),
      );
      if (t >= dueAt.getTime())
        out.push({ rule: "standard_unaccepted", period: "", dueAt, target: "manager" });
    }
  }

  if (lead.isEstimate) {
    const dueAt = new Date(lead.lastActivityAt.getTime() + minutes(ESCALATION_MINUTES.estimate_idle, scale));
    // One escalation per idle stretch: new movement starts a new period.
    if (t >= dueAt.getTime())
      out.push({
        rule: "estimate_idle",
        period: String(lead.lastActivityAt.getTime()),
        dueAt,
        target: "sales",
      });
  }

  if (!lead.nextAction?.trim()) {
    const eod = endOfDay(now, tenantTz, opts.endOfDayMinute);
    // A lead that arrives after today's close is reviewed at tomorrow's.
    if (t >= eod.at.getTime() && lead.createdAt.getTime() < eod.at.getTime())
      out.push({ rule: "end_of_day", period: eod.date, dueAt: eod.at, target: "manager" });
  }
  return out;
}
