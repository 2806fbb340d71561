// Validation errors as sentences that name the field ("Business name can be at most 100
// characters."), never the validator's own text ("Too big: expected string to have <=100
// characters"). Messages a schema wrote for people are kept as they are.
import type { core } from "zod";

/** "businessName" / "days.0.start" → "Business name" / "Start". */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((p) => typeof p === "string") as string | undefined;
  if (!last) return "This value";
  const words = last
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_.]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const VALIDATOR_TEXT = /^(Too big|Too small|Invalid|Expected|Required|Unrecognized)/;

export function issueSentence(issue: core.$ZodIssue): string {
  // The safe-input types (server/http/safe-input.ts) say what is wrong; the field's name goes first.
  if (issue.code === "custom" && (issue.params as { fieldFirst?: boolean } | undefined)?.fieldFirst)
    return `${fieldLabel(issue.path)} ${issue.message}`;
  if (!VALIDATOR_TEXT.test(issue.message)) return issue.message;
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string"
        ? `${label} can be at most ${issue.maximum} characters: shorten it.`
        : issue.origin === "array"
          ? `${label} can have at most ${issue.maximum} entries.`
          : `${label} must be ${issue.maximum} or less.`;
    case "too_small":
      return issue.origin === "string"
        ? Number(issue.minimum) <= 1
          ? `${label} is empty: fill it in.`
          : `${label} needs at least ${issue.minimum} characters.`
        : issue.origin === "array"
          ? `${label} needs at least ${issue.minimum} entries.`
          : `${label} must be ${issue.minimum} or more.`;
    case "invalid_type":
      return issue.input === undefined || issue.input === null
        ? `${label} is missing: fill it in.`
        : `${label} is not valid: check it and try again.`;
    case "invalid_value":
      return `${label}: choose one of the listed options.`;
    case "invalid_format":
      return `${label} is not in the expected format.`;
    default:
      return `${label} is not valid: check it and try again.`;
  }
}
