// How a caller's words are matched against phrasings written as data: the cue language shared by
// the phrasings (server/intake/phrasings.ts) and the emergency rules, and the one negation rule.
//
// A cue is a phrase in plain words, matched on whole words, in any case, with punctuation ignored:
//   word      that word, and its contraction ("water" also hears "water's"); an apostrophe may be left
//             out by the caller ("don't" hears "dont"); a hyphen may be a space ("tune-up", "tune up")
//   word*     the word with any ending ("leak*" = leak, leaks, leaking, leaky)
//   a/b/c     any one of these words ("call/ring/phone me")
//   [a/b]     optional: one of these words, or none ("talk/speak [to/with] [a/the] person")
//   {list}    any phrase of a named list (`PHRASE_LISTS` in the phrasings: "do you {service verb}")
//   #         a number said in digits ("# unit building");  _  any one word ("not _ it's")
//   word+     said once or more ("[hello/hi]+ are you there": any number of hellos first)
//   …         up to eight other words in between ("smell* … gas");  …*  any number of words
//   -word     not followed by that word: last in the cue ("no -problem": "no problem" is not a no) or
//             after any word ("water -pressure … everywhere": the water pressure is not water getting out)
//   ^   $     first / last in the cue: at the start / at the end of what the caller said
//
// The one negation rule: a phrase right after a negation ("no", "not", "isn't", "don't", "without",
// "never" … and at most one word between) does not count: "no leak" is not a leak, "don't call me
// back" is not a callback. A rule that must hear its phrase after a negation too ("I don't know how
// much it costs" still asks the price) says `negatable: false`.

/** A phrasing the caller uses for one thing, with the examples that hold it (run by phrasings.test.ts). */
export type PhraseRule = {
  /** The rule in one sentence, for people. */
  when: string;
  /** The rule fires on any one of these cues. */
  anyOf: readonly string[];
  /** Cues that cancel the rule when heard anywhere in the same words. */
  unless?: readonly string[];
  /** False when a negation right before the phrase does not cancel it (see the negation rule). */
  negatable?: boolean;
  /** Only in a question: a question mark follows the phrase in the same sentence. */
  asked?: boolean;
  /** What callers say that this rule hears. */
  hits: readonly string[];
  /** Close wordings this rule must not hear. */
  misses: readonly string[];
};

/** Named lists of phrases a cue can use as `{name}`. */
export type PhraseLists = Readonly<Record<string, readonly string[]>>;

/**
 * "no", "not", "isn't", "without", "nothing's" … then at most one word, right before the phrase
 * ("not really leaking": a softening word such as "really" does not count as that word).
 */
const NEGATED_BEFORE =
  /\b(no|not|isn'?t|aren'?t|wasn'?t|weren'?t|never|without|don'?t|doesn'?t|didn'?t|ain'?t|nothing'?s?|nothing is)\s+((really|actually|even|exactly|quite|just)\s+)?(\w+\s+)?$/;

/**
 * Is the phrase starting at `index` right after a negation? Punctuation ends a negation's reach:
 * in "no, call me back" the "no" answers the question before, it does not take back the callback.
 */
export function negatedAt(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 25), index);
  const sinceStop = before.slice(before.search(/[^,.;:!?]*$/));
  return NEGATED_BEFORE.test(normalizeSaid(sinceStop).replace(/\s+/g, " "));
}

/**
 * The caller's words as the cues read them: lower case, straight apostrophes, punctuation as
 * spaces. Every character keeps its place, so a match's position is a position in what was said.
 */
export function normalizeSaid(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9'\s-]/g, " ");
}

