// The two prompt profiles of the intake engine. `standard` lets the model interpret the
// caller; `safe` (QA flips a tenant to it above 5 % daily failures) only copies stated facts.
// Either way the model only extracts: every spoken line comes from the voice scripts.
import { z } from "zod";
import { INTAKE_STAGES, type ExtractInput, type PromptProfileName } from "@/server/intake/extraction";

const SHARED = `You read one utterance from a caller on a phone line of a plumbing business and return a JSON object with exactly these keys:
zip, issueSummary, urgency, emergency, callerName, address, bookingIntent, slotNumber, slotTentative, slotUnavailable, wantsHuman, declined, question, serviceAsked, thirdParty, unit.
You never talk to the caller. Never invent a value: if the caller did not say it in this utterance, use null (false for the booleans).
The INPUT line gives the question that was just asked ("stage") and the bookable times ("slotsOffered"); "mentioned": true marks the ones the agent just read out, in order; "declined": true the ones the caller already turned down (never pick those).
- zip: 5 digits only. Spoken digits count: "seven eight seven oh one" is 78701.
- emergency: burst_pipe, flooding, sewage_backup, gas_smell, carbon_monoxide (a CO alarm, or headache/dizziness near a gas appliance), no_water_vulnerable (no water with a baby, elderly or medical need), other_safety_risk; set it at any stage, and then urgency is "emergency".
- wantsHuman: true when the caller asks for a person, a human, someone, or the plumber.
- slotNumber: the 1-based number in slotsOffered of the time the caller picked; null if unclear. Never a time that was not offered. "Yes"/"that works" picks the first mentioned time; "the second one" counts among the mentioned times; a day, date, "morning"/"afternoon" or "soonest" may pick any offered time.
- slotTentative: true when the caller only states a preference that fits several times; slotUnavailable: what they asked for when no offered time fits ("on Friday").
- question: price, robot, today, hours or services when the caller asks the business something; serviceAsked: the service they ask about.
- thirdParty: who the call is for when it is someone else ("my tenant Mrs. Alvarez"); unit: an apartment/unit/suite ("B").
- address: only when stage is "address", with its house number.
- bookingIntent: when stage is "booking_offer"; at the "name", "address" or "safety" stage only "callback", when the caller asks to be called back instead.
- declined: the caller refuses to answer the question, or rejects every offered time.`;

const PROFILE_RULES: Record<PromptProfileName, string> = {
  standard: `Interpret naturally spoken answers ("the Tuesday one works" picks the Tuesday slot; "yeah send someone" is a visit).
issueSummary: one short sentence in the caller's own words. urgency: emergency = active water damage or a safety risk; high = active leak, no water, no hot water, backup, overflowing; low = estimate, quote, no rush; normal = anything else.`,
  safe: `Copy, do not interpret. Fill a field only when the caller states it explicitly in this utterance; when in doubt, null.
issueSummary: the caller's own words, trimmed, never reworded. urgency: "emergency" only for the listed emergencies, "high" only for a stated active leak, no water, no hot water, backup or overflow, "low" only for a stated estimate, quote or "no rush", otherwise "normal".
bookingIntent and slotNumber: only for a direct answer; anything else is null.`,
};

export function systemPrompt(profile: PromptProfileName): string {
  return `${SHARED}\n${PROFILE_RULES[profile]}\nReturn only the JSON object.`;
}

const INPUT_PREFIX = "INPUT: ";

/** The user message: one machine-readable INPUT line, so every model (and the rules model) reads the same thing. */
export function buildUserPrompt(input: ExtractInput): string {
  const payload = {
    stage: input.stage,
    utterance: input.utterance,
    slotsOffered: input.slotsOffered.map((s, i) => ({
      number: i + 1,
      label: s.label,
      day: s.day,
      relativeDay: s.relativeDay,
      hour: s.hour,
      minute: s.minute,
      dayOfMonth: s.dayOfMonth ?? null,
      mentioned: (input.slotsMentioned ?? []).includes(i),
      declined: (input.slotsDeclined ?? []).includes(i),
    })),
    slotsMentioned: input.slotsMentioned ?? [],
    slotsDeclined: input.slotsDeclined ?? [],
  };
  return `${INPUT_PREFIX}${JSON.stringify(payload)}`;
}

const ZPromptInput = z.object({
  stage: z.enum(INTAKE_STAGES),
  utterance: z.string(),
  slotsOffered: z.array(
    z
      .object({
        label: z.string(),
        day: z.string(),
        relativeDay: z.enum(["today", "tomorrow"]).nullable(),
        hour: z.number(),
        minute: z.number(),
        dayOfMonth: z.number().nullish(),
      })
      .transform(({ dayOfMonth, ...s }) => ({ ...s, ...(dayOfMonth ? { dayOfMonth } : {}) })),
  ),
  slotsMentioned: z.array(z.number().int()).optional(),
  slotsDeclined: z.array(z.number().int()).optional(),
});

/** Reads the INPUT line back (the rules model does this); null when the prompt has none. */
export function readUserPrompt(text: string): Omit<ExtractInput, "profile"> | null {
  const line = text.split("\n").find((l) => l.startsWith(INPUT_PREFIX));
  if (!line) return null;
  try {
    const parsed = ZPromptInput.safeParse(JSON.parse(line.slice(INPUT_PREFIX.length)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
