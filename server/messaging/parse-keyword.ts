// Consent keywords (CTIA / carrier rules; opt-out requests are handled immediately)
// and appointment replies. A keyword counts when it is the whole message, whatever the case,
// spacing or punctuation ("Stop.", " STOP ", "stop!!", "S T O P" does not count).

export type ConsentKeyword = "stop" | "start" | "help";

const STOP = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];
const START = ["START", "UNSTOP"];
const HELP = ["HELP", "INFO"];
/** Every consent keyword, as normalizeKeyword() leaves it (the reports count replies in SQL with this list). */
export const CONSENT_KEYWORDS: readonly string[] = [...STOP, ...START, ...HELP];

/** The message reduced to letters only, upper case: "  Stop! " → "STOP". */
export function normalizeKeyword(body: string): string {
  return body
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, " ")
    .trim()
    .replace(/\s+/g, " ");
}

export function parseConsentKeyword(body: string): ConsentKeyword | null {
  const word = normalizeKeyword(body);
  if (STOP.includes(word)) return "stop";
  if (START.includes(word)) return "start";
  if (HELP.includes(word)) return "help";
  return null;
}

export type AppointmentReply = "reschedule" | "cancel";

/**
 * A reply about a booked visit: "can we reschedule?", "need to cancel my appointment". The bare
 * word CANCEL is an opt-out keyword (checked first), never an appointment cancellation.
 */
export function parseAppointmentReply(body: string): AppointmentReply | null {
  const text = normalizeKeyword(body);
  if (
    /\b(RESCHEDULE|RE SCHEDULE|ANOTHER TIME|DIFFERENT TIME|DIFFERENT DAY|MOVE (MY|THE|IT)|PUSH (IT|MY|THE) BACK|CAN T MAKE IT|CANNOT MAKE IT|CANT MAKE IT)\b/.test(
      text,
    )
  )
    return "reschedule";
  if (
    /\b(CANCEL|CANCELL?ED|CANCELLING|CANCELING|CALL (IT|THIS) OFF|DON T COME|DONT COME|NO LONGER NEED)\b/.test(
      text,
    )
  )
    return "cancel";
  return null;
}
