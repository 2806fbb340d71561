// The escalation sweep, run by a pg-boss job every few seconds on
// any number of workers. One indexed query per rule finds candidate leads; the pure rules in
// escalation-rules.ts decide; inserting the Escalation row (ON CONFLICT DO NOTHING on
// lead + rule + period) decides who fires, so each escalation fires once however many sweeps
// run at the same time. Firing writes a "lead.escalated" event on the lead's timeline, gives an
// unowned urgent lead to dispatch, and queues the target's notifications in the same transaction.
import type { EscalationRule } from "@/server/db/generated/enums";
import {
  dueEscalationLeads,
  staleQueuedNotificationIds,
  type EscalationCandidate,
} from "@/server/db/cross-tenant-sweeps";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import { enqueueNotification, recordNotification, type Enqueue } from "@/server/notifications/outbox";
import {
  dueEscalations,
  endOfDay,
  ESCALATION_MINUTES,
  RULE_LABEL,
  type DueEscalation,
} from "./escalation-rules";
import { escalationTargetUser, managerOf } from "./escalation-targets";
import { tenantPerson } from "@/server/db/tenant-people";

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
/** Queued notifications with no delivery attempt after this long are queued again. */
const STALE_NOTIFICATION_MS = 2 * 60_000;

type Candidate = EscalationCandidate;

/** Candidate leads, each with the rules whose query found it (a lead found by one rule's query is
 *  not fired for another rule it was not queried for, e.g. beyond that rule's lookback). */
async function candidates(
  sys: SystemDb,
  now: Date,
  scale: number,
): Promise<{ lead: Candidate; rules: Set<EscalationRule> }[]> {
  const t = now.getTime();
  const ago = (ms: number) => new Date(t - ms);
  // End of day: one query per time zone that is past its 5 PM right now.
  const zones = await globalDb(sys).tenant.findMany({ distinct: ["timeZone"], select: { timeZone: true } });
  const endOfDayZones = zones.flatMap(({ timeZone }) => {
    const eod = endOfDay(now, timeZone);
    return t < eod.at.getTime() ? [] : [{ timeZone, before: eod.at, period: eod.date }];
  });
  const found = await dueEscalationLeads(sys, {
    urgent: { before: ago(ESCALATION_MINUTES.urgent_unaccepted * 60_000 * scale), since: ago(LOOKBACK_MS) },
    standard: {
      before: ago(ESCALATION_MINUTES.standard_unaccepted * 60_000 * scale),
      since: ago(LOOKBACK_MS),
    },
    estimateIdle: {
      before: ago(ESCALATION_MINUTES.estimate_idle * 60_000 * scale),
      since: ago(ESTIMATE_LOOKBACK_MS),
    },
    endOfDay: endOfDayZones,
    take: BATCH,
  });

  const byId = new Map<string, { lead: Candidate; rules: Set<EscalationRule> }>();
  const add = (leads: Candidate[], rule: EscalationRule) => {
    for (const lead of leads) {
      const entry = byId.get(lead.id) ?? { lead, rules: new Set<EscalationRule>() };
      entry.rules.add(rule);
      byId.set(lead.id, entry);
    }
  };
  add(found.urgent, "urgent_unaccepted");
  add(found.standard, "standard_unaccepted");
  add(found.estimateIdle, "estimate_idle");
  add(found.endOfDay, "end_of_day");
  return [...byId.values()];
}

function describeLead(lead: Candidate): string {
  const who = lead.callerName ? `${lead.callerName} (${lead.callerPhone})` : lead.callerPhone;
  const what = lead.issueSummary ? `: ${lead.issueSummary}` : "";
  return `${lead.urgency ?? "new"} lead from ${who}${what}`;
}

const PURPOSE = (rule: EscalationRule) => `escalation.${rule}`;

