// Starting, switching and stopping a lead's follow-up sequence, inside the leads writer's own
// transactions: insertLead starts the sequence of the lead's source; writeLeadChange moves a
// lead to the no-show or estimate sequence and stops a sequence the moment a stop rule holds.
// Every stop is written on the lead's timeline with its reason.
import type { FollowUpEnrollment, Lead, Prisma } from "@/server/db/generated/client";
import type { TenantTx } from "@/server/db/tenant-scope";
import { temperatureChangeLine } from "@/server/leads/temperature";
import { businessClock, officeDueAt } from "@/server/leads/business-hours";
import {
  baselineOf,
  bandPlan,
  STOP_SENTENCES,
  stepDueAt,
  stopReasonOf,
  type Baseline,
  type StopReason,
} from "./rules";
import { getSequence, SEQUENCES, sequenceForSource, type Sequence, type SequenceKey } from "./sequences";

/** `eventAt`: when the timeline entry is dated (the writer's hook dates it just before the change's own events). */
type W = { tenantId: string; now: Date; actorId?: string | null; eventAt?: Date };

/** Starts (or restarts, on another sequence) the lead's follow-up; returns whether one started. */
export async function startFollowUp(
  tx: TenantTx,
  w: W,
  lead: Lead,
  key: SequenceKey | null = sequenceForSource(lead.source),
): Promise<boolean> {
  if (!key || lead.isTest || lead.status === "closed") return false;
  const seq = await getSequence(tx, key);
  const first = seq.steps[0];
  if (!seq.enabled || !first) return false;
  const nextDueAt = stepDueAt(w.now, first.delayMinutes, bandPlan(lead.temperature));
  const baseline = baselineOf(lead) as Prisma.InputJsonValue;
  const existing = await tx.followUpEnrollment.findFirst({ where: { leadId: lead.id } });
  if (existing) {
    // A new sequence: the generation moves on, so a step queued for the old one matches nothing.
    await tx.followUpEnrollment.update({
      where: { id: existing.id },
      data: {
        sequenceKey: key,
        generation: { increment: 1 },
        nextStep: 0,
        nextDueAt,
        status: "active",
        stopReason: null,
        baseline,
        startedAt: w.now,
        endedAt: null,
      },
    });
    await tx.followUpDraft.updateMany({
      where: { leadId: lead.id, status: "pending" },
      data: { status: "canceled", decidedAt: w.now },
    });
    await tx.message.updateMany({
      where: { leadId: lead.id, purpose: "followup", status: "pending" },
      data: { status: "canceled", errorMessage: "Not sent: the lead moved to another follow-up sequence." },
    });
  } else {
    await tx.followUpEnrollment.create({
      data: {
        tenantId: w.tenantId,
        leadId: lead.id,
        sequenceKey: key,
        nextDueAt,
        baseline,
        startedAt: w.now,
      },
    });
  }
  if (existing || key === "no_show" || key === "estimate") {
    await tx.leadEvent.create({
      data: {
        tenantId: w.tenantId,
        leadId: lead.id,
        type: "followup.started",
        actorId: w.actorId ?? null,
        data: { sequence: key, name: SEQUENCES[key].name },
        createdAt: w.eventAt ?? new Date(w.now.getTime() + 50),
      },
    });
  }
  return true;
}

/**
 * A new lead's enrollment in its source's sequence (already read), as startFollowUp writes it for a
 * lead with none yet, or null when no sequence starts. For a writer that batches the lead's rows.
 */
export function newLeadEnrollment(
  w: Pick<W, "tenantId" | "now">,
  lead: Pick<
    Lead,
    "id" | "source" | "isTest" | "status" | "temperature" | "touchpoints" | "appointmentAt" | "acceptedAt"
  >,
  seq: Sequence,
) {
  const first = seq.steps[0];
  if (seq.key !== sequenceForSource(lead.source) || lead.isTest || lead.status === "closed") return null;
  if (!seq.enabled || !first) return null;
  return {
    tenantId: w.tenantId,
    leadId: lead.id,
    sequenceKey: seq.key,
    nextDueAt: stepDueAt(w.now, first.delayMinutes, bandPlan(lead.temperature)),
    baseline: baselineOf(lead) as Prisma.InputJsonValue,
    startedAt: w.now,
  };
}

/**
 * Stops the sequence with its reason (once: the update only matches an active enrollment of this
 * generation), cancels drafts and texts still waiting, and writes the reason on the timeline.
 */
