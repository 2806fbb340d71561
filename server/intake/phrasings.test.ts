// Every phrasing rule hears its own examples and none of its near misses, and the cue language and
// the one negation rule read as phrase-rules.ts says.
import { describe, expect, it } from "vitest";
import {
  compileCue,
  cueMatches,
  cueToRegex,
  heard,
  normalizeSaid,
  type PhraseRule,
} from "@/server/intake/phrase-rules";
import * as answers from "@/server/intake/phrasings";
import * as questions from "@/server/intake/phrasings-questions";
import * as safety from "@/server/intake/phrasings-safety";

const phrasings = { ...answers, ...questions, ...safety };
const ALL_LISTS = { ...answers.PHRASE_LISTS, ...questions.QUESTION_LISTS, ...safety.SAFETY_LISTS };

const isRule = (v: unknown): v is PhraseRule =>
  typeof v === "object" && v !== null && "anyOf" in v && "hits" in v && "misses" in v;
const RULES: Array<[string, PhraseRule]> = Object.entries(phrasings).flatMap(([name, value]) =>
  isRule(value)
    ? [[name, value] as [string, PhraseRule]]
    : Array.isArray(value)
      ? value.flatMap((entry, i) =>
          Array.isArray(entry) && isRule(entry[1])
            ? [[`${name} ${String(entry[0])}`, entry[1]] as [string, PhraseRule]]
            : isRule(entry)
              ? [[`${name}[${i}]`, entry] as [string, PhraseRule]]
              : [],
        )
      : [],
);

describe("each phrasing rule, with its examples", () => {
  it("has rules to check", () => {
    expect(RULES.length).toBeGreaterThan(5);
  });

  describe.each(RULES)("%s", (_, rule) => {
    it("hears every example it gives, and has at least one", () => {
      expect(rule.hits.length).toBeGreaterThan(0);
      expect(rule.hits.filter((said) => !heard(rule, said))).toEqual([]);
    });
    it("hears none of its near misses", () => {
      expect(rule.misses.filter((said) => heard(rule, said))).toEqual([]);
    });
  });
});

describe("the cue language", () => {
  const rule = (anyOf: string[], extra: Partial<PhraseRule> = {}): PhraseRule => ({
    when: "test",
    anyOf,
    hits: [],
    misses: [],
    ...extra,
  });
  const hears = (cue: string, said: string) => heard(rule([cue]), said);

  it("matches whole words in any case, with punctuation ignored and contractions heard", () => {
    expect(hears("call me", "Call me, please")).toBe(true);
    expect(hears("leak", "the leak's bad")).toBe(true);
    expect(hears("leak", "it's leaking")).toBe(false);
    expect(hears("don't need", "I dont need it")).toBe(true);
    expect(hears("don't need", "I don’t need it")).toBe(true);
  });

  it("reads * as any ending, / as a choice, [ ] as optional and … as words in between", () => {
    expect(hears("leak*", "it's leaking")).toBe(true);
    expect(hears("ring/phone me", "phone me later")).toBe(true);
    expect(hears("talk [to] [a/the] person", "talk to a person")).toBe(true);
    expect(hears("talk [to] [a/the] person", "talk person")).toBe(true);
    expect(hears("[just] call", "call")).toBe(true);
    expect(hears("smell* … gas", "I smell a bit of gas")).toBe(true);
    expect(hears("tune-up", "a tune up")).toBe(true);
    expect(hears("# unit building", "a 12-unit building")).toBe(true);
  });

  it("reads ^ and $ as the start and end of what was said, and -word as not followed by it", () => {
    expect(hears("^ no $", "No.")).toBe(true);
    expect(hears("^ no $", "no, it's Maria")).toBe(false);
    expect(hears("^ yes", "well yes")).toBe(false);
    expect(hears("no -problem", "no problem")).toBe(false);
    expect(hears("no -problem", "no thanks")).toBe(true);
    expect(hears("water -pressure … everywhere", "the water pressure is weak everywhere")).toBe(false);
    expect(hears("water -pressure … everywhere", "the pressure dropped, now water's everywhere")).toBe(true);
    expect(hears("everywhere -else/but", "everywhere else is fine")).toBe(false);
  });

  it("keeps every character in its place, so a match is a place in what was said", () => {
    const said = "Wait—it’s 78702!";
    expect(normalizeSaid(said)).toHaveLength(said.length);
    expect(cueToRegex("wait").exec(normalizeSaid(said))?.index).toBe(0);
  });

  it("refuses a list that is not defined", () => {
    expect(() => cueToRegex("{nobody}")).toThrow(/not defined/);
  });

  it("refuses a choice with a space in it, which would be two broken words", () => {
    expect(() => cueToRegex("bought [a/the/a couple] new")).toThrow(/single words/);
    expect(cueToRegex("bought [a/the] [couple] new").test("we bought a couple new")).toBe(true);
    expect(cueToRegex("bought [a/the] [couple] new").test("we bought a new one")).toBe(true);
  });
});

