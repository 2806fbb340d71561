// One due step of one lead's sequence (the `followups.step` job). Exactly once: the step is
// claimed with one conditional update on (enrollment, generation, step), in the same transaction
// that writes the draft or the task, so two workers, a replayed job or a sweep that queues it
// again change nothing; a lead moved to another sequence has a new generation and the old step
// matches nothing. Before the step: the temperature is recomputed (going quiet), the stop rules
// are checked, and the band decides the cadence.
import type { Lead } from "@/server/db/generated/client";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";
import { businessClock, officeDueAt } from "@/server/leads/business-hours";
import { bookableSlots } from "@/server/leads/book-appointment";
import { temperatureOf } from "@/server/leads/temperature";
import { retryOnConflict } from "@/server/leads/apply-lead-change";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { consentState } from "@/server/messaging/consent";
import { getMessagingSettings } from "@/server/messaging/messaging-settings";
import { getCallAnswers } from "@/server/setup/call-answers";
import type { Enqueue } from "@/server/messaging/queue-message";
import type { DraftWriter } from "./draft-writer";
import { stopFollowUp } from "./enroll";
import { recordTemperature } from "./record-temperature";
import { bandPlan, stepDueAt, stopReasonOf, type Baseline, type GroundingFacts } from "./rules";
import { getSequence, SEQUENCES, type SequenceKey } from "./sequences";
import { sendDraft } from "./approval-queue";
import { OPT_IN_SOURCES } from "./rules";
import { emailRefusal } from "./caller-email";
import { repeatableName, repeatableWords } from "@/server/text/caller-words";
import { env } from "@/server/env";

export type StepJob = { enrollmentId: string; tenantId: string; generation: number; step: number };
export type StepResult =
  | "stale"
  | "not_due"
  | "stopped"
  | "finished"
  | "drafted"
  | "sent"
  | "task"
  | "monitored"
  /** An email step for a caller with no address (or who unsubscribed): skipped, and the timeline says why. */
  | "skipped";

export type StepDeps = { now: Date; writeDraft: DraftWriter; enqueue?: Enqueue };

/** What the business has written down that a follow-up text may repeat. */
export async function groundingFor(
  db: TenantDb,
  tenantId: string,
  lead: Pick<Lead, "issueSummary" | "callerName">,
  now: Date,
): Promise<{ facts: GroundingFacts; slot: string | null; business: string; phone: string | null }> {
  const [tenant, answers, settings, { slots }, tracking] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true } }),
    getCallAnswers({ db }),
    getMessagingSettings(db, tenantId),
    bookableSlots({ db, tenantId }, now),
    db.trackingNumber.findMany({ orderBy: { createdAt: "asc" }, select: { e164: true } }),
  ]);
  const phone = settings.contactPhone ?? tracking[0]?.e164 ?? null;
  const settingsText = [
    answers.priceAnswer ?? answers.defaultPriceAnswer,
    ...answers.servicesOffered,
    tenant.name,
    phone ?? "",
  ].join(" | ");
  return {
    facts: {
      settingsText,
      slotLabels: slots.map((s) => s.label),
      leadText: [lead.issueSummary, lead.callerName].filter(Boolean).join(" | "),
      // A text from the business's number may point only at the business's own pages.
      links: [
        ...(settings.bookingUrl ? [settings.bookingUrl] : []),
        `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/q/${tenant.slug}`,
      ],
      phones: [...(settings.contactPhone ? [settings.contactPhone] : []), ...tracking.map((t) => t.e164)],
    },
    slot: slots[0]?.label ?? null,
    business: tenant.name,
    phone,
  };
}

function silenceSentence(lead: Lead, now: Date): string {
  const last = Math.max(
    lead.createdAt.getTime(),
    lead.lastActivityAt.getTime(),
    lead.lastReplyAt?.getTime() ?? 0,
  );
  const hours = Math.round((now.getTime() - last) / 3_600_000);
  return hours >= 48 ? `no reply for ${Math.round(hours / 24)} days` : `no reply for ${hours} hours`;
}

