// The escalation sweep, run by a pg-boss job every few seconds on any number of workers. One
// statement finds the candidate leads of every rule (each rule's branch on its own partial index);
// the pure rules in escalation-rules.ts decide. Then, per business, the targets are looked up once
// and one transaction fires that business's due escalations: its INSERT of the Escalation rows
// (ON CONFLICT DO NOTHING on lead + rule + period, RETURNING) decides who fires — the rows it
// returns are the escalations this sweep recorded, so each escalation fires once however many
// sweeps run at the same time, and only those get their "lead.escalated" timeline event, the
// dispatch assignment of an unowned urgent lead and the target's notifications, written in the
// same transaction.
import type { EscalationRule } from "@/server/db/generated/enums";
import {
  dueEscalationLeads,
  staleQueuedNotificationIds,
  type EscalationCandidate,
  type EscalationWindows,
} from "@/server/db/cross-tenant-sweeps";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import {
  enqueueNotification,
  recordNotifications,
  type Enqueue,
  type MemberNotification,
} from "@/server/notifications/outbox";
import {
  dueEscalations,
  endOfDay,
  ESCALATION_MINUTES,
  RULE_LABEL,
  type DueEscalation,
} from "./escalation-rules";
import { escalationTargetUser } from "./escalation-targets";
import { phoneLabel, URGENCY_LABELS } from "./labels";
import { tenantPeople } from "@/server/db/tenant-people";

export type SweepInput = {
  sys: SystemDb;
  now: Date;
  /** Queues notification deliveries (the runtime's sendJob by default). */
  enqueue?: Enqueue;
  /** ESCALATION_TIME_SCALE: 1 = the SOP's minutes. */
  timeScale?: number;
  /** The app's public URL, for links in SMS/email. */
  baseUrl?: string;
};

export type FiredEscalation = {
  tenantId: string;
  leadId: string;
  rule: EscalationRule;
  period: string;
  targetId: string | null;
};

/** Leads older than this are left to the end-of-day review (no flood after downtime or a first deploy). */
const LOOKBACK_MS = 24 * 3_600_000;
const ESTIMATE_LOOKBACK_MS = 7 * 24 * 3_600_000;
const BATCH = 200;
/** Businesses whose batches fire at the same time (each holds a connection for its transaction). */
const BUSINESSES_AT_ONCE = 4;
/** Queued notifications with no delivery attempt after this long are queued again. */
const STALE_NOTIFICATION_MS = 2 * 60_000;

type Candidate = EscalationCandidate;
type Due = { lead: Candidate; due: DueEscalation };

/** The windows of this instant, per rule, and the time zones that are past their 5 PM right now. */
export async function escalationWindows(sys: SystemDb, now: Date, scale: number): Promise<EscalationWindows> {
  const t = now.getTime();
  const ago = (ms: number) => new Date(t - ms);
  const zones = await globalDb(sys).tenant.groupBy({ by: ["timeZone"] });
  return {
    urgent: { before: ago(ESCALATION_MINUTES.urgent_unaccepted * 60_000 * scale), since: ago(LOOKBACK_MS) },
    standard: {
      before: ago(ESCALATION_MINUTES.standard_unaccepted * 60_000 * scale),
      since: ago(LOOKBACK_MS),
    },
    estimateIdle: {
      before: ago(ESCALATION_MINUTES.estimate_idle * 60_000 * scale),
      since: ago(ESTIMATE_LOOKBACK_MS),
    },
    endOfDay: zones.flatMap(({ timeZone }) => {
      const eod = endOfDay(now, timeZone);
      return t < eod.at.getTime() ? [] : [{ timeZone, before: eod.at, period: eod.date }];
    }),
    take: BATCH,
  };
}

/** "Emergency lead from Maria Lopez, (512) 555-0143: Burst pipe" — the number as people write it. */
function describeLead(lead: Candidate): string {
  const phone = phoneLabel(lead.callerPhone);
  const who = lead.callerName ? `${lead.callerName}, ${phone}` : phone;
  const what = lead.issueSummary ? `: ${lead.issueSummary}` : "";
  const kind = lead.urgency ? (URGENCY_LABELS[lead.urgency] ?? "New") : "New";
  return `${kind} lead from ${who}${what}`;
}

const PURPOSE = (rule: EscalationRule) => `escalation.${rule}`;

