// The events a business's webhook endpoints can subscribe to, and which of them a change to a
// lead means. Pure: the lead writer and the call flow pass the lead before and after.
import type { Lead } from "@/server/db/generated/client";

export const WEBHOOK_EVENTS = [
  "lead.created",
  "lead.updated",
  "lead.closed",
  "call.completed",
  "appointment.booked",
  "appointment.cancelled",
  "sms.received",
  "consent.changed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "lead.created": "A new lead comes in",
  "lead.updated": "A lead's status, owner, appointment or outcome changes",
  "lead.closed": "A lead is closed",
  "call.completed": "A call ends (with its path and outcome)",
  "appointment.booked": "A visit is booked or moved",
  "appointment.cancelled": "A booked visit is cancelled",
  "sms.received": "A caller texts the business",
  "consent.changed": "A caller opts out of texts or back in",
};

/** Lead fields whose change is a `lead.updated` for integrations. */
const WATCHED = [
  "status",
  "ownerId",
  "appointmentAt",
  "visitOutcome",
  "jobOutcome",
  "jobValueCents",
  "externalJobId",
  "externalJobUrl",
] as const;

type LeadFacts = Pick<Lead, (typeof WATCHED)[number]>;

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** The events one change to a lead means, in the order receivers should see them. */
export function leadChangeEvents(before: LeadFacts, after: LeadFacts): WebhookEventType[] {
  const changed = WATCHED.filter((f) => !same(before[f], after[f]));
  if (changed.length === 0) return [];
  const events: WebhookEventType[] = ["lead.updated"];
  const wasBooked = before.status === "booked" && before.appointmentAt !== null;
  const isBooked = after.status === "booked" && after.appointmentAt !== null;
  if (isBooked && (!wasBooked || !same(before.appointmentAt, after.appointmentAt)))
    events.push("appointment.booked");
  if (wasBooked && !isBooked) events.push("appointment.cancelled");
  if (after.status === "closed" && before.status !== "closed") events.push("lead.closed");
  return events;
}
