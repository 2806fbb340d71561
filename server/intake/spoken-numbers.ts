// Turns spoken numbers in a speech transcript ("seven eight seven oh one", "787 01",
// "double seven") into digit runs, so ZIP codes can be read and checked the same way everywhere.

const UNITS: Record<string, string> = {
  zero: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};
const TEENS: Record<string, string> = {
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
};
const TENS: Record<string, string> = {
  twenty: "2",
  thirty: "3",
  forty: "4",
  fifty: "5",
  sixty: "6",
  seventy: "7",
  eighty: "8",
  ninety: "9",
};
const REPEAT: Record<string, number> = { double: 2, triple: 3 };

type Token = { text: string; gap: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /[a-z']+|\d+/g;
  const lower = text.toLowerCase();
  let last = 0;
  for (const m of lower.matchAll(re)) {
    tokens.push({ text: m[0], gap: lower.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  return tokens;
}

const isNumeral = (t: string | undefined) => t !== undefined && /^\d+$/.test(t);
const isUnitWord = (t: string | undefined) => t !== undefined && (t in UNITS || t === "oh" || t === "o");

/**
 * The digit runs in a transcript: consecutive spoken or written digits joined together.
 * "oh"/"o" count as zero only next to other digits, so "oh, it's 78701" stays "78701" (and a
 * leading "oh" followed by a comma is an exclamation: "oh, seven eight seven…").
 */
export function digitRuns(text: string): string[] {
  const tokens = tokenize(text);
  const runs: string[] = [];
  let run = "";
  const flush = () => {
    if (run) runs.push(run);
    run = "";
  };
  for (let i = 0; i < tokens.length; i++) {
    const { text: t, gap } = tokens[i]!;
    const next = tokens[i + 1]?.text;
    // Punctuation between two multi-digit numbers separates them ("78701, 512").
    if (run && /[.,;:!?]/.test(gap) && (run.length >= 3 || (isNumeral(t) && t.length >= 3))) flush();
    let digits: string | null = null;
    if (isNumeral(t)) digits = t;
    else if (t in UNITS) digits = UNITS[t]!;
    else if (t in TEENS) digits = TEENS[t]!;
    else if (t in TENS) {
      if (next !== undefined && next in UNITS && next !== "zero") {
        digits = TENS[t]! + UNITS[next]!;
        i++;
      } else digits = `${TENS[t]!}0`;
    } else if (
      (t === "oh" || t === "o") &&
      (run !== "" || (isUnitWord(next) && (runs.length > 0 || !/[.,;:!?]/.test(tokens[i + 1]!.gap))))
    )
      // "Oh, uh, seven eight seven…" starts with a word, not a zero: an "oh" before any digit was
      // said is a digit only when the next digit follows without a pause ("seven, eight, seven,
      // oh, three" is 78703).
      digits = "0";
    else if (t in REPEAT && next !== undefined) {
      const d =
        isNumeral(next) && next.length === 1
          ? next
          : next in UNITS
            ? UNITS[next]!
            : next === "oh" || next === "o"
              ? "0"
              : null;
      if (d !== null) {
        digits = d.repeat(REPEAT[t]!);
        i++;
      }
    }
    if (digits === null) flush();
    else run += digits;
  }
  flush();
  return runs;
}

const DIGIT_WORD = `(?:${Object.keys(UNITS).join("|")}|oh)`;
const DIGIT_RUN = new RegExp(`\\b${DIGIT_WORD}(?:\\s+${DIGIT_WORD}){2,5}\\b`, "gi");
const TENS_BEFORE = new RegExp(`(?:${Object.keys(TENS).join("|")}|hundred)[-\\s]$`, "i");

/**
 * Digits said one by one ("four one six zero"), as digits: four or more, or three that are not
 * the end of a number said in words ("forty-one oh six" is 4106, not 106). Null when there are none.
 */
export function digitByDigit(said: string): string | null {
  for (const m of said.matchAll(DIGIT_RUN)) {
    const words = m[0].toLowerCase().split(/\s+/);
    if (words.length >= 4 || !TENS_BEFORE.test(said.slice(0, m.index)))
      return words.map((w) => (w === "oh" ? "0" : UNITS[w])).join("");
  }
  return null;
}

/** The one 5-digit ZIP in a transcript (ZIP+4 gives its first five), or null if none or ambiguous. */
export function findZip(text: string): string | null {
  const found = new Set<string>();
  const runs = digitRuns(text.replace(/\b(uh+|um+|er+|hmm+|like)\b/gi, " "));
  for (const run of runs) {
    if (run.length === 5 || run.length === 9) found.add(run.slice(0, 5));
  }
  // "7 8 7, uh, 5 1": a ZIP said in pieces with pauses between.
  if (found.size === 0) {
    for (let i = 0; i < runs.length; i++) {
      let joined = runs[i]!;
      for (let j = i + 1; j < runs.length && joined.length < 5; j++) joined += runs[j]!;
      if (joined.length === 5 && runs[i]!.length < 5) found.add(joined);
    }
  }
  if (found.size === 1) return [...found][0]!;
  // "We're out at 11900 FM 1826, the zip's 78737": with two five-digit runs, the one said as the ZIP.
  const cued = found.size > 1 ? /\bzip(?:\s*code)?(?:'s|\s+is|:)?\s+(\d{5})\b/i.exec(text)?.[1] : undefined;
  return cued && found.has(cued) ? cued : null;
}

/** A ten-digit US phone number in a transcript, said whole or in groups ("512, 555, 0199"; a leading 1 is dropped), or null. */
export function findPhoneNumber(text: string): string | null {
  const runs = digitRuns(text.replace(/\b(uh+|um+|er+|hmm+|like)\b/gi, " "));
  for (let i = 0; i < runs.length; i++) {
    let joined = "";
    for (let j = i; j < runs.length && joined.length < 10; j++) {
      joined += runs[j]!;
      if (joined.length === 11 && joined.startsWith("1")) return joined.slice(1);
    }
    if (joined.length === 10) return joined;
    if (joined.length === 11 && joined.startsWith("1")) return joined.slice(1);
  }
  return null;
}

/** Reads a ZIP digit by digit ("7 8 7 0 1"), so text-to-speech does not say "seventy-eight thousand". */
export function speakDigits(digits: string): string {
  return digits.split("").join(" ");
}
