// Going quiet: when a caller has said nothing for 1, 3 and then 7 days (no reply, no call, no
// movement on the lead), the temperature is recomputed and the timeline says "went quiet for N
// days"; the new band moves the lead's cadence (a cool lead's next step is spaced out, a cold
// lead is only watched). The new temperature is a change through the leads writer. Once per
// threshold per quiet spell: the job claims the lead with one conditional update on the `quietAt`
// it was queued for, so two workers or a replay write once, and any movement on the lead (a
// trigger on lastActivityAt) starts the spell over.
import type { TenantDb } from "@/server/db/tenant-scope";
import { retryOnConflict } from "@/server/leads/apply-lead-change";
import { QUIET_THRESHOLD_DAYS } from "@/server/leads/temperature";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { recordTemperature } from "./record-temperature";
import { bandPlan, stepDueAt } from "./rules";
import { getSequence, type SequenceKey } from "./sequences";

const DAY = 86_400_000;

export type QuietJob = { leadId: string; tenantId: string; quietAt: string };
export type QuietResult = "stale" | "closed" | "recorded";

/** The longest threshold (in days) the silence since `since` has passed, or 0. */
export function quietDaysOf(since: Date, now: Date): number {
  const days = (now.getTime() - since.getTime()) / DAY;
  return [...QUIET_THRESHOLD_DAYS].reverse().find((d) => days >= d) ?? 0;
}

/** When the next threshold after `days` comes, or null after the last one. */
export function nextQuietAt(since: Date, days: number): Date | null {
  const next = QUIET_THRESHOLD_DAYS.find((d) => d > days);
  return next ? new Date(since.getTime() + next * DAY) : null;
}

export function quietSentence(since: Date, now: Date): string {
  const days = Math.floor((now.getTime() - since.getTime()) / DAY);
  return `went quiet for ${days} ${days === 1 ? "day" : "days"}`;
}

export async function recordQuiet(db: TenantDb, job: QuietJob, now: Date): Promise<QuietResult> {
  const seen = new Date(job.quietAt);
  // A change of the lead between the claim and the write (the writer's CONFLICT) runs the whole
  // transaction again: a lead that moved meanwhile has a new quiet spell, and the job is stale.
  const done = await retryOnConflict(() =>
    db.$transaction(async (tx) => {
      const lead = await tx.lead.findFirst({ where: { id: job.leadId } });
      if (!lead || lead.quietAt?.getTime() !== seen.getTime()) return { result: "stale" as const };
      const claim = (data: { quietAt: Date | null; quietDays?: number }) =>
        tx.lead.updateMany({ where: { id: lead.id, quietAt: seen }, data });
      // A closed or test lead has nobody to go quiet on: it leaves the sweep.
      if (lead.status === "closed" || lead.isTest)
        return { result: (await claim({ quietAt: null })).count ? ("closed" as const) : ("stale" as const) };
      const days = quietDaysOf(lead.lastActivityAt, now);
      const claimed = await claim({ quietDays: days, quietAt: nextQuietAt(lead.lastActivityAt, days) });
      if (claimed.count === 0 || days === 0) return { result: "stale" as const };

      // The new temperature through the leads writer, on the lead as claimed.
      const current = await tx.lead.findFirstOrThrow({ where: { id: lead.id } });
      const written = await recordTemperature(
        tx,
        { tenantId: job.tenantId, now },
        current,
        quietSentence(lead.lastActivityAt, now),
      );
      // The cadence follows the band: the next step of an active sequence is due as the new band spaces it.
      const temperature = written?.fresh.temperature ?? current.temperature;
      const plan = bandPlan(temperature);
      if (plan !== bandPlan(lead.temperature)) {
        const enrollment = await tx.followUpEnrollment.findFirst({
          where: { leadId: lead.id, status: "active", nextDueAt: { not: null } },
        });
        const step = enrollment
          ? (await getSequence(tx, enrollment.sequenceKey as SequenceKey)).steps[enrollment.nextStep]
          : undefined;
        if (enrollment && step) {
          const due = stepDueAt(enrollment.startedAt, step.delayMinutes, plan);
          await tx.followUpEnrollment.updateMany({
            where: { id: enrollment.id, generation: enrollment.generation, nextStep: enrollment.nextStep },
            data: { nextDueAt: due > now ? due : now },
          });
        }
      }
      return { result: "recorded" as const, webhookIds: written?.webhookIds ?? [] };
    }),
  );
  if (done.result === "recorded") await enqueueWebhookDeliveries(done.webhookIds);
  return done.result;
}
