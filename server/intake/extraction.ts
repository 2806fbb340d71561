// The Extraction contract between the intake engine (which reads one caller utterance) and the
// call state machine (which decides what to do with it). The model only fills these fields.
import { z } from "zod";

export const URGENCIES = ["emergency", "high", "normal", "low"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const PROMPT_PROFILES = ["standard", "safe"] as const;
export type PromptProfileName = (typeof PROMPT_PROFILES)[number];

/**
 * The questions the AI asks, in SOP order. Each caller utterance answers one of them. `safety` is
 * the one yes/no question about right now, asked only when the problem is unclear; `confirm` is
 * the read-back of what was taken ("Did I get that right?"); `phone` the number to call back,
 * asked only when the caller ID was withheld and a callback is promised.
 */
export const INTAKE_STAGES = [
  "zip",
  "issue",
  "safety",
  "name",
  "booking_offer",
  "address",
  "slot",
  "confirm",
  "phone",
] as const;
export type IntakeStage = (typeof INTAKE_STAGES)[number];

export const EMERGENCY_KINDS = [
  "burst_pipe",
  "flooding",
  "sewage_backup",
  "gas_smell",
  "carbon_monoxide",
  "no_water_vulnerable",
  "other_safety_risk",
] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** Questions a caller may ask mid-intake; each is answered from the business's settings. */
export const CALLER_QUESTIONS = [
  "price",
  "robot",
  "today",
  "hours",
  "services",
  "licensed",
  "estimate",
  "payment",
  "warranty",
  "brands",
  "other",
] as const;
export type CallerQuestion = (typeof CALLER_QUESTIONS)[number];

export const BOOKING_INTENTS = ["visit", "callback", "no"] as const;

/** Callers who are not customers: someone selling to the business, a recorded message, a wrong number. */
export const NOT_CUSTOMER_KINDS = ["sales", "robocall", "wrong_number"] as const;
export type NotCustomerKind = (typeof NOT_CUSTOMER_KINDS)[number];
export type BookingIntent = (typeof BOOKING_INTENTS)[number];

/** A concrete appointment time offered to the caller, computed from the tenant's weekly slots. */
export type SlotOption = {
  /** UTC ISO timestamp of the start. */
  startsAt: string;
  endsAt: string;
  /** How it is spoken: "tomorrow at 9 AM", "Thursday, March 5 at 1:30 PM". */
  label: string;
  /** Weekday name in the business's time zone. */
  day: string;
  relativeDay: "today" | "tomorrow" | null;
  /** Local clock time in the business's time zone, 0-23 and 0-59. */
  hour: number;
  minute: number;
  /** Day of the month in the business's time zone ("the fifth"). */
  dayOfMonth?: number;
};

// Every key is required and nullable (not optional) so the schema is valid for OpenAI strict
// structured outputs, where an absent answer must be an explicit null.
export const ZExtraction = z.object({
  zip: z
    .string()
    .nullable()
    .describe(
      "The 5-digit US ZIP code the caller said, digits only (spoken digits like 'seven eight seven oh one' become 78701). Null if none was said.",
    ),
  issueSummary: z
    .string()
    .nullable()
    .describe(
      "A short summary of the plumbing problem, using the caller's own words. Null if no problem was described.",
    ),
  urgency: z
    .enum(URGENCIES)
    .nullable()
    .describe(
      "emergency = active water damage or a safety risk; high = active leak, no water, backup, no hot water; low = estimates, quotes, no rush; normal = everything else. Null if no problem was described.",
    ),
  emergency: z
    .enum(EMERGENCY_KINDS)
    .nullable()
    .describe(
      "Set when the caller describes an emergency or safety risk: burst pipe, flooding, sewage backup, gas smell, a carbon monoxide alarm or CO symptoms near a gas appliance, no water with a baby/elderly/medical need, or another safety risk (water near electrical, a sagging ceiling, a burning smell). Otherwise null.",
    ),
  callerName: z.string().nullable().describe("The caller's name, only if they said it. Null otherwise."),
  address: z
    .string()
    .nullable()
    .describe("The service street address with house number, only if the caller said it. Null otherwise."),
  bookingIntent: z
    .enum(BOOKING_INTENTS)
    .nullable()
    .describe(
      "visit = wants a plumber booked to come out; callback = wants someone to call back; no = wants neither. Null if unclear.",
    ),
  slotNumber: z
    .number()
    .int()
    .nullable()
    .describe("1-based number of the offered time the caller picked. Null if they did not clearly pick one."),
  slotTentative: z
    .boolean()
    .describe(
      "True when the caller only stated a preference ('mornings are better', 'Thursday would be good') rather than accepting a time: slotNumber is then offered to them, not booked.",
    ),
  slotUnavailable: z
    .string()
    .nullable()
    .describe(
      "When the caller asks for a day or time none of the offered times matches, what they asked for, as a short phrase ('on Friday', 'today', 'in the evening'). Null otherwise.",
    ),
  wantsHuman: z
    .boolean()
    .describe(
      "True when the caller asks to speak with a person, a human, or the plumber. Asking whether this is a robot is not asking for a person.",
    ),
  declined: z
    .boolean()
    .describe("True when the caller refuses to answer the current question or rejects all offered times."),
  question: z
    .enum(CALLER_QUESTIONS)
    .nullable()
    .describe(
      "A question the caller asks the business: price (what it costs), robot (are you a real person / a machine), today (can someone come today), hours (opening hours), services (do you do X), licensed (licensed, insured, bonded), estimate (trip fee, service call charge, free estimates), payment (cards, checks, financing), warranty (guarantee on work or parts), brands (which brands you install or service), other (any other question to the business). Null when they ask nothing.",
    ),
  questionAsked: z
    .string()
    .nullable()
    .describe(
      "When question is set, the caller's question in their own words ('are you guys licensed and insured?'). Null otherwise.",
    ),
  serviceAsked: z
    .string()
    .nullable()
    .describe(
      "For a services question, the service asked about in the caller's words ('water heaters', 'commercial'). Null otherwise.",
    ),
  thirdParty: z
    .string()
    .nullable()
    .describe(
      "When the caller calls for someone else (a tenant, a parent, a neighbor), who that is in the caller's words ('my tenant Mrs. Alvarez'). Null otherwise.",
    ),
  unit: z
    .string()
    .nullable()
    .describe(
      "An apartment, unit or suite the caller mentions ('B', '3B', '12'), without the word unit. Null otherwise.",
    ),
  yesNo: z
    .enum(["yes", "no"])
    .nullable()
    .describe(
      "The caller's answer to a yes/no question (the safety question, or 'did I get that right?'): yes or no. Null when it is neither.",
    ),
  notCustomer: z
    .enum(NOT_CUSTOMER_KINDS)
    .nullable()
    .describe(
      "Set when the caller is not a customer: sales (selling something to the business: marketing, SEO, Google listings, ads, leads, loans), robocall (a recorded or automated message), wrong_number (meant to call someone else). Null for anyone with a plumbing need.",
    ),
});
export type Extraction = z.infer<typeof ZExtraction>;

export const EMPTY_EXTRACTION: Extraction = Object.freeze({
  zip: null,
  issueSummary: null,
  urgency: null,
  emergency: null,
  callerName: null,
  address: null,
  bookingIntent: null,
  slotNumber: null,
  slotTentative: false,
  slotUnavailable: null,
  wantsHuman: false,
  declined: false,
  question: null,
  questionAsked: null,
  serviceAsked: null,
  thirdParty: null,
  unit: null,
  yesNo: null,
  notCustomer: null,
});

export function extraction(fields: Partial<Extraction> = {}): Extraction {
  return { ...EMPTY_EXTRACTION, ...fields };
}

/** The parts of an offered slot a model needs to match "the Tuesday one" or "9 AM". */
export type SlotView = Pick<SlotOption, "label" | "day" | "relativeDay" | "hour" | "minute" | "dayOfMonth">;

/** What the engine reads for one turn. */
export type ExtractInput = {
  stage: IntakeStage;
  utterance: string;
  profile: PromptProfileName;
  /** Every time the caller may be booked into, earliest first (numbered from 1 for slotNumber). */
  slotsOffered: SlotView[];
  /** 0-based positions in slotsOffered of the times the agent just read out, in the order said. */
  slotsMentioned?: number[];
  /** 0-based positions the caller already turned down. */
  slotsDeclined?: number[];
};
