// An internal error never reaches the person who met it: they get a short reference, and the
// log gets the error under the same reference, so support can find one from the other.
import { randomBytes } from "node:crypto";

/** Logs the error with a fresh reference and returns the reference (8 hex characters). */
export function logInternalError(where: string, err: unknown): string {
  const ref = randomBytes(4).toString("hex");
  console.error(`${where} failed (ref ${ref}):`, err);
  return ref;
}

export const somethingWentWrong = (ref: string) =>
  `Something went wrong (ref ${ref}). Try again; if it keeps happening, give this reference to support.`;
