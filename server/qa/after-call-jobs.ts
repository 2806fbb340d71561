// The after-call check as a pg-boss job (qa.after-call): queued by the call's final status
// webhook, once per CallSid (singleton key; the AfterCallReview row, unique per call, is the
// claim, so a replayed webhook, a retried job or a second worker adds nothing). It reads the
// whole transcript again (server/qa/after-call-check.ts) and, for a missed emergency, upgrades
// the lead through the leads writer: urgency emergency, owned by the emergency owner, the urgent
// callback task due in 5 minutes, the staff alert through the notification outbox. Every finding
// is a QA flag on the lead (lead page) and in the daily QA (QA page).
import { tenantPerson } from "@/server/db/tenant-people";
import type { Prisma } from "@/server/db/generated/client";
import { callsWithoutAfterCallReview } from "@/server/db/cross-tenant-sweeps";
import { forTenant } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import { emergencyRule } from "@/server/intake/emergency-rules";
import type { EmergencyKind } from "@/server/intake/extraction";
import type { IntakeEngine } from "@/server/intake/engine";
import { RULES_MODEL_ID } from "@/server/intake/rules-model";
import { intakeEngine } from "@/server/intake/process-engine";
import { defineJob } from "@/server/jobs/define-job";
import { sendJob } from "@/server/jobs/runtime";
import { writeLeadChange, type LeadPatch } from "@/server/leads/apply-lead-change";
import { managerOf } from "@/server/leads/escalation-targets";
import { phoneLabel } from "@/server/leads/labels";
import { routingTarget } from "@/server/leads/routing";
import { enqueueNotification, recordNotification, type Enqueue } from "@/server/notifications/outbox";
import { parseCallState, URGENT_CALLBACK_MINUTES } from "@/server/voice/state-machine";
import { checkAfterCall, AFTER_CALL_FLAG_KINDS, type AfterCallResult } from "./after-call-check";
import { localDay } from "./qa-day";

export const AFTER_CALL_JOB = "qa.after-call";
export const AFTER_CALL_SWEEP_JOB = "qa.after-call-sweep";

export type AfterCallJob = { tenantId: string; callId: string };

/** The caller's lines read by the model at most this long (the start of a long call matters most). */
const MODEL_READ_CHARS = 2000;

export type AfterCallDeps = {
  engine?: Pick<IntakeEngine, "extract" | "modelId">;
  enqueue?: Enqueue;
  now?: () => Date;
};

export type AfterCallOutcome =
  { checked: false; reason: string } | ({ checked: true; readBy: string } & AfterCallResult);

/** The model's reading of the whole call, when a model is configured; null when it is not or it failed. */
async function modelReading(
  engine: AfterCallDeps["engine"],
  callerText: string,
  profile: "standard" | "safe",
): Promise<{ emergency: EmergencyKind | null; readBy: string }> {
  if (!engine || engine.modelId === RULES_MODEL_ID || !callerText.trim())
    return { emergency: null, readBy: RULES_MODEL_ID };
  try {
    // The whole call as one problem description: the question where the engine always asks the model.
    const r = await engine.extract({
      stage: "issue",
      utterance: callerText.slice(0, MODEL_READ_CHARS),
      profile,
      slotsOffered: [],
    });
    if (r.fellBack) return { emergency: null, readBy: RULES_MODEL_ID };
    return {
      emergency:
        r.extraction.emergency ?? (r.extraction.urgency === "emergency" ? "other_safety_risk" : null),
      readBy: r.modelUsed,
    };
  } catch {
    return { emergency: null, readBy: RULES_MODEL_ID };
  }
}