/** normalizeSaid of the answer being read (every rule reads the same answer in turn). */
let lastSaid: { said: string; text: string } = { said: "", text: "" };
function normalizedOnce(said: string): string {
  if (lastSaid.said !== said) lastSaid = { said, text: normalizeSaid(said) };
  return lastSaid.text;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One word of a cue: "leak*", "don't", "tune-up". */
function wordSource(word: string): string {
  const star = word.endsWith("*");
  const body = (star ? word.slice(0, -1) : word)
    .split("")
    .map((c) => (c === "'" ? "'?" : c === "-" ? "[\\s-]?" : escape(c)))
    .join("");
  if (star) return `${body}[a-z']*`;
  // A plain word also hears its contraction ("water's", "toilet's").
  return /[a-z]$/.test(word) ? `${body}(?:'[a-z]+)?` : body;
}

const GAP = "(?:\\s+[a-z0-9'-]+){0,8}?";
const ANY_GAP = "(?:\\s+[a-z0-9'-]+)*?";

function cueSource(cue: string, lists: PhraseLists, seen: readonly string[] = []): string {
  const tokens = cue.trim().split(/\s+/);
  const atStart = tokens[0] === "^";
  if (atStart) tokens.shift();
  const atEnd = tokens.at(-1) === "$";
  if (atEnd) tokens.pop();
  const notFollowedBy: string[] = [];
  while (tokens.length && tokens.at(-1)!.startsWith("-") && tokens.at(-1)!.length > 1)
    notFollowedBy.unshift(tokens.pop()!.slice(1).split("/").filter(Boolean).map(wordSource).join("|"));
  // Each token: its pattern, whether it may be left out or said more than once, and whether it is a
  // gap or a word that must not follow ("water -pressure … everywhere").
  type Part = { src: string; optional: boolean; repeats: boolean; gap?: boolean; notNext?: boolean };
  const parts = tokens.map((raw): Part => {
    if (raw.startsWith("-") && raw.length > 1) {
      const words = raw.slice(1).split("/").filter(Boolean).map(wordSource).join("|");
      return { src: `(?![\\s-]+(?:${words})\\b)`, optional: false, repeats: false, notNext: true };
    }
    const repeats = raw.length > 1 && raw.endsWith("+");
    const token = repeats ? raw.slice(0, -1) : raw;
    if (token === "…") return { src: GAP, optional: false, repeats: false, gap: true };
    if (raw === "…*") return { src: ANY_GAP, optional: false, repeats: false, gap: true };
    const optional = /^\[.+\]$/.test(token);
    // "[a/the couple]" would be two broken words: choices are single words ("[a/the] [couple]").
    if (!optional && /[[\]]/.test(token))
      throw new Error(`The cue "${cue}" has a choice with a space in it: choices in [ ] are single words.`);
    const inner = optional ? token.slice(1, -1) : token;
    if (inner === "#") return { src: "\\d+", optional, repeats };
    if (inner === "_") return { src: "[a-z0-9'-]+", optional, repeats };
    const list = /^\{(.+)\}$/.exec(inner);
    if (list) {
      const name = list[1]!.replace(/_/g, " ");
      const phrases = lists[name];
      if (!phrases) throw new Error(`The cue "${cue}" uses the list {${name}}, which is not defined.`);
      if (seen.includes(name)) throw new Error(`The list {${name}} uses itself.`);
      const src = `(?:${phrases.map((p) => cueSource(p, lists, [...seen, name])).join("|")})`;
      return { src, optional, repeats };
    }
    const words = inner.split("/").filter(Boolean);
    return { src: `(?:${words.map(wordSource).join("|")})`, optional, repeats };
  });
  let src = "";
  // Whether the next word needs a space before it (not at the start, not right after a gap or
  // an optional first word, which bring their own).
  let needSpace = false;
  for (const part of parts) {
    const word = `${part.src}\\b`;
    if (part.notNext) {
      src += part.src;
    } else if (part.gap) {
      src += `${part.src}\\s+`;
      needSpace = false;
    } else if (part.optional && !needSpace) {
      src += `(?:${word}[\\s-]+)${part.repeats ? "*" : "?"}`;
    } else if (part.optional) {
      src += `(?:[\\s-]+${word})${part.repeats ? "*" : "?"}`;
    } else {
      src += `${needSpace ? "[\\s-]+" : ""}${word}${part.repeats ? `(?:[\\s-]+${word})*` : ""}`;
      needSpace = true;
    }
  }
  const head = atStart ? "^[\\s'-]*" : "\\b";
  const tail =
    (notFollowedBy.length ? `(?!\\s+(?:${notFollowedBy.join("|")})\\b)` : "") + (atEnd ? "[\\s'-]*$" : "");
  return `${head}(?:${src})${tail}`;
}

/** The regular expression a cue stands for (global: use it with matchAll). */
export function cueToRegex(cue: string, lists: PhraseLists = {}): RegExp {
  return new RegExp(cueSource(cue, lists), "g");
}

/** The letters a cue word always starts with, as the expression spells them ("don't" → "don", "leak*" → "leak"). */
const stemOf = (word: string) => word.replace(/\*$/, "").split(/['-]/)[0]!;

/**
 * Stems one of which any match of the cue contains (null: the cue has no word it always needs, as
 * "[a/the] #"). Taken from one word the cue cannot do without, the one with the longest stems, so
 * a caller's words that contain none of them skip the expression: most cues are not heard in most
 * answers, and a substring test costs far less than running the expression.
 */
function cueStems(cue: string, lists: PhraseLists, seen: readonly string[] = []): string[] | null {
  let best: string[] | null = null;
  const shortest = (stems: string[]) => Math.min(...stems.map((s) => s.length));
  for (const raw of cue.trim().split(/\s+/)) {
    const token = raw.length > 1 && raw.endsWith("+") ? raw.slice(0, -1) : raw;
    if (/^(\^|\$|…\*?|#|_|\[.+\]|-.+)$/.test(token)) continue;
    const list = /^\{(.+)\}$/.exec(token);
    let stems: string[] | null = [];
    if (list) {
      const name = list[1]!.replace(/_/g, " ");
      for (const phrase of lists[name] ?? []) {
        const inner = seen.includes(name) ? null : cueStems(phrase, lists, [...seen, name]);
        if (!inner) {
          stems = null;
          break;
        }
        stems.push(...inner);
      }
    } else {
      stems = token.split("/").filter(Boolean).map(stemOf);
    }
    if (!stems?.length || stems.includes("")) continue;
    if (!best || shortest(stems) > shortest(best)) best = stems;
  }
  return best;
}

/**
 * A cue ready to match: its expression, the stems that let most answers skip it, and for a cue
 * with a gap ("sewer … backing up") the expression of what follows its last gap, so a negation
 * right before that part ("a sewer smell, nothing is backing up") can be found too.
 */
export type CompiledCue = { re: RegExp; stems: readonly string[] | null; afterGap: RegExp | null };

export function compileCue(cue: string, lists: PhraseLists = {}): CompiledCue {
  const tokens = cue.trim().split(/\s+/);
  const gap = tokens.findLastIndex((t) => t === "…" || t === "…*");
  // (A cue that says a negation itself, "nothing … coming out", "meter … nothing on", means it.)
  const saysNo = tokens.some((t) =>
    /^(no|not|nothing\S*|never|without|none|\S*n't)$/.test(t.replace(/[[\]]/g, "")),
  );
  const rest =
    gap >= 0 && !saysNo ? tokens.slice(gap + 1).filter((t) => t !== "$" && !t.startsWith("-")) : [];
  return {
    re: cueToRegex(cue, lists),
    stems: cueStems(cue, lists),
    afterGap: rest.length ? cueToRegex(rest.join(" "), lists) : null,
  };
}

/** Where, within a match of the cue, the part after its last gap starts (null: the cue has no gap). */
export function afterGapAt(cue: CompiledCue, match: string): number | null {
  if (!cue.afterGap) return null;
  let at: number | null = null;
  for (const m of match.matchAll(cue.afterGap)) if (m.index > 0) at = m.index;
  return at;
}

/** Every match of the cue in the (normalized) text; none at once when the text has none of its stems. */
export function cueMatches(cue: CompiledCue, text: string): IterableIterator<RegExpMatchArray> | readonly [] {
  return cue.stems && !cue.stems.some((stem) => text.includes(stem)) ? [] : text.matchAll(cue.re);
}

type Compiled = { anyOf: CompiledCue[]; unless: CompiledCue[]; negatable: boolean; asked: boolean };
const COMPILED = new WeakMap<PhraseRule, Compiled>();
let LISTS: PhraseLists = {};

/** The named lists cues may use (set once by the phrasings module). */
export function addPhraseLists(lists: PhraseLists) {
  LISTS = { ...LISTS, ...lists };
}

function compiled(rule: PhraseRule): Compiled {
  let c = COMPILED.get(rule);
  if (!c) {
    c = {
      anyOf: rule.anyOf.map((cue) => compileCue(cue, LISTS)),
      unless: (rule.unless ?? []).map((cue) => compileCue(cue, LISTS)),
      negatable: rule.negatable ?? true,
      asked: rule.asked ?? false,
    };
    COMPILED.set(rule, c);
  }
  return c;
}

/** Where the phrase occurs in the (normalized) text, without a negation right before it. */
function occurrences(
  cue: CompiledCue,
  text: string,
  said: string,
  negatable: boolean,
): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (const m of cueMatches(cue, text)) {
    if (negatable && negatedAt(said, m.index!)) continue;
    found.push({ start: m.index!, end: m.index! + m[0].length });
  }
  return found;
}

/** Every place in what was said where the rule's phrase is heard, in order and not overlapping; empty when the rule does not fire. */
export function phraseMatches(rule: PhraseRule, said: string): Array<{ start: number; end: number }> {
  const c = compiled(rule);
  if (c.asked && !said.includes("?")) return [];
  const text = normalizedOnce(said);
  // A question: a question mark after the phrase, before the sentence ends.
  const askedAfter = (m: { end: number }) => !c.asked || /^[^.!]*\?/.test(said.slice(m.end));
  if (c.unless.some((re) => occurrences(re, text, said, c.negatable).length > 0)) return [];
  const all = c.anyOf
    .flatMap((re) => occurrences(re, text, said, c.negatable))
    .filter(askedAfter)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // Where two cues hear overlapping words, the one that starts first (then the longer) counts.
  const kept: Array<{ start: number; end: number }> = [];
  for (const m of all) if (!kept.length || m.start >= kept.at(-1)!.end) kept.push(m);
  return kept;
}

/** Does the rule hear its phrase in what was said? */
export function heard(rule: PhraseRule, said: string): boolean {
  return phraseMatches(rule, said).length > 0;
}

/** The first rule (in the order given) that hears its phrase, or null. */
export function firstHeard<K extends string>(
  rules: ReadonlyArray<readonly [K, PhraseRule]>,
  said: string,
): K | null {
  for (const [key, rule] of rules) if (heard(rule, said)) return key;
  return null;
}

/** What was said with every phrase of the rule cut out (for reading the rest). */
export function withoutPhrase(rule: PhraseRule, said: string): string {
  let out = said;
  for (const { start, end } of [...phraseMatches(rule, said)].reverse())
    out = `${out.slice(0, start)} ${out.slice(end)}`;
  return out;
}