export async function stopFollowUp(
  tx: TenantTx,
  w: W,
  enrollment: { id: string; leadId: string; generation: number; sequenceKey: string },
  reason: StopReason,
  opts: { hotTask?: boolean } = {},
): Promise<boolean> {
  const { count } = await tx.followUpEnrollment.updateMany({
    where: { id: enrollment.id, generation: enrollment.generation, status: "active" },
    data: { status: "stopped", stopReason: reason, nextDueAt: null, endedAt: w.now },
  });
  if (count === 0) return false;
  await tx.followUpDraft.updateMany({
    where: { leadId: enrollment.leadId, status: "pending" },
    data: { status: "canceled", decidedAt: w.now },
  });
  await tx.message.updateMany({
    where: { leadId: enrollment.leadId, purpose: "followup", status: "pending" },
    data: { status: "canceled", errorMessage: `Not sent: ${STOP_SENTENCES[reason]}.` },
  });
  if (reason === "turned_hot" && opts.hotTask) await hotLeadTask(tx, w, enrollment.leadId);
  const name = SEQUENCES[enrollment.sequenceKey as SequenceKey]?.name ?? enrollment.sequenceKey;
  await tx.leadEvent.create({
    data: {
      tenantId: w.tenantId,
      leadId: enrollment.leadId,
      type: "followup.stopped",
      actorId: w.actorId ?? null,
      data: { sequence: enrollment.sequenceKey, name, reason, why: STOP_SENTENCES[reason] },
      createdAt: w.eventAt ?? new Date(w.now.getTime() + 60),
    },
  });
  return true;
}

/**
 * (From the system's own changes: the step runner, a link opened; a lead that turns hot during a
 * call or an office change is already in front of a person and keeps the tasks that change made.)
 * A lead that turned hot goes to a person: 90+ → call now; 70–89 → book a visit within 24 hours.
 * A lead that already has an open task (an emergency's urgent callback) keeps that one.
 */
async function hotLeadTask(tx: TenantTx, w: W, leadId: string): Promise<void> {
  const lead = await tx.lead.findFirst({
    where: { id: leadId },
    select: { temperature: true, ownerId: true },
  });
  if (!lead || (await tx.task.count({ where: { leadId, doneAt: null } })) > 0) return;
  const now = lead.temperature >= 90;
  const title = now ? "Hot lead: call now, no automatic texts" : "Hot lead: book a visit within 24 hours";
  // Office work, due while the office is open (a hot lead is no emergency).
  const dueAt = officeDueAt(
    w.now,
    new Date(w.now.getTime() + (now ? 5 * 60_000 : 24 * 3_600_000)),
    await businessClock(tx, w.tenantId),
  );
  await tx.task.create({
    data: { tenantId: w.tenantId, leadId, kind: "followup_hot", title, dueAt, assigneeId: lead.ownerId },
  });
}

/**
 * After any lead change (writeLeadChange): no-show / estimate sequences start, stop rules apply
 * (with the hot lead's task when the writer asks for it: the system's own changes).
 */
export async function followUpAfterChange(
  tx: TenantTx,
  writer: W & { hotTask?: boolean },
  before: Lead,
  after: Lead,
  /** The lead's active enrollment, when the caller read it already (undefined: read it here). */
  active?: FollowUpEnrollment | null,
): Promise<void> {
  if (after.isTest) return;
  const w = { ...writer, eventAt: new Date(writer.now.getTime() - 1) };
  const booked =
    after.status === "booked" && before.status !== "booked"
      ? temperatureChangeLine(before.temperature, after.temperature, "a visit was booked")
      : null;
  if (booked) {
    await tx.leadEvent.create({
      data: {
        tenantId: w.tenantId,
        leadId: after.id,
        actorId: w.actorId ?? null,
        ...booked,
        createdAt: w.eventAt,
      },
    });
  }
  if (after.visitOutcome === "no_show" && before.visitOutcome !== "no_show") {
    await startFollowUp(tx, w, after, "no_show");
    return;
  }
  if (after.isEstimate && !before.isEstimate) {
    await startFollowUp(tx, w, after, "estimate");
    return;
  }
  const enrollment =
    active !== undefined
      ? active
      : await tx.followUpEnrollment.findFirst({ where: { leadId: after.id, status: "active" } });
  if (!enrollment) return;
  // Consent is checked where it can change (a STOP text) and again before every step.
  const reason = stopReasonOf(after, enrollment.startedAt, enrollment.baseline as Baseline, false);
  if (reason) await stopFollowUp(tx, w, enrollment, reason, { hotTask: writer.hotTask });
}
