// A chart's category label in lines that fit its column: units shortened first ("minutes" → "min"),
// then words wrapped onto at most four lines.
export const MAX_LINES = 4;

const SHORT_UNITS: [RegExp, string][] = [
  [/\bminutes?\b/g, "min"],
  [/\bhours?\b/g, "hr"],
];

/** A label in lines of at most `maxChars` characters (a longer word keeps a line of its own); units shortened when it does not fit. */
export function wrapLabel(label: string, maxChars: number): string[] {
  const fitsOneLine = label.length <= maxChars;
  const text = fitsOneLine ? label : SHORT_UNITS.reduce((s, [re, short]) => s.replace(re, short), label);
  if (text.length <= maxChars) return [text];
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= maxChars)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  // More lines than fit: the rest joins the last line.
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES - 1), lines.slice(MAX_LINES - 1).join(" ")]
    : lines;
}