export async function runFollowUpStep(db: TenantDb, job: StepJob, deps: StepDeps): Promise<StepResult> {
  const { now } = deps;
  const tenantId = job.tenantId;
  const w = { tenantId, now };
  const enrollment = await db.followUpEnrollment.findFirst({ where: { id: job.enrollmentId } });
  if (
    !enrollment ||
    enrollment.status !== "active" ||
    enrollment.generation !== job.generation ||
    enrollment.nextStep !== job.step
  )
    return "stale";
  if (!enrollment.nextDueAt || enrollment.nextDueAt > now) return "not_due";
  let lead = await db.lead.findFirstOrThrow({ where: { id: enrollment.leadId } });

  // Going quiet: the temperature is recomputed before the step (through the leads writer, on the
  // lead as it is when written), and the timeline says why.
  if (temperatureOf(lead, now) !== lead.temperature) {
    const recorded = await retryOnConflict(() =>
      db.$transaction(async (tx) => {
        const current = await tx.lead.findFirstOrThrow({ where: { id: enrollment.leadId } });
        return recordTemperature(tx, w, current, silenceSentence(current, now));
      }),
    );
    if (recorded) {
      lead = recorded.fresh;
      await enqueueWebhookDeliveries(recorded.webhookIds, deps.enqueue);
    }
  }
  const temperature = lead.temperature;

  const consent = await consentState(db, tenantId, lead.callerPhone);
  const stop = stopReasonOf(
    lead,
    enrollment.startedAt,
    enrollment.baseline as Baseline,
    consent?.optedOut ?? false,
  );
  if (stop) {
    await db.$transaction((tx) => stopFollowUp(tx, w, enrollment, stop, { hotTask: true }));
    return "stopped";
  }

  const key = enrollment.sequenceKey as SequenceKey;
  const seq = await getSequence(db, key);
  const step = seq.steps[job.step];
  const plan = bandPlan(temperature);
  const next = seq.steps[job.step + 1];
  const nextDueAt = next
    ? new Date(Math.max(now.getTime(), stepDueAt(enrollment.startedAt, next.delayMinutes, plan).getTime()))
    : null;
  const claim = (tx: TenantTx) =>
    tx.followUpEnrollment.updateMany({
      where: { id: enrollment.id, generation: job.generation, nextStep: job.step, status: "active" },
      data:
        step && nextDueAt
          ? { nextStep: job.step + 1, nextDueAt }
          : { nextStep: job.step + 1, nextDueAt: null, status: "finished", endedAt: now },
    });
  const event = (tx: TenantTx, data: Record<string, unknown>) =>
    tx.leadEvent.create({
      data: {
        tenantId,
        leadId: lead.id,
        type: "followup.step",
        data: { sequence: key, name: SEQUENCES[key].name, step: job.step + 1, ...data },
        createdAt: now,
      },
    });

  if (!step) {
    await db.$transaction(async (tx) => {
      await claim(tx);
    });
    return "finished";
  }
  if (plan === "monitor") {
    const done = await db.$transaction(async (tx) => {
      if ((await claim(tx)).count === 0) return false;
      await event(tx, {
        channel: "none",
        why: `Not contacted: the lead is cold (${temperature}, below 30). Watching for a reply.`,
      });
      return true;
    });
    return done ? "monitored" : "stale";
  }

  // A text only to callers who may get one; otherwise the step becomes a call for the team.
  let channel = step.channel;
  let why: string | null =
    plan === "extended" ? `The lead is cool (${temperature}): steps are spaced out twice as far.` : null;
  if (channel === "text") {
    if (key === "referral" && lead.touchpoints === 0) {
      channel = "task";
      why = "A referral gets no automatic text until someone has spoken with them: call instead.";
    } else if (OPT_IN_SOURCES.includes(lead.source) && consent?.optedOut !== false) {
      channel = "task";
      why = "No permission to text this caller: call instead.";
    }
  }

  if (channel === "task") {
    const done = await db.$transaction(async (tx) => {
      if ((await claim(tx)).count === 0) return false;
      const title =
        step.channel === "task"
          ? step.message
          : `Call the caller (instead of the text: "${step.message.slice(0, 60)}…")`;
      // One open task at a time: a callback the call already left (or an earlier step's) is the task.
      const open = await tx.task.findFirst({
        where: { leadId: lead.id, doneAt: null },
        select: { title: true },
      });
      if (open) {
        await event(tx, {
          channel: "task",
          title: open.title,
          why: "The lead already has an open task; no second one was added.",
        });
        return true;
      }
      // Office work: due while the office is open.
      const dueAt = officeDueAt(
        now,
        new Date(now.getTime() + (key === "referral" ? 24 : 2) * 3_600_000),
        await businessClock(tx, tenantId),
      );
      await tx.task.create({
        data: { tenantId, leadId: lead.id, kind: "followup", title, dueAt, assigneeId: lead.ownerId },
      });
      await event(tx, { channel: "task", title, why });
      return true;
    });
    return done ? "task" : "stale";
  }

  if (channel === "email") {
    const refusal = await emailRefusal(db, lead);
    if (refusal) {
      const done = await db.$transaction(async (tx) => {
        if ((await claim(tx)).count === 0) return false;
        await event(tx, { channel: "email_skipped", why: refusal });
        return true;
      });
      return done ? "skipped" : "stale";
    }
  }

  // The text or email: written (outside the transaction: a model may take seconds), then claimed and stored.
  const g = await groundingFor(db, tenantId, lead, now);
  const written = await deps.writeDraft({
    template: step.message,
    vars: {
      // The caller's own words only when they are plain words (server/text/caller-words.ts).
      name: repeatableName(lead.callerName),
      business: g.business,
      problem: repeatableWords(lead.issueSummary),
      slot: g.slot,
      phone: g.phone,
    },
    facts: g.facts,
    channel,
  });
  const draftId = await db.$transaction(async (tx) => {
    if ((await claim(tx)).count === 0) return null;
    const draft = await tx.followUpDraft.create({
      data: {
        tenantId,
        leadId: lead.id,
        enrollmentId: enrollment.id,
        sequenceKey: key,
        generation: job.generation,
        step: job.step,
        channel,
        body: written.body,
        writtenBy: written.writtenBy,
        refusedReason: written.refusedReason,
      },
    });
    await event(tx, {
      channel,
      why,
      draft: seq.autoSend ? "sent automatically" : "waiting for approval",
      refused: written.refusedReason,
    });
    return draft.id;
  });
  if (!draftId) return "stale";
  if (!seq.autoSend) return "drafted";
  await sendDraft({ db, tenantId, actorId: null, now }, draftId, { enqueue: deps.enqueue });
  return "sent";
}
