// One CSV cell for every export (reports, the agency roll-up, the agency's margin): business and
// plan names are typed by people, so text a spreadsheet would run as a formula is kept as text.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A value as one CSV cell: empty for null, quoted when it holds a quote, comma or line break, and
 * text starting with = + - @ (or a tab or carriage return) prefixed with ' so Excel, Sheets and
 * LibreOffice show it instead of running it. Numbers, and amounts written as text ("-12.50"), stay
 * numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value == null) return "";
  const s = String(value);
  const safe = typeof value === "string" && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
