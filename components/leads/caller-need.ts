// What the caller needs, in their own words, for the phone's summary card: the words the issue was
// taken from, else the caller's line on the call that says most of it — never the agent's lines
// (a read-back "So that's … is that right?" is the AI talking, not the need).

type Turn = { speaker: string; text: string };

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9']+/g) ?? []);

/** The caller's own words about the problem, or null when none were heard. */
export function callerNeedWords(input: {
  issueSummary: string | null;
  /** The quote the issue summary was taken from (the lead's evidence), if kept. */
  evidence: string | null;
  calls: readonly { turns: readonly Turn[] }[];
}): string | null {
  const quote = input.evidence?.trim();
  if (quote) return quote;
  const said = input.calls.flatMap((c) => c.turns).filter((t) => t.speaker === "caller" && t.text.trim());
  if (!said.length) return null;
  const issue = wordsOf(input.issueSummary ?? "");
  const score = (t: Turn) => [...wordsOf(t.text)].filter((w) => issue.has(w)).length;
  const best = said.reduce((a, b) =>
    score(b) > score(a) || (score(b) === score(a) && b.text.length > a.text.length) ? b : a,
  );
  return best.text.trim();
}
