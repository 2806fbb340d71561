// The one boundary for odd input: text the database cannot store (NUL and other control
// characters, lone UTF-16 surrogates) and dates outside the years the product deals in. The
// transports check every input with `findUnsafeInput` before any schema runs (tRPC: a middleware
// in init.ts; REST: serveApi in server/api/registry.ts), and schemas use the zod types below for
// the rules a walk cannot know (which text may span lines, which strings are dates).
import { z } from "zod";
import { fieldLabel } from "@/server/trpc/zod-sentences";

/** The dates anyone may enter or ask about: appointments, filters, months, cursors. */
export const EARLIEST_DATE = new Date("2000-01-01T00:00:00.000Z");
export const LATEST_DATE = new Date("2100-12-31T23:59:59.999Z");
export const DATE_BOUNDS_TEXT = "between 2000-01-01 and 2100-12-31";

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAKS = /[\t\r\n]/;

export type TextProblem = "control" | "surrogate" | "line_break";

/** What is wrong with a piece of text, or null. `multiline` allows tabs and line breaks. */
export function textProblem(text: string, multiline = true): TextProblem | null {
  if (CONTROL.test(text)) return "control";
  if (LONE_SURROGATE.test(text)) return "surrogate";
  if (!multiline && LINE_BREAKS.test(text)) return "line_break";
  return null;
}

export function isDateInBounds(date: Date): boolean {
  const t = date.getTime();
  return !Number.isNaN(t) && t >= EARLIEST_DATE.getTime() && t <= LATEST_DATE.getTime();
}

const PROBLEM_TEXT: Record<TextProblem, string> = {
  control: "has a control character that can't be stored: remove it and try again.",
  surrogate: "has a broken character that can't be stored: retype it and try again.",
  line_break: "must be on one line: remove the line breaks.",
};

export function textProblemMessage(label: string, problem: TextProblem): string {
  return `${label} ${PROBLEM_TEXT[problem]}`;
}

const DATE_BOUNDS_SUFFIX = `must be a date ${DATE_BOUNDS_TEXT}.`;
export const dateBoundsMessage = (label: string) => `${label} ${DATE_BOUNDS_SUFFIX}`;

export type UnsafeInput = { field: string; message: string };

const MAX_DEPTH = 20;

/**
 * Walks an input (objects, arrays, strings, dates; keys too) and returns the first value no
 * schema should ever see: text with control characters or lone surrogates, or a date outside
 * the bounds. Tabs and line breaks are left to the schemas. Messages name the field in words
 * ("Business name …") or, for the REST API, as sent ("externalJobId …").
 */
export function findUnsafeInput(value: unknown, naming: "words" | "as-sent" = "words"): UnsafeInput | null {
  return walk(value, [], naming === "words" ? fieldLabel : (path) => path.join(".") || "The request");
}

function walk(
  value: unknown,
  path: (string | number)[],
  labelOf: (path: (string | number)[]) => string,
): UnsafeInput | null {
  const field = () => path.join(".") || "input";
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { field: field(), message: textProblemMessage(labelOf(path), problem) } : null;
  }
  if (value instanceof Date)
    return isDateInBounds(value) ? null : { field: field(), message: dateBoundsMessage(labelOf(path)) };
  if (value === null || typeof value !== "object" || path.length > MAX_DEPTH) return null;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, v] of entries) {
    if (typeof key === "string") {
      const problem = textProblem(key);
      if (problem)
        return { field: [...path, "(name)"].join("."), message: `A field name ${PROBLEM_TEXT[problem]}` };
    }
    const found = walk(v, [...path, key], labelOf);
    if (found) return found;
  }
  return null;
}

// ── zod types ──

/**
 * A schema's issue whose message goes after the field's name ("Notes has a control character…"):
 * the name is known only where the issue is reported (zod-sentences.ts, api/http.ts).
 */
export const FIELD_FIRST = { fieldFirst: true } as const;

export function isFieldFirst(issue: { code: string; params?: unknown }): boolean {
  return (
    issue.code === "custom" && (issue.params as { fieldFirst?: boolean } | undefined)?.fieldFirst === true
  );
}

function addTextIssue(multiline: boolean) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(value, multiline);
    if (problem) ctx.addIssue({ code: "custom", message: PROBLEM_TEXT[problem], params: FIELD_FIRST });
  };
}

/**
 * Text a person typed: trimmed, at most `max` characters, no control characters or lone
 * surrogates. Single-line text turns tabs and line breaks (a pasted value) into spaces;
 * `multiline` keeps them (notes, replies, answers for callers).
 */
export function zText(
  max: number,
  opts: { multiline?: boolean; min?: number; minMessage?: string; maxMessage?: string } = {},
) {
  const multiline = opts.multiline ?? false;
  return z
    .string()
    .superRefine(addTextIssue(true))
    .transform((s) => (multiline ? s : s.replace(/[\t\r\n]+/g, " ")).trim())
    .pipe(
      z
        .string()
        .min(opts.min ?? 0, opts.minMessage)
        .max(max, opts.maxMessage),
    );
}

/** A date and time as JSON carries it (ISO 8601 with an offset), within the bounds. */
export function zDateTimeString(message = "must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z") {
  return z.iso.datetime({ offset: true, message }).superRefine((value, ctx) => {
    if (!isDateInBounds(new Date(value)))
      ctx.addIssue({ code: "custom", message: DATE_BOUNDS_SUFFIX, params: FIELD_FIRST });
  });
}

/** A Date (tRPC sends real dates) or anything `new Date()` reads, within the bounds. */
export function zDate(message = "Enter a valid date and time.") {
  return z.coerce
    .date({ message })
    .refine(isDateInBounds, { message: DATE_BOUNDS_SUFFIX, params: FIELD_FIRST });
}

/** A calendar day, YYYY-MM-DD, that exists and is within the bounds. */
export function zDay(message = "must be a date like 2026-03-02.") {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(
      (d) =>
        isDateInBounds(new Date(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      { message: DATE_BOUNDS_SUFFIX, params: FIELD_FIRST },
    );
}

/** A month, YYYY-MM, within the bounds. */
export function zMonth(message = "must look like 2026-03.") {
  return z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, message)
    .refine((m) => isDateInBounds(new Date(`${m}-01T00:00:00Z`)), {
      message: DATE_BOUNDS_SUFFIX,
      params: FIELD_FIRST,
    });
}