export async function runAfterCallCheck(
  db: TenantDb,
  input: AfterCallJob,
  deps: AfterCallDeps = {},
): Promise<AfterCallOutcome> {
  const now = deps.now?.() ?? new Date();
  const call = await db.call.findFirst({
    where: { id: input.callId },
    include: {
      lead: true,
      turns: { orderBy: { seq: "asc" }, select: { speaker: true, text: true } },
      tenant: {
        select: {
          name: true,
          timeZone: true,
          onCallPhone: true,
          slug: true,
          serviceZips: { select: { zip: true } },
          bookingSlots: { select: { weekday: true, startMinute: true, endMinute: true } },
        },
      },
    },
  });
  if (!call?.lead || !call.endedAt) return { checked: false, reason: "not an ended call with a lead" };
  if (await db.afterCallReview.findUnique({ where: { callId: call.id }, select: { id: true } }))
    return { checked: false, reason: "already checked" };
  let state;
  try {
    state = parseCallState(call.state, call.promptProfile);
  } catch {
    return { checked: false, reason: "the stored call state cannot be read" };
  }
  if (state.stage === "new") return { checked: false, reason: "the AI did not take this call" };
  const callerText = call.turns
    .filter((t) => t.speaker === "caller")
    .map((t) => t.text)
    .join(". ");
  const model = await modelReading(deps.engine, callerText, state.profile);
  const tasks = await db.task.findMany({ where: { leadId: call.lead.id }, select: { kind: true } });
  const result = checkAfterCall({
    state,
    lead: call.lead,
    turns: call.turns,
    taskKinds: tasks.map((t) => t.kind),
    tenant: {
      serviceZips: call.tenant.serviceZips.map((z) => z.zip),
      bookingSlots: call.tenant.bookingSlots,
      timeZone: call.tenant.timeZone,
    },
    modelEmergency: model.emergency,
  });

  const notificationIds = await db.$transaction(
    async (tx) => {
      // The claim: one review per call, whatever runs twice.
      const claim = await tx.afterCallReview.createMany({
        data: [
          {
            tenantId: call.tenantId,
            callId: call.id,
            leadId: call.lead!.id,
            callDay: localDay(call.startedAt, call.tenant.timeZone),
            flags: result.flags as unknown as Prisma.InputJsonValue,
            upgraded: !!result.missedEmergency,
            readBy: model.readBy,
            createdAt: now,
          },
        ],
        skipDuplicates: true,
      });
      if (claim.count === 0) return null;
      const lead = await tx.lead.findFirstOrThrow({ where: { id: call.lead!.id } });
      const ids: string[] = [];
      if (result.missedEmergency) {
        const label = emergencyRule(result.missedEmergency.kind).label;
        const title = `Emergency found after the call (${label}): call back within ${URGENT_CALLBACK_MINUTES} minutes`;
        const dueAt = new Date(now.getTime() + URGENT_CALLBACK_MINUTES * 60_000);
        // Emergency work goes to the emergency owner unless someone already accepted the lead.
        const ownerId = lead.acceptedAt
          ? lead.ownerId
          : ((await routingTarget(tx, "emergency")) ?? lead.ownerId);
        await tx.task.create({
          data: {
            tenantId: call.tenantId,
            leadId: lead.id,
            kind: "urgent_callback",
            title,
            dueAt,
            assigneeId: ownerId,
          },
        });
        const patch: LeadPatch = { urgency: "emergency", ownerId, nextAction: title, dueAt };
        // A closed call that was an emergency after all comes back for the callback.
        if (lead.status === "closed")
          Object.assign(patch, { status: "followup_needed", closeReason: null, closeNote: null });
        await writeLeadChange(tx, { tenantId: call.tenantId, actorId: null, now, onRefusal: "flag" }, lead, {
          patch,
          events: [
            {
              type: "qa.after_call_emergency",
              data: {
                kind: result.missedEmergency.kind,
                label,
                how: result.missedEmergency.how,
                callSid: call.callSid,
                readBy: model.readBy,
              },
            },
            {
              type: "task.created",
              data: { kind: "urgent_callback", title, dueAt: dueAt.toISOString(), assigneeId: ownerId },
            },
          ],
        });
        // The staff alert: the emergency owner (else a manager) in the app and by email, the on-call
        // phone by text. A test call (the simulator) alerts nobody, as it never escalates.
        const targetId = call.isTest ? null : (ownerId ?? (await managerOf(tx, call.tenantId)));
        if (targetId) {
          const target = await tenantPerson(tx, targetId);
          const who = lead.callerName
            ? `${lead.callerName} (${phoneLabel(lead.callerPhone)})`
            : phoneLabel(lead.callerPhone);
          const body = `Emergency missed on the call, found when it was read again: ${label} — ${who}. Call back within ${URGENT_CALLBACK_MINUTES} minutes.`;
          const base = {
            db: tx,
            tenantId: call.tenantId,
            userId: targetId,
            purpose: "qa.after_call_emergency",
            leadId: lead.id,
            key: `qa.after_call_emergency:${lead.id}:${call.callSid}`,
            body,
          };
          ids.push((await recordNotification({ ...base, channel: "in_app" })).id);
          if (target?.email)
            ids.push(
              (
                await recordNotification({
                  ...base,
                  channel: "email",
                  to: target.email,
                  subject: `Emergency found after the call: ${label}`,
                })
              ).id,
            );
          if (call.tenant.onCallPhone)
            ids.push((await recordNotification({ ...base, channel: "sms", to: call.tenant.onCallPhone })).id);
        }
      }
      const others = result.flags.filter((f) => f.kind !== "emergency_missed");
      if (others.length) {
        await tx.leadEvent.create({
          data: {
            tenantId: call.tenantId,
            leadId: lead.id,
            type: "qa.after_call_flagged",
            createdAt: new Date(now.getTime() + 5),
            data: {
              callSid: call.callSid,
              labels: [...new Set(others.map((f) => AFTER_CALL_FLAG_KINDS[f.kind].label))],
            },
          },
        });
      }
      return ids;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (notificationIds === null) return { checked: false, reason: "already checked" };
  for (const id of notificationIds) await enqueueNotification(id, deps.enqueue);
  return { checked: true, readBy: model.readBy, ...result };
}

/** The engine the live calls use (AI_PROVIDER), loaded only when a job runs. */
async function liveEngine(): Promise<IntakeEngine> {
  return intakeEngine();
}

export const afterCallJob = defineJob<AfterCallJob>({
  name: AFTER_CALL_JOB,
  queue: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
  batchSize: 2,
  // A lead the office changed in the same instant throws CONFLICT: the retry reads it again.
  async work(data, ctx) {
    await runAfterCallCheck(forTenant(ctx.sys, data.tenantId), data, {
      engine: await liveEngine(),
      now: ctx.now,
    });
  },
});

/** Every 5 minutes: calls of the last day that ended over 2 minutes ago without a check (a lost job) get one. */
export const afterCallSweepJob = defineJob<object>({
  name: AFTER_CALL_SWEEP_JOB,
  cron: "*/5 * * * *",
  queue: { policy: "short", retryLimit: 1 },
  async work(_data, ctx) {
    const now = ctx.now().getTime();
    for (const c of await callsWithoutAfterCallReview(ctx.sys, {
      endedFrom: new Date(now - 86_400_000),
      endedTo: new Date(now - 2 * 60_000),
      take: 200,
    })) {
      await enqueueAfterCallCheck({ tenantId: c.tenantId, callId: c.id, callSid: c.callSid });
    }
  },
});

/**
 * Queues the after-call check (the call's final status webhook). Once per CallSid: the job's
 * singleton key, then the review row. Never throws into the webhook.
 */
export async function enqueueAfterCallCheck(
  input: AfterCallJob & { callSid?: string },
  enqueue: Enqueue = sendJob,
): Promise<string | null> {
  try {
    return await enqueue(
      AFTER_CALL_JOB,
      { tenantId: input.tenantId, callId: input.callId },
      { singletonKey: `after-call:${input.callSid ?? input.callId}`, singletonSeconds: 3600 },
    );
  } catch (err) {
    console.error(`After-call check for call ${input.callId} not queued:`, (err as Error).message);
    return null;
  }
}
