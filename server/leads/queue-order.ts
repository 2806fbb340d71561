// The inbox queue order: emergency, high, booked confirmations, follow-up
// needed, then the rest; closed leads last and hidden by default. Within a group: overdue first
// (most overdue first), then oldest; temperature breaks ties. The database keeps `queueGroup`
// with a trigger that mirrors queueGroupFor() (prisma/migrations/*_inbox_queue).
import type { LeadStatus, Urgency } from "@/server/db/generated/enums";

export const QUEUE_GROUPS = [
  { id: 0, key: "emergency", label: "Emergency" },
  { id: 1, key: "high", label: "High urgency" },
  { id: 2, key: "booked", label: "Booked — confirm" },
  { id: 3, key: "followup", label: "Follow-up needed" },
  { id: 4, key: "rest", label: "Everything else" },
  { id: 9, key: "closed", label: "Closed" },
] as const;

export type QueueGroupId = (typeof QUEUE_GROUPS)[number]["id"];
export const OPEN_GROUPS = [0, 1, 2, 3, 4] as const;
export const CLOSED_GROUP = 9;

export function queueGroupFor(lead: {
  status: LeadStatus | string;
  urgency: Urgency | string | null;
}): QueueGroupId {
  if (lead.status === "closed") return 9;
  if (lead.urgency === "emergency") return 0;
  // A booked lead's work is confirming the visit, whatever its urgency was: it is counted and
  // listed under "Booked — confirm" (an emergency stays on top).
  if (lead.status === "booked") return 2;
  if (lead.urgency === "high") return 1;
  if (lead.status === "followup_needed") return 3;
  return 4;
}

export function queueGroupLabel(id: number): string {
  return QUEUE_GROUPS.find((g) => g.id === id)?.label ?? "Other";
}

export type QueueLead = {
  id: string;
  status: LeadStatus | string;
  urgency: Urgency | string | null;
  dueAt: Date | null;
  createdAt: Date;
  temperature: number;
};

/** When a lead is due in the queue: its due time, or — with no visible due time — since it came in. */
export function queueAt(lead: { dueAt: Date | null; createdAt: Date }): Date {
  return lead.dueAt ?? lead.createdAt;
}

export function isOverdue(
  lead: { dueAt: Date | null; createdAt: Date; status?: string },
  now: Date,
): boolean {
  return lead.status !== "closed" && queueAt(lead).getTime() < now.getTime();
}

/**
 * The queue's segments in order: for each group, its overdue leads (most overdue first) and then
 * the rest (oldest first). The SQL in list-inbox.ts walks the same segments; this is the reference.
 */
export function segmentOf(lead: QueueLead, now: Date): number {
  return queueGroupFor(lead) * 2 + (queueAt(lead).getTime() < now.getTime() ? 0 : 1);
}

/** Reference comparator for the queue order (tests compare the SQL against it). */
export function compareQueue(a: QueueLead, b: QueueLead, now: Date): number {
  const sa = segmentOf(a, now);
  const sb = segmentOf(b, now);
  if (sa !== sb) return sa - sb;
  const key = (l: QueueLead) => (sa % 2 === 0 ? queueAt(l).getTime() : l.createdAt.getTime());
  if (key(a) !== key(b)) return key(a) - key(b);
  if (a.temperature !== b.temperature) return b.temperature - a.temperature;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
