// What a text is for and how far it got, in the words the office reads (never the stored key).

export const PURPOSE: Record<string, string> = {
  text_back: "Missed-call text-back",
  confirmation: "Appointment confirmation",
  reminder_24h: "Reminder (24 h before)",
  reminder_2h: "Reminder (2 h before)",
  reply: "Reply",
  opt_out: "Opt-out confirmation",
  opt_in: "Opt-in confirmation",
  help: "HELP answer",
  inbound: "From the caller",
};

/** The simulator's line under a text the business sent: "Missed-call text-back · sent". */
export function sentTextNote(
  m: { purpose: string; status: string; errorCode?: string | null },
  status: Record<string, string>,
): string {
  return `${PURPOSE[m.purpose] ?? m.purpose} · ${status[m.status] ?? m.status}${m.errorCode ? ` · error ${m.errorCode}` : ""}`;
}
