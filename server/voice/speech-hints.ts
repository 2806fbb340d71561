// Speech recognition set for phone calls (ADR 0006): every <Gather input="speech"> uses Twilio's
// generic phone-call model in US English, with hints from the business's own words (its name, its
// services, the cities of its service area and the streets it has seen in past leads' addresses)
// and digit hints where a number is asked for (the ZIP, the street address, a number to call back). Pure: the caller
// of these functions loads the words (server/calls/speech-hints-cache.ts caches them per business).
import type { IntakeStage } from "@/server/intake/extraction";

/** Twilio's generic model for phone-call audio; Twilio picks the provider and fails over between them. */
export const SPEECH_MODEL = "phone_call";
export const SPEECH_LANGUAGE = "en-US";

/** Class tokens that bias recognition towards numbers where a number is the answer. */
export const DIGIT_HINTS: Partial<Record<IntakeStage, readonly string[]>> = {
  // "seven eight seven oh one"
  zip: ["$POSTALCODE", "$OOV_CLASS_DIGIT_SEQUENCE"],
  // "three twelve Birch Lane": the house number, then the street.
  address: ["$ADDRESSNUM", "$STREET", "$OOV_CLASS_DIGIT_SEQUENCE"],
  // "five one two, five five five, oh one nine nine": the number to call back.
  phone: ["$OOV_CLASS_DIGIT_SEQUENCE"],
};

/** Twilio reads at most 100 characters per hint; a short list keeps every Gather small. */
const MAX_HINT_CHARS = 100;
export const MAX_BUSINESS_HINTS = 60;

export type BusinessWords = {
  businessName: string;
  /** Services the business does (settings, "Answers for callers"). */
  services?: readonly string[];
  /** Cities of its service-area ZIPs. */
  cities?: readonly string[];
  /** Street names from past leads' addresses, most common first. */
  streets?: readonly string[];
};

const clean = (s: string) =>
  s
    .replace(/[,\n\r]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The business's own words as hints: name, services, cities, streets — deduplicated, capped. */
export function businessHints(words: BusinessWords): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string) => {
    const hint = clean(raw);
    const key = hint.toLowerCase();
    if (!hint || hint.length > MAX_HINT_CHARS || seen.has(key) || out.length >= MAX_BUSINESS_HINTS) return;
    seen.add(key);
    out.push(hint);
  };
  add(words.businessName);
  for (const s of words.services ?? []) add(s);
  for (const c of words.cities ?? []) add(c);
  for (const s of words.streets ?? []) add(s);
  return out;
}

/** The hints for the question being asked: digit classes first at the ZIP and address questions. */
export function hintsForStage(stage: IntakeStage, business: readonly string[]): string {
  return [...(DIGIT_HINTS[stage] ?? []), ...business].join(", ");
}

const STREET_TYPES =
  /\b(street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|circle|cir|way|place|pl|parkway|pkwy|trail|trl|terrace|ter|highway|hwy|loop|cove|cv|run|path|pass|row|square|sq)\b\.?/i;

/**
 * The street name of a stored address ("123 W Oak Hollow Dr, Unit 4" → "W Oak Hollow Dr"): the
 * words after the house number up to the street type, or null when it does not look like one.
 */
export function streetOf(address: string): string | null {
  const line = address.split(",")[0]!.trim();
  const m = /^\d+[a-z]?\s+(.+)$/i.exec(line);
  if (!m) return null;
  const rest = m[1]!;
  const type = STREET_TYPES.exec(rest);
  const street = (type ? rest.slice(0, type.index + type[0].length) : rest).replace(/\.$/, "").trim();
  return street.length >= 3 && street.length <= 60 && /[a-z]/i.test(street) ? street : null;
}

/** Street names from addresses, most frequent first. */
export function commonStreets(addresses: readonly string[], limit = 30): string[] {
  const counts = new Map<string, { name: string; n: number }>();
  for (const a of addresses) {
    const street = streetOf(a);
    if (!street) continue;
    const key = street.toLowerCase();
    const entry = counts.get(key) ?? { name: street, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((e) => e.name);
}
