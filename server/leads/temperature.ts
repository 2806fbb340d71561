// Lead temperature 0–100: urgency, recency, engagement
// and booking intent. Shown as a badge; the stored value at the last write breaks queue ties.
import type { LeadStatus, Urgency } from "@/server/db/generated/enums";

export type TemperatureInput = {
  urgency: Urgency | string | null;
  status: LeadStatus | string;
  createdAt: Date;
  lastActivityAt?: Date | null;
  touchpoints?: number | null;
  appointmentAt?: Date | null;
  inArea?: boolean | null;
  /** The caller texted back (follow-up engagement). */
  lastReplyAt?: Date | null;
  /** The caller opened a tracked link of a text. */
  linkOpenedAt?: Date | null;
};

export const TEMPERATURE_BANDS = [
  { key: "extremely_hot", label: "Extremely hot", min: 90, action: "Immediate human intervention" },
  { key: "hot", label: "Hot", min: 70, action: "Book within 24 hours" },
  { key: "warm", label: "Warm", min: 50, action: "Keep nurturing" },
  { key: "cool", label: "Cool", min: 30, action: "Extended follow-up" },
  { key: "cold", label: "Cold", min: 0, action: "Minimal contact, watch for engagement" },
] as const;

export type TemperatureBand = (typeof TEMPERATURE_BANDS)[number]["key"];

const URGENCY_POINTS: Record<string, number> = { emergency: 60, high: 40, normal: 25, low: 10 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Going quiet: after 1, 3 and 7 days with no word from or to the caller, the lead cools (its
 * recency points fall at each one) and the quiet sweep recomputes the temperature.
 */
export const QUIET_THRESHOLD_DAYS = [1, 3, 7] as const;
const [QUIET_1, QUIET_3, QUIET_7] = QUIET_THRESHOLD_DAYS;

export function temperatureOf(lead: TemperatureInput, now: Date): number {
  if (lead.status === "closed") return 0;
  const urgency = URGENCY_POINTS[lead.urgency ?? ""] ?? 15;
  const last = Math.max(lead.createdAt.getTime(), lead.lastActivityAt?.getTime() ?? 0);
  const age = now.getTime() - last;
  const recency =
    age < HOUR ? 25 : age < QUIET_1 * DAY ? 18 : age < QUIET_3 * DAY ? 10 : age < QUIET_7 * DAY ? 5 : 0;
  // A caller who texted back is engaged (+15); one who opened the booking link, a little (+5).
  const engagement =
    Math.min(3, Math.max(0, lead.touchpoints ?? 0)) * 5 +
    (lead.lastReplyAt ? 15 : 0) +
    (lead.linkOpenedAt ? 5 : 0);
  const intent =
    lead.status === "booked"
      ? 15
      : lead.status === "followup_needed"
        ? 10
        : lead.status === "answered_by_ai" && lead.appointmentAt
          ? 10
          : 0;
  let score = urgency + recency + engagement + intent;
  // Out of the service area: not a job we can take, whatever else it says.
  if (lead.inArea === false) score = Math.min(score, 29);
  return Math.max(0, Math.min(100, Math.round(score)));
}

export function temperatureBand(score: number): (typeof TEMPERATURE_BANDS)[number] {
  return TEMPERATURE_BANDS.find((b) => score >= b.min) ?? TEMPERATURE_BANDS[TEMPERATURE_BANDS.length - 1]!;
}

/**
 * The timeline line of a new temperature and why it moved (a reply, a link opened, a booking,
 * going quiet), or null when the band stays: the score alone is no news to the office.
 */
export function temperatureChangeLine(
  from: number,
  to: number,
  why: string,
): {
  type: "lead.temperature_changed";
  data: { from: number; to: number; band: string; why: string };
} | null {
  if (temperatureBand(from).key === temperatureBand(to).key) return null;
  return { type: "lead.temperature_changed", data: { from, to, band: temperatureBand(to).label, why } };
}
