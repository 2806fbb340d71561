// Passwords nobody may choose: the most common ones (the ranked list bundled with zxcvbn-ts,
// about 49,000 leaked passwords) and one character repeated.
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export function isOneRepeatedCharacter(password: string): boolean {
  const chars = [...password];
  return chars.length > 0 && chars.every((c) => c === chars[0]);
}
