// What every count means, defined once. The reports page, the REST report, the monthly email and
// the agency roll-up count with these definitions (report-sql.ts), and the inbox lists the leads
// behind a figure with the same ones (server/leads/list-inbox.ts, `?figure=`), so a figure and
// the inbox it links to always agree. Data only (the pages read the labels); definitions-sql.ts
// turns each definition into SQL, once for the report's per-lead facts and once for the inbox.
//
// In the office's words:
// - Test calls (made from "Test your flow") never count. The inbox shows them under "Test calls",
//   or while the business has no real lead yet.
// - A period is a range of local days in the business's time zone (period.ts); a lead belongs to
//   the period it came in, and whatever happens to it later (booked, won) counts there.
// - A call is a lead that came in by a phone call to the tracking number. Every call counts,
//   including a salesperson's or a robocall.
// - The plumber answered it when they took it on the ring-first whisper; otherwise it was missed.
// - A lead is a real customer: any way it came in (call, text, web form, referral, typed in), but
//   not a call or contact closed as spam or as not a customer.
// - Rescued by the AI: customers whose missed call the AI answered.
// - Booked: leads with a visit booked; showed / no-show / won / lost: the outcome recorded on it.
// - Texted: leads that got an automatic text (text-back, confirmation, reminder); texted back:
//   the text-back; replied: texted back and answered after the first automatic text (a STOP,
//   START or HELP is not a reply); booking link clicked: leads that opened its link.
// - Rates, averages and times are over leads (customers), each with the set it divides by.

/** Close reasons that say the contact was not a customer: it is a call, never a lead. */
export const NOT_A_CUSTOMER_REASONS = ["spam", "not_a_customer"] as const;

/** Timeline facts a definition can ask for: the lead has at least one event of these types. */
export const EVENT_FACTS = {
  fromCall: ["call.received"],
  plumberAnswered: ["call.answered_by_plumber"],
  aiAnswered: ["call.ai_answered"],
  linkClicked: ["sms.link_clicked"],
} as const satisfies Record<string, readonly string[]>;
export type EventFact = keyof typeof EVENT_FACTS;

/** Texts the business sends by itself (a reply to one counts toward the response rate). */
export const AUTOMATIC_TEXTS = ["text_back", "confirmation", "reminder_24h", "reminder_2h"] as const;

/** One condition of a lead set. */
export type Cond =
  | { event: EventFact; is: boolean }
  | { customer: true }
  | { column: "booked" | "showed" | "noShow" | "visitRecorded" | "won" | "lost" }
  | { text: "texted" | "textedBack" | "replied" };

/** The sets of leads behind the count figures: each figure counts its set, and the inbox lists it. */
export const LEAD_SETS = {
  calls: [{ event: "fromCall", is: true }],
  answeredByPlumber: [
    { event: "fromCall", is: true },
    { event: "plumberAnswered", is: true },
  ],
  missedCalls: [
    { event: "fromCall", is: true },
    { event: "plumberAnswered", is: false },
  ],
  aiRescuedCalls: [
    { event: "fromCall", is: true },
    { event: "plumberAnswered", is: false },
    { customer: true },
    { event: "aiAnswered", is: true },
  ],
  leads: [{ customer: true }],
  booked: [{ customer: true }, { column: "booked" }],
  showed: [{ customer: true }, { column: "showed" }],
  noShow: [{ customer: true }, { column: "noShow" }],
  visitRecorded: [{ customer: true }, { column: "visitRecorded" }],
  won: [{ customer: true }, { column: "won" }],
  lost: [{ customer: true }, { column: "lost" }],
  textedLeads: [{ customer: true }, { text: "texted" }],
  textBacksSent: [{ customer: true }, { text: "textedBack" }],
  replies: [{ customer: true }, { text: "textedBack" }, { text: "replied" }],
  bookingsAfterTextBack: [{ customer: true }, { text: "textedBack" }, { column: "booked" }],
  linkClicks: [{ customer: true }, { event: "linkClicked", is: true }],
} as const satisfies Record<string, readonly Cond[]>;
export type LeadSetKey = keyof typeof LEAD_SETS;
export const LEAD_SET_KEYS = Object.keys(LEAD_SETS) as [LeadSetKey, ...LeadSetKey[]];

/** What the inbox says above the leads of a figure. */
export const LEAD_SET_LABELS: Record<LeadSetKey, string> = {
  calls: "Calls",
  answeredByPlumber: "Calls the plumber answered",
  missedCalls: "Missed calls (the plumber did not answer)",
  aiRescuedCalls: "Leads rescued by the AI",
  leads: "Leads",
  booked: "Leads with a booked visit",
  showed: "Customer was there",
  noShow: "No-shows",
  visitRecorded: "Visits with an outcome recorded",
  won: "Jobs won",
  lost: "Jobs lost",
  textedLeads: "Leads that got an automatic text",
  textBacksSent: "Leads texted back",
  replies: "Leads that replied after a text-back",
  bookingsAfterTextBack: "Leads booked after a text-back",
  linkClicks: "Leads that clicked the booking link",
};
