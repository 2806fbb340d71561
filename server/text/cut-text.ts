// Cutting people's words to a length without breaking a character: counted in Unicode code points,
// so an emoji (two UTF-16 units) at the limit is kept whole or left out, never half-stored.

/** The first `max` code points of `text`, or the text itself when it is shorter. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  let count = 0;
  for (const ch of text) {
    if (count === max) break;
    out += ch;
    count += 1;
  }
  return out;
}
