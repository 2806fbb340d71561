// Every word the screen shows for a lead's internal values: statuses, urgency, source, task
// kinds, and each timeline event as a sentence with people's names and times in the business's
// time zone — never ids, enum values or raw event data. Pure: pages and notifications share it.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { missedCallWords } from "./call-path";
import { closeReasonLabel } from "./close-reasons";
import { RECORD_FIELDS } from "./handoff";
import { STATUS_LABELS } from "./status-transitions";
import { TOUCHPOINT_KINDS } from "./touchpoint-kinds";

export { STATUS_LABELS };

export const URGENCY_LABELS: Record<string, string> = {
  emergency: "Emergency",
  high: "High urgency",
  normal: "Normal urgency",
  low: "Low urgency",
};
export const SOURCE_LABELS: Record<string, string> = {
  phone: "Phone call",
  sms: "Text message",
  web_form: "Web form",
  referral: "Referral",
  manual: "Entered by hand",
  marketplace: "Marketplace",
};
/** How a lead came in, beside its source: typed in by the office, the request form, the API. */
const CREATED_HOW: Record<string, string> = {
  phone_call: "a call taken in person",
  walk_in: "walk-in",
  request_form: "request form",
  api: "through the API",
};
export const CHANNEL_LABELS: Record<string, string> = {
  angi: "Angi",
  thumbtack: "Thumbtack",
  google_lsa: "Google Local Services",
  homeadvisor: "HomeAdvisor",
  yelp: "Yelp",
  nextdoor: "Nextdoor",
};
export const channelLabel = (c: unknown) => CHANNEL_LABELS[String(c)] ?? humanize(c);
export const TASK_KIND_LABELS: Record<string, string> = {
  callback: "Callback",
  urgent_callback: "Urgent callback",
  follow_up: "Follow-up",
  followup: "Follow-up",
  followup_hot: "Hot lead",
  review: "Review",
};

/** A value no table knows yet, still readable: "caller_asked_for_person" → "Caller asked for person". */
export function humanize(value: unknown): string {
  const s = String(value ?? "")
    .replace(/[._]+/g, " ")
    .trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : "";
}

export const statusLabel = (s: unknown) => STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? humanize(s);
export const urgencyLabel = (u: unknown) =>
  u ? (URGENCY_LABELS[String(u)] ?? humanize(u)) : "Urgency not set";
export const sourceLabel = (s: unknown) => SOURCE_LABELS[String(s)] ?? humanize(s);
/**
 * What the lead's sourceRef tells a person ("Referred by the Hendersons", "Website contact form"),
 * or null when it is a machine's reference only: a Twilio call or message id (CA…, SM…, MM…) or an
 * API request's idempotency key (api:…). Those stay on the lead for integrations, not on the page.
 */
export function sourceReferenceLabel(sourceRef: unknown): string | null {
  const ref = typeof sourceRef === "string" ? sourceRef.trim() : "";
  if (!ref) return null;
  if (/^(CA|SM|MM)[0-9a-f]{32}$/i.test(ref) || /^api:/i.test(ref)) return null;
  return ref;
}
export const taskKindLabel = (k: unknown) => TASK_KIND_LABELS[String(k)] ?? humanize(k);
/** A task's state in the office's words: "To do", "Overdue" (still to do, past its due time) or "Done". */
export function taskStateLabel(t: { doneAt: Date | string | null; overdue: boolean }): string {
  return t.doneAt ? "Done" : t.overdue ? "Overdue" : "To do";
}

/** "+15125550143" → "(512) 555-0143"; anything else as given. */
export function phoneLabel(e164: unknown): string {
  const s = String(e164 ?? "");
  return parsePhoneNumberFromString(s)?.formatNational() ?? s;
}

/** Who a caller is on a screen: their name, else their number as people write it, else "Unknown caller". */
export function callerLabel(c: { callerName?: string | null; callerPhone?: string | null }): string {
  return c.callerName || (c.callerPhone ? phoneLabel(c.callerPhone) : "Unknown caller");
}

const FIELD_WORDS: Record<string, string> = {
  ...Object.fromEntries(RECORD_FIELDS.map((f) => [f.key, f.label])),
  followUpAt: "target follow-up date",
  isEstimate: "estimate flag",
  appointmentAt: "appointment",
  callerEmail: "email address",
};

export type TimelineEvent = {
  id: string;
  type: string;
  actorName: string | null;
  data: unknown;
  createdAt: Date | string;
};
export type Names = (id: unknown) => string;
export type DateText = (v: string | Date | null | undefined) => string;

function touchpoint(kind: string, d: Record<string, unknown>, dateTime: DateText): string {
  const label = TOUCHPOINT_KINDS.find((k) => k.kind === kind)?.label ?? humanize(kind);
  const body = typeof d.text === "string" && d.text ? ` — “${d.text}”` : " (no notes)";
  const next = d.nextAction
    ? ` · next action: ${d.nextAction}${d.dueAt ? `, due ${dateTime(d.dueAt as string)}` : ""}`
    : d.dueAt
      ? ` · due ${dateTime(d.dueAt as string)}`
      : "";
  // A call fulfils the next action it was for: the timeline says which.
  const done = typeof d.completed === "string" && d.completed ? ` · done: ${d.completed}` : "";
  return `Touchpoint: ${label}${body}${done}${next}`;
}

