// A caller's or a form visitor's own words, repeated back in a text or an email the business sends
// ("Hi Ann, thanks for your request about a slow kitchen sink"). Anyone can fill in the public
// form with a stranger's number, so what they typed must never turn the business's texts into
// their messages: a value holding a link, an email address or a phone number is not repeated at
// all, nor is a description too long for one short sentence (it would also cost many SMS parts).

/** The longest description a text or an email repeats. */
export const MAX_REPEATED_WORDS = 100;

const LINK = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S|[\p{L}\p{N}-]+\.[a-z]{2,}\b/iu;
const EMAIL = /[^\s@]+@[^\s@]+/;
// Seven digits or more in one run, spaces, dots, dashes and parentheses between them allowed.
const PHONE = /\d(?:[\s().-]*\d){6,}/;

/** Whether people's words carry something of their own to reach: a link, an email address, a number. */
export function holdsContactDetails(text: string): boolean {
  return LINK.test(text) || EMAIL.test(text) || PHONE.test(text);
}

/** The description as a text or email may repeat it, or null (then the template's stand-in is used). */
export function repeatableWords(text: string | null | undefined, max = MAX_REPEATED_WORDS): string | null {
  const words = text?.replace(/\s+/g, " ").trim();
  if (!words || [...words].length > max || holdsContactDetails(words)) return null;
  return words;
}

// A given name: letters (any script), with the apostrophes, hyphens and dots names have.
const NAME = /^\p{L}[\p{L}\p{M}'’.-]{0,29}$/u;

/** The first word of a name when it reads as a name ("Ann" of "Ann Lee"), else null. */
export function repeatableName(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first && NAME.test(first) && !holdsContactDetails(first) ? first : null;
}
