// What the ring-first leg means: the plumber answered only when the dial
// completed AND the plumber pressed 1 on the screening whisper; a voicemail pickup or a pocket
// answer completes the dial without a key press and counts as not answered.
export const DIAL_STATUSES = ["completed", "answered", "busy", "no-answer", "failed", "canceled"] as const;
export type DialStatus = (typeof DIAL_STATUSES)[number];

export function plumberAnswered(dialStatus: string, screenAccepted: boolean): boolean {
  return (dialStatus === "completed" || dialStatus === "answered") && screenAccepted;
}