/** One escalation's Escalation row key: the rows of a batch are inserted in this order. */
const keyOf = (leadId: string, rule: EscalationRule, period: string) => `${leadId}\t${rule}\t${period}`;

/** The notifications of one escalation this sweep recorded (none for the end of day: one review per day). */
function escalationNotifications(
  { lead, due }: Due,
  target: { id: string; email: string | null } | null,
  assigned: boolean,
  baseUrl: string | undefined,
): MemberNotification[] {
  if (due.rule === "end_of_day" || !target) return [];
  const link = baseUrl ? `${baseUrl}/t/${lead.tenant.slug}/leads/${lead.id}` : "";
  // Rendered per channel: the in-app note sits next to an "Open lead" link, so only email and SMS
  // carry the URL.
  const inAppBody = `Escalated — ${RULE_LABEL[due.rule]}: ${describeLead(lead)}.${assigned ? " It is now assigned to you." : ""}`;
  const outBody = `${inAppBody}${link ? ` Open it: ${link}` : ""}`;
  const base = {
    tenantId: lead.tenantId,
    userId: target.id,
    purpose: PURPOSE(due.rule),
    leadId: lead.id,
    key: `${PURPOSE(due.rule)}:${lead.id}:${due.period}`,
  };
  const notes: MemberNotification[] = [{ ...base, body: inAppBody, channel: "in_app" }];
  if (target.email)
    notes.push({
      ...base,
      body: outBody,
      channel: "email",
      to: target.email,
      subject: `Escalated lead: ${RULE_LABEL[due.rule]}`,
    });
  if (due.rule === "urgent_unaccepted" && lead.tenant.onCallPhone)
    notes.push({ ...base, body: outBody, channel: "sms", to: lead.tenant.onCallPhone });
  // The lead's own (unaccepting) owner hears about it too.
  if (lead.ownerId && lead.ownerId !== target.id)
    notes.push({ ...base, body: inAppBody, userId: lead.ownerId, channel: "in_app" });
  return notes;
}

/**
 * Fires one business's due escalations: who receives each kind is looked up once, then one
 * transaction records the Escalation rows and writes what follows for the ones it recorded.
 * Returns what fired and the notifications to queue after commit.
 */