const money = (cents: unknown) =>
  typeof cents === "number"
    ? new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100)
    : null;

/** One timeline event as a sentence. */
export function describeEvent(e: TimelineEvent, nameOf: Names, dateTime: DateText): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  if (e.type.startsWith("touchpoint.")) return touchpoint(e.type.slice("touchpoint.".length), d, dateTime);
  switch (e.type) {
    case "call.received":
      return `Call received from ${d.from ? phoneLabel(d.from) : "the caller"}`;
    case "call.answered_by_plumber":
      return "Plumber answered the call";
    case "call.missed": {
      const m = missedCallWords(
        (d.dialStatus as string | null) ?? "no-answer",
        d.screened as boolean | undefined,
      );
      return m.detail
        ? `Call missed (${m.detail})`
        : `Call: ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}`;
    }
    case "call.ai_answered":
      return "AI answered the missed call";
    case "call.ai_blocked":
      return `AI did not answer${Array.isArray(d.reasons) && d.reasons.length ? `: ${d.reasons.join(" ")}` : ": the service was off"}`;
    case "call.escalated":
      return `Call escalated${d.via === "transfer" ? `: warm transfer${d.to ? ` to ${phoneLabel(d.to)}` : ""}` : ""}${d.reason ? ` (${humanize(d.reason).toLowerCase()})` : ""}`;
    case "call.outcome":
      return `Call outcome: ${statusLabel(d.outcome)}`;
    case "call.caller_hung_up":
      return "Caller hung up during intake";
    case "call.ended":
      return "Call ended";
    case "call.transfer_outcome_unknown":
      return d.onCallTookIt
        ? `On-call took the transfer, but we never heard how the call ended (no word for ${String(d.quietMinutes)} minutes): check with on-call and call the caller back`
        : `We never heard whether anyone answered the transfer to on-call (no word for ${String(d.quietMinutes)} minutes): call the caller back`;
    case "call.answer_undelivered":
      return "The caller did not hear the AI's last answer: our system was down and the call was cut off";
    case "call.recovered":
      return "Call recovered after a delivery problem: it needs an urgent callback";
    case "task.created":
      return `Task created: ${d.title ?? taskKindLabel(d.kind)}`;
    case "task.closed":
      return `Task closed: ${d.title ?? taskKindLabel(d.kind)}${d.why ? ` (${String(d.why)})` : ""}`;
    case "lead.created":
      return `Lead created (${[sourceLabel(d.source ?? "manual").toLowerCase(), CREATED_HOW[String(d.how ?? d.via ?? "")], d.channel ? `from ${channelLabel(d.channel)}` : null].filter(Boolean).join(", ")})${d.smsConsent === true ? "; agreed to texts" : ""}`;
    case "lead.rule_flagged":
      return `Needs attention: ${d.message ?? "an ownership rule is not met"}`;
    case "lead.routed":
      return `Routed to ${nameOf(d.ownerId)} by the routing rule`;
    case "lead.assigned":
      return `Assigned to ${d.to ? nameOf(d.to) : "nobody (back to intake)"}`;
    case "lead.reassigned":
      return `Reassigned from ${nameOf(d.from)} to ${d.to ? nameOf(d.to) : "nobody"} — reason: ${d.reason ?? "none given"}`;
    case "lead.taken_over":
      return `Taken over from ${d.from ? nameOf(d.from) : "intake"} by ${nameOf(d.to)}`;
    case "lead.next_action_set":
      return `Next action: ${d.nextAction ?? "—"}${d.dueAt ? `, due ${dateTime(d.dueAt as string)}` : ""}`;
    case "lead.updated": {
      const changed = Array.isArray(d.changed)
        ? d.changed.map((k) =>
            k === "urgency" && d.urgency
              ? `urgency to ${urgencyLabel(d.urgency).toLowerCase()}`
              : (FIELD_WORDS[String(k)] ?? humanize(k).toLowerCase()),
          )
        : [];
      return `Details changed${changed.length ? `: ${changed.join(", ")}` : ""}`;
    }
    case "lead.escalated": {
      const who = d.targetName ? String(d.targetName) : d.targetId ? nameOf(d.targetId) : null;
      return `Escalated: ${String(d.reason ?? humanize(d.rule)).replace(/^./, (c) => c.toLowerCase())}${who ? ` — ${who} was notified` : ""}${d.assignedTo ? ` and now owns it` : ""}`;
    }
    case "lead.outcome": {
      const parts = [
        d.visitOutcome === "showed" ? "customer showed" : d.visitOutcome === "no_show" ? "no-show" : null,
        d.jobOutcome === "won"
          ? `job won${money(d.jobValueCents) ? ` (${money(d.jobValueCents)})` : ""}`
          : d.jobOutcome === "lost"
            ? "job lost"
            : null,
      ].filter(Boolean);
      return `Outcome recorded${parts.length ? `: ${parts.join(", ")}` : ""}`;
    }
    case "handoff.accepted":
      return "Handoff accepted (all four acceptance points confirmed)";
    case "handoff.rejected":
      return `Handoff rejected — missing ${d.fieldLabel ?? FIELD_WORDS[String(d.missingField)] ?? "information"}: “${d.reason ?? ""}”. Back to intake${d.to ? ` (now with ${nameOf(d.to)})` : ""}`;
    case "status.changed":
      return `Status: ${statusLabel(d.from)} → ${statusLabel(d.to)}${d.note ? ` (${d.note})` : ""}`;
    case "appointment.booked":
      return `Booked for ${dateTime(d.appointmentAt as string)}${d.via === "custom" ? " (custom time)" : ""}`;
    case "appointment.rescheduled":
      return `Rescheduled to ${dateTime(d.appointmentAt as string)}`;
    case "appointment.cancelled":
      return `Appointment for ${dateTime(d.appointmentAt as string)} cancelled: the lead is ${statusLabel(d.to).toLowerCase()}`;
    case "lead.closed":
      return `Closed: ${closeReasonLabel(String(d.reason), d.attempts as number | null)}${d.note ? ` — ${d.note}` : ""}${d.clearedNextAction ? ` (open tasks done; next action “${d.clearedNextAction}” cleared)` : ""}`;
    case "lead.marked_customer":
      return `Marked a real customer${d.was ? ` (was “${d.was}”)` : ""}: open again, call back`;
    case "billing.credit_reversed":
      return d.outcome === "billable"
        ? "Usage credit reversed: this call is billed as an AI-handled call"
        : `Usage credit changed${d.reason ? `: ${d.reason}` : ""}`;
    case "qa.after_call_emergency":
      return `After-call check: an emergency was missed on the call (${d.label ?? "safety risk"}) — upgraded to emergency, urgent callback due in 5 minutes, staff alerted`;
    case "qa.after_call_flagged":
      return `After-call check flagged this call: ${Array.isArray(d.labels) ? d.labels.join("; ") : "see the QA flags"}`;
    case "sms.received":
      return `Text received${d.body ? `: “${d.body}”` : ""}`;
    case "sms.sent_by_staff":
      return "Text sent to the customer";
    case "sms.opted_out":
      return "Customer opted out of texts (replied STOP)";
    case "sms.opted_in":
      return "Customer opted back in to texts";
    case "sms.link_clicked":
      return "Customer opened the booking link";
    case "sms.text_back_skipped":
      return `No text-back sent${d.reason ? ` (${humanize(d.reason).toLowerCase()})` : ""}`;
    case "sms.appointment_texts_queued":
      return `Appointment reminders scheduled for ${dateTime(d.appointmentAt as string)}`;
    case "sms.appointment_change":
      return "Customer asked by text to change the appointment: follow-up needed";
    // ── follow-ups ──
    case "followup.started":
      return `Follow-up started: ${d.name ?? humanize(d.sequence)}`;
    case "followup.step": {
      const what =
        d.channel === "text" || d.channel === "email"
          ? `${d.channel} ${d.draft ?? "written"}`
          : d.channel === "email_skipped"
            ? "email skipped"
            : d.channel === "task"
              ? `task for the team: ${d.title ?? "call the caller"}`
              : "no contact";
      return `Follow-up step ${d.step} (${d.name ?? humanize(d.sequence)}): ${what}${d.why ? ` — ${d.why}` : ""}${d.refused ? ` ${d.refused}` : ""}`;
    }
    case "followup.sent":
      if (d.channel === "email")
        return `Follow-up email ${d.auto ? "sent automatically" : "approved"}${d.to ? ` (to ${d.to})` : ""}`;
      return `Follow-up text ${d.auto ? "sent automatically" : "approved"}${d.heldUntil ? `, held until ${dateTime(d.heldUntil as string)} (quiet hours or one text per window)` : ""}`;
    case "followup.skipped":
      return `Follow-up step ${d.step} skipped`;
    case "followup.stopped":
      return `Follow-up stopped (${d.name ?? humanize(d.sequence)}): ${d.why ?? humanize(d.reason)}`;
    case "followup.email_unsubscribed":
      return `Customer unsubscribed from emails${d.email ? ` (${d.email})` : ""}: no more follow-up emails`;
    case "followup.moved_up":
      return "Moved up the queue: the caller replied — answer the text";
    case "lead.temperature_changed":
      return `Temperature ${d.from} → ${d.to}${d.band ? ` (${String(d.band).toLowerCase()})` : ""}: ${d.why ?? "recomputed"}`;
    default:
      // An event this module does not know yet: its name in words, never its raw data.
      return humanize(e.type);
  }
}
