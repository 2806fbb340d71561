// A chart's category label in lines that fit its column: units shortened first ("minutes" → "min"),
// then words wrapped onto at most four lines.
export const MAX_LINES = 4;

const SHORT_UNITS: [RegExp, string][] = [
  [/\bminutes?\b/g, "min"],
  [/\bhours?\b/g, "hr"],
];

/**
 * A label in lines of at most `maxChars` characters (a longer word keeps a line of its own); units
 * shortened when it does not fit, or when `shortUnits` says the axis it is on shortens them.
 */
export function wrapLabel(label: string, maxChars: number, shortUnits = label.length > maxChars): string[] {
  const text = shortUnits ? SHORT_UNITS.reduce((s, [re, short]) => s.replace(re, short), label) : label;
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

/** One axis says its units one way: when any of its labels needs "hr", every label says "hr". */
export function wrapAxisLabels(labels: readonly string[], maxChars: number): string[][] {
  const shortUnits = labels.some((l) => l.length > maxChars);
  return labels.map((l) => wrapLabel(l, maxChars, shortUnits));
}