async function fireForTenant(
  db: TenantDb,
  items: Due[],
  input: SweepInput,
): Promise<{ fired: FiredEscalation[]; notificationIds: string[] }> {
  const { tenantId, tenant } = items[0]!.lead;
  const kinds = [...new Set(items.map(({ due }) => due.target))];
  const targetOf = new Map(
    await Promise.all(kinds.map(async (k) => [k, await escalationTargetUser(db, tenantId, k)] as const)),
  );
  const targetIdOf = ({ due }: Due) => targetOf.get(due.target) ?? null;
  const people = new Map((await tenantPeople(db, [...targetOf.values()])).map((p) => [p.id, p]));
  // Every sweep inserts a batch's rows in the same order, so two sweeps firing overlapping batches
  // wait on each other's rows in the same order and never deadlock.
  const key = ({ lead, due }: Due) => keyOf(lead.id, due.rule, due.period);
  const batch = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  const { fired, notificationIds } = await db.$transaction(async (tx) => {
    const recorded = await tx.escalation.createManyAndReturn({
      data: batch.map((item) => ({
        tenantId,
        leadId: item.lead.id,
        rule: item.due.rule,
        period: item.due.period,
        targetId: targetIdOf(item),
      })),
      skipDuplicates: true,
      select: { leadId: true, rule: true, period: true },
    });
    const mine = new Set(recorded.map((r) => keyOf(r.leadId, r.rule, r.period)));
    const firing = batch.filter((item) => mine.has(key(item)));
    if (!firing.length) return { fired: [], notificationIds: [] };

    // Emergency work cannot sit unowned: an unowned urgent lead goes to dispatch/on-call.
    const dispatch = targetOf.get("dispatch");
    const unowned = firing
      .filter(({ lead, due }) => due.rule === "urgent_unaccepted" && !lead.ownerId)
      .map(({ lead }) => lead.id);
    const assigned = new Set(
      dispatch && unowned.length
        ? (
            await tx.lead.updateManyAndReturn({
              where: { id: { in: unowned }, ownerId: null, acceptedAt: null },
              data: { ownerId: dispatch },
              select: { id: true },
            })
          ).map((r) => r.id)
        : [],
    );
    const isAssigned = ({ lead, due }: Due) => due.rule === "urgent_unaccepted" && assigned.has(lead.id);
    await tx.leadEvent.createMany({
      data: firing.map((item) => {
        const { lead, due } = item;
        const targetId = targetIdOf(item);
        return {
          tenantId,
          leadId: lead.id,
          type: "lead.escalated",
          data: {
            rule: due.rule,
            reason: RULE_LABEL[due.rule],
            period: due.period,
            dueAt: due.dueAt.toISOString(),
            target: due.target,
            targetId,
            targetName: targetId ? (people.get(targetId)?.name ?? null) : null,
            assignedTo: isAssigned(item) ? targetId : null,
          },
        };
      }),
    });
    const notes = firing.flatMap((item) => {
      const targetId = targetIdOf(item);
      return escalationNotifications(
        item,
        targetId ? { id: targetId, email: people.get(targetId)?.email ?? null } : null,
        isAssigned(item),
        input.baseUrl,
      );
    });
    return {
      fired: firing.map((item) => ({
        tenantId,
        leadId: item.lead.id,
        rule: item.due.rule,
        period: item.due.period,
        targetId: targetIdOf(item),
      })),
      notificationIds: await recordNotifications(tx, notes),
    };
  });

  // The end-of-day review is one summary per manager per day, after the business's batch, not one per lead.
  const review = fired.find((f) => f.rule === "end_of_day");
  if (review?.targetId) {
    const count = await db.escalation.count({
      where: { tenantId, rule: "end_of_day", period: review.period },
    });
    const manager = people.get(review.targetId);
    const link = input.baseUrl ? ` ${input.baseUrl}/t/${tenant.slug}/routines?tab=end-of-day` : "";
    const inAppBody = `End-of-day review: ${count} lead${count === 1 ? " has" : "s have"} no recorded next action. Review them before close.`;
    const base = {
      tenantId,
      userId: review.targetId,
      purpose: "routine.review_list",
      key: `routine.review_list:${review.period}`,
    };
    const notes: MemberNotification[] = [{ ...base, body: inAppBody, channel: "in_app" }];
    if (manager?.email)
      notes.push({
        ...base,
        body: `${inAppBody}${link}`,
        channel: "email",
        to: manager.email,
        subject: "End-of-day review: leads without a next action",
      });
    notificationIds.push(...(await recordNotifications(db, notes)));
  }
  return { fired, notificationIds };
}

/** One pass over every tenant: fires what is due, queues notifications, re-queues stale ones. */
export async function sweepEscalations(input: SweepInput): Promise<FiredEscalation[]> {
  const { sys, now } = input;
  const scale = input.timeScale ?? 1;
  const [found, stale] = await Promise.all([
    // Candidate leads, each with the rules whose branch found it (a lead found by one rule's branch
    // is not fired for another rule it was not queried for, e.g. beyond that rule's lookback).
    escalationWindows(sys, now, scale).then((w) => dueEscalationLeads(sys, w)),
    staleQueuedNotificationIds(sys, new Date(now.getTime() - STALE_NOTIFICATION_MS), BATCH),
  ]);
  const byTenant = new Map<string, Due[]>();
  for (const { lead, rules } of found) {
    for (const due of dueEscalations(lead, now, lead.tenant.timeZone, { timeScale: scale })) {
      if (!rules.has(due.rule)) continue;
      const items = byTenant.get(lead.tenantId) ?? [];
      items.push({ lead, due });
      byTenant.set(lead.tenantId, items);
    }
  }
  const fired: FiredEscalation[] = [];
  const toQueue: string[] = [];
  // Each business's batch runs on its own scoped client, a few businesses at a time.
  const batches = [...byTenant];
  const worker = async () => {
    for (let next = batches.shift(); next; next = batches.shift()) {
      const res = await fireForTenant(forTenant(sys, next[0]), next[1], input);
      fired.push(...res.fired);
      toQueue.push(...res.notificationIds);
    }
  };
  const workers = await Promise.allSettled(Array.from({ length: BUSINESSES_AT_ONCE }, worker));
  await Promise.all([...new Set([...toQueue, ...stale])].map((id) => enqueueNotification(id, input.enqueue)));
  // A business whose batch failed was rolled back and fires in a later sweep; the others' batches
  // went on and their notifications are queued. The job still reports the failure.
  for (const w of workers) if (w.status === "rejected") throw w.reason;
  return fired;
}
