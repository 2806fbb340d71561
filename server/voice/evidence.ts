// Grounding: a value a model extracted is kept only if the caller's own words support it, so a
// hallucinated ZIP, name or address never reaches the lead (QA: "hallucinated details").
import { digitRuns, findZip } from "@/server/intake/spoken-numbers";
import { GENERATION, joinSpelling, spokenAddress, TITLE_WRITTEN } from "@/server/intake/rules-extract";

const STOPWORDS = new Set(
  "the and but for with you your our are was were have has had this that there their they them then than not just very from into about what when where which who will would could should can its it's i'm my me".split(
    " ",
  ),
);

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}0-9']+/gu) ?? [];
}

/** The ZIP (5 digits; ZIP+4 gives its first five) if the caller's words contain exactly those digits. */
export function groundZip(value: string | null, said: string): string | null {
  if (!value) return null;
  const digits = value.replace(/\D/g, "");
  if (digits.length !== 5 && digits.length !== 9) return null;
  const zip = digits.slice(0, 5);
  return digitRuns(said).some((run) => run === zip || (run.length === 9 && run.startsWith(zip))) ||
    findZip(said) === zip
    ? zip
    : null;
}

/**
 * Words that are never a name: how a caller feels or what they are doing ("I'm freaking out", "this
 * is weird"), and what makes a name an organisation's ("this is Hope Lutheran calling", "Eastside
 * Home Rentals"): the office asks for the person.
 */
const NOT_NAMES = new Set(
  "gotcha dang weird strange crazy freaking freaked panicking panicked scared terrified worried nervous upset stressed desperate confused lost new moving moved retired disabled pregnant alone tired sick sorry calling wondering hoping trying looking sure glad okay fine good great happy mad angry annoyed frustrated embarrassed shaking soaked flooded stuck home busy driving working walking traveling travelling leaving heading waiting cooking outside lutheran baptist methodist presbyterian episcopal catholic pentecostal ministries ministry congregation synagogue mosque rentals properties property realty management apartments llc inc company corporation".split(
    " ",
  ),
);

/** A name looks like a name: no contraction ("there's", "Tuesday's") and no word for a feeling or a state. */
export function looksLikeName(name: string): boolean {
  return name
    .split(" ")
    .every(
      (w) => !/['’](s|re|ll|ve|d|m|t)$/i.test(w) && !/n['’]t$/i.test(w) && !NOT_NAMES.has(w.toLowerCase()),
    );
}

/** The name if every part of it was said (or spelled, letter by letter), and it looks like a name. */
export function groundName(value: string | null, said: string): string | null {
  const name = value?.trim().replace(/\s+/g, " ");
  if (!name || name.length > 60) return null;
  // "Walking Herrera.": a full name and nothing else, said as the answer, is a name misheard, not a
  // caller walking; the read-back lets the caller put it right ("the first name's Joaquin").
  const alone =
    name.includes(" ") &&
    said
      .replace(/[^\p{L}\s'-]/gu, " ")
      .trim()
      .replace(/\s+/g, " ")
      .toLowerCase() === name.toLowerCase();
  if (!looksLikeName(alone ? name.split(" ").at(-1)! : name)) return null;
  // A generation ("Jr.", "III") is written as names are, whether said "junior" or "the third".
  // So is a title before a surname ("Mrs. Delgado", said "missus Delgado").
  const parts = words(name).filter((p, i) => (i === 0 ? !(p in TITLE_WRITTEN) : i < 2 || !(p in GENERATION)));
  const heard = new Set([...words(said), ...words(joinSpelling(said))]);
  return parts.length > 0 && parts.length <= 4 && parts.every((p) => heard.has(p)) ? name : null;
}

/** The address if its house number and at least one street word were said. */
export function groundAddress(value: string | null, said: string): string | null {
  const address = value?.trim().replace(/\s+/g, " ");
  if (!address || address.length > 120) return null;
  const houseNumber = /^\d{1,6}/.exec(address)?.[0];
  if (!houseNumber) return null;
  // Number words count as said: "eleven hundred Oak Street" grounds 1100 Oak Street.
  const asDigits = spokenAddress(said);
  const heard = new Set([...words(said), ...words(asDigits)]);
  const saidNumbers = new Set([
    ...digitRuns(said),
    ...(said.match(/\d+/g) ?? []),
    ...(asDigits.match(/\d+/g) ?? []),
  ]);
  const streetWords = words(address.slice(houseNumber.length)).filter((w) => /[a-z]/.test(w));
  return saidNumbers.has(houseNumber) && streetWords.some((w) => heard.has(w)) ? address : null;
}

/** The issue summary if it shares a real word with what the caller said. */
export function groundIssue(value: string | null, said: string): string | null {
  const summary = value?.trim().replace(/\s+/g, " ");
  if (!summary) return null;
  const heard = new Set(words(said));
  const shared = words(summary).some((w) => w.length >= 3 && !STOPWORDS.has(w) && heard.has(w));
  return shared ? summary.slice(0, 300) : null;
}
