// The caller's email address: optional wherever a lead is typed in (Add lead, the request form,
// the API, the lead page), stored lowercased, so one address is one caller for the unsubscribe.
import { z } from "zod";

export const MAX_EMAIL_LENGTH = 200;

export const isEmailAddress = (v: string) => z.email().safeParse(v).success;

/** Left empty is no address; anything else must look like name@example.com. */
export function zCallerEmail(message = "Enter a valid email address, like name@example.com.") {
  return z
    .string({ message })
    .trim()
    .max(MAX_EMAIL_LENGTH, `Keep the email address under ${MAX_EMAIL_LENGTH} characters.`)
    .refine((v) => v === "" || isEmailAddress(v), message);
}

/** The stored form: trimmed and lowercased, or null when none was given. */
export function normalizeEmail(v: string | null | undefined): string | null {
  const t = v?.trim().toLowerCase();
  return t ? t : null;
}