/** Records one escalation if nobody has yet; returns the notifications to queue (empty if it had already fired). */
async function fire(
  db: TenantDb,
  lead: Candidate,
  due: DueEscalation,
  input: SweepInput,
): Promise<{ fired: FiredEscalation | null; notificationIds: string[] }> {
  const targetId =
    due.rule === "end_of_day"
      ? await managerOf(db, lead.tenantId)
      : await escalationTargetUser(db, lead.tenantId, due.target);
  const target = await tenantPerson(db, targetId);
  const link = input.baseUrl ? `${input.baseUrl}/t/${lead.tenant.slug}/leads/${lead.id}` : "";

  return db.$transaction(async (tx) => {
    const { count } = await tx.escalation.createMany({
      data: [{ tenantId: lead.tenantId, leadId: lead.id, rule: due.rule, period: due.period, targetId }],
      skipDuplicates: true,
    });
    if (count === 0) return { fired: null, notificationIds: [] };

    // Emergency work cannot sit unowned: an unowned urgent lead goes to dispatch/on-call.
    let assignedTo: string | null = null;
    if (due.rule === "urgent_unaccepted" && !lead.ownerId && targetId) {
      const r = await tx.lead.updateMany({
        where: { id: lead.id, ownerId: null, acceptedAt: null },
        data: { ownerId: targetId },
      });
      if (r.count === 1) assignedTo = targetId;
    }
    await tx.leadEvent.create({
      data: {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: "lead.escalated",
        data: {
          rule: due.rule,
          reason: RULE_LABEL[due.rule],
          period: due.period,
          dueAt: due.dueAt.toISOString(),
          target: due.target,
          targetId,
          targetName: target?.name ?? null,
          assignedTo,
        },
      },
    });

    const notificationIds: string[] = [];
    // The end-of-day review is one summary per manager per day (sent after the batch), not one per lead.
    if (due.rule !== "end_of_day" && targetId) {
      // Rendered per channel: the in-app note sits next to an "Open lead" link, so only email
      // and SMS carry the URL.
      const inAppBody = `Escalated — ${RULE_LABEL[due.rule]}: ${describeLead(lead)}.${assignedTo ? " It is now assigned to you." : ""}`;
      const outBody = `${inAppBody}${link ? ` Open it: ${link}` : ""}`;
      const base = {
        db: tx,
        tenantId: lead.tenantId,
        userId: targetId,
        purpose: PURPOSE(due.rule),
        leadId: lead.id,
        key: `${PURPOSE(due.rule)}:${lead.id}:${due.period}`,
      };
      notificationIds.push((await recordNotification({ ...base, body: inAppBody, channel: "in_app" })).id);
      if (target?.email)
        notificationIds.push(
          (
            await recordNotification({
              ...base,
              body: outBody,
              channel: "email",
              to: target.email,
              subject: `Escalated lead: ${RULE_LABEL[due.rule]}`,
            })
          ).id,
        );
      if (due.rule === "urgent_unaccepted" && lead.tenant.onCallPhone)
        notificationIds.push(
          (await recordNotification({ ...base, body: outBody, channel: "sms", to: lead.tenant.onCallPhone }))
            .id,
        );
      // The lead's own (unaccepting) owner hears about it too.
      if (lead.ownerId && lead.ownerId !== targetId)
        notificationIds.push(
          (await recordNotification({ ...base, body: inAppBody, userId: lead.ownerId, channel: "in_app" }))
            .id,
        );
    }
    return {
      fired: { tenantId: lead.tenantId, leadId: lead.id, rule: due.rule, period: due.period, targetId },
      notificationIds,
    };
  });
}

/** One pass over every tenant: fires what is due, queues notifications, re-queues stale ones. */
export async function sweepEscalations(input: SweepInput): Promise<FiredEscalation[]> {
  const { sys, now } = input;
  const scale = input.timeScale ?? 1;
  const fired: FiredEscalation[] = [];
  const toQueue: string[] = [];
  // Each lead's work runs on its own business's scoped client (one per business per sweep).
  const dbs = new Map<string, TenantDb>();
  const dbOf = (tenantId: string) => {
    let db = dbs.get(tenantId);
    if (!db) dbs.set(tenantId, (db = forTenant(sys, tenantId)));
    return db;
  };
  for (const { lead, rules } of await candidates(sys, now, scale)) {
    for (const due of dueEscalations(lead, now, lead.tenant.timeZone, { timeScale: scale })) {
      if (!rules.has(due.rule)) continue;
      const res = await fire(dbOf(lead.tenantId), lead, due, input);
      if (res.fired) fired.push(res.fired);
      toQueue.push(...res.notificationIds);
    }
  }

  // One end-of-day review notice per tenant and day, to the manager.
  const reviews = new Map<string, { tenantId: string; period: string; targetId: string | null }>();
  for (const f of fired) if (f.rule === "end_of_day") reviews.set(`${f.tenantId}:${f.period}`, f);
  for (const r of reviews.values()) {
    if (!r.targetId) continue;
    const db = dbOf(r.tenantId);
    const [count, tenant, manager] = await Promise.all([
      db.escalation.count({ where: { tenantId: r.tenantId, rule: "end_of_day", period: r.period } }),
      db.tenant.findUniqueOrThrow({ where: { id: r.tenantId }, select: { slug: true } }),
      tenantPerson(db, r.targetId),
    ]);
    const link = input.baseUrl ? ` ${input.baseUrl}/t/${tenant.slug}/routines?tab=end-of-day` : "";
    const inAppBody = `End-of-day review: ${count} lead${count === 1 ? " has" : "s have"} no recorded next action. Review them before close.`;
    const base = {
      db,
      tenantId: r.tenantId,
      userId: r.targetId,
      purpose: "routine.review_list",
      key: `routine.review_list:${r.period}`,
    };
    toQueue.push((await recordNotification({ ...base, body: inAppBody, channel: "in_app" })).id);
    if (manager?.email)
      toQueue.push(
        (
          await recordNotification({
            ...base,
            body: `${inAppBody}${link}`,
            channel: "email",
            to: manager.email,
            subject: "End-of-day review: leads without a next action",
          })
        ).id,
      );
  }

  const stale = await staleQueuedNotificationIds(sys, new Date(now.getTime() - STALE_NOTIFICATION_MS), BATCH);
  for (const id of new Set([...toQueue, ...stale])) await enqueueNotification(id, input.enqueue);
  return fired;
}