describe("skipping a cue whose words are not in the answer", () => {
  it("keeps, for each cue, the stems of one word it cannot do without", () => {
    expect(compileCue("don't call me back").stems).toEqual(["call"]);
    expect(compileCue("leak* … under/below the sink").stems).toEqual(["under", "below"]);
    expect(compileCue("tune-up").stems).toEqual(["tune"]);
    // Nothing always said: an optional word, a number, any word.
    expect(compileCue("[a/the] # _").stems).toBeNull();
  });

  it("takes a list's phrases' stems, or none when one of its phrases has none", () => {
    expect(compileCue("do you {fix}", { fix: ["fix*", "repair*"] }).stems).toEqual(["you"]);
    expect(compileCue("{fix} it", { fix: ["fix*", "repair*"] }).stems).toEqual(["fix", "repair"]);
    expect(compileCue("{maybe} sink", { maybe: ["[a] #"] }).stems).toEqual(["sink"]);
  });

  it("skips a cue only when the expression could not have matched", () => {
    const said = normalizeSaid("The toilet won't stop running, water's everywhere!");
    for (const cue of [
      "water -pressure … everywhere",
      "won't stop run*",
      "toilet* … overflow*",
      "dont stop",
    ]) {
      const { re } = compileCue(cue);
      expect([...cueMatches(compileCue(cue), said)].map((m) => m.index)).toEqual(
        [...said.matchAll(re)].map((m) => m.index),
      );
    }
    expect([...cueMatches(compileCue("overflow*"), said)]).toEqual([]);
  });

  it("hears every rule's examples the same with and without skipping", () => {
    for (const [, rule] of RULES)
      for (const said of [...rule.hits, ...rule.misses])
        for (const cue of [...rule.anyOf, ...(rule.unless ?? [])]) {
          const compiled = compileCue(cue, ALL_LISTS);
          const text = normalizeSaid(said);
          expect([...cueMatches(compiled, text)].length, `${cue} in "${said}"`).toBe(
            [...text.matchAll(compiled.re)].length,
          );
        }
  });
});

describe("the one negation rule", () => {
  const leak: PhraseRule = { when: "test", anyOf: ["leak*"], hits: [], misses: [] };
  it("does not hear a phrase right after a negation, with at most one word between", () => {
    expect(heard(leak, "there's no leak")).toBe(false);
    expect(heard(leak, "it isn't really leaking")).toBe(false);
    expect(heard(leak, "it's not leaking anymore")).toBe(false);
    expect(heard(leak, "there's nothing under it leaking")).toBe(true);
  });
  it("stops at punctuation: a no that answers the question before takes nothing back", () => {
    expect(heard(leak, "no, it's leaking")).toBe(true);
    expect(heard(phrasings.CALLBACK, "no, call me back")).toBe(true);
    expect(heard(phrasings.CALLBACK, "don't call me back")).toBe(false);
  });
  it("hears a rule that says so after a negation too", () => {
    expect(heard({ ...leak, negatable: false }, "there's no leak")).toBe(true);
  });
});
