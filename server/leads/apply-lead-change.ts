// The one way the office changes a lead: load it (tenant-scoped, visible to this person), let the
// action compute its patch and timeline events, check the ownership rules on the
// result, then write the patch, the refreshed temperature and lastActivityAt, and one LeadEvent
// per change with the actor — in one transaction, refusing if someone else changed the lead
// meanwhile. `queueGroup` follows from status/urgency in the database (trigger).
import { randomUUID } from "node:crypto";
import { Prisma, type FollowUpEnrollment, type Lead } from "@/server/db/generated/client";
import type { TenantCtx, TenantTx } from "@/server/db/tenant-scope";
import { tenantSql, type TenantSet } from "@/server/db/tenant-sql";
import { columnList, LEAD_COLUMNS } from "@/server/db/columns";
import { AppError } from "@/server/errors";
import { canSeeLead, type Viewer } from "./lead-access";
import { ownershipRefusal } from "./ownership-rules";
import { temperatureChangeLine, temperatureOf } from "./temperature";
import { businessClock, officeDueAt, type BusinessClock } from "./business-hours";
import { enqueueWebhookDeliveries, recordLeadChangeWebhooks } from "@/server/webhooks/outbox";
import { followUpAfterChange } from "@/server/followups/enroll";

export type LeadPatch = Partial<
  Pick<
    Lead,
    | "status"
    | "urgency"
    | "ownerId"
    | "nextAction"
    | "dueAt"
    | "acceptedAt"
    | "closeReason"
    | "closeNote"
    | "notes"
    | "appointmentAt"
    | "isEstimate"
    | "followUpAt"
    | "touchpoints"
    | "callerName"
    | "callerEmail"
    | "address"
    | "issueSummary"
    | "visitOutcome"
    | "jobOutcome"
    | "jobValueCents"
    | "outcomeAt"
    | "externalJobId"
    | "externalJobUrl"
    // What the call flow fills in from the caller's words (the phone only on a withheld caller ID).
    | "callerPhone"
    | "zip"
    | "inArea"
    | "transcriptExcerpt"
    // The caller texted back (an inbound text): engagement for the temperature, a stop rule for follow-ups.
    | "lastReplyAt"
    // The caller opened a tracked link of a text: engagement for the temperature.
    | "linkOpenedAt"
  >
>;

export type LeadEventInput = { type: string; data?: Record<string, unknown> };

export type LeadChange = {
  patch: LeadPatch;
  events: LeadEventInput[];
  reason?: string | null;
  /** The caller's own words per field (the call flow); replaces the stored evidence. */
  evidence?: Record<string, string>;
  /** Marks the lead's open tasks done (doneAt = now) in the same transaction, e.g. on close. */
  completeOpenTasks?: boolean;
  /**
   * Why the lead's temperature moves with this change ("the caller replied"): when its band
   * changes, the timeline says so with this reason.
   */
  temperatureWhy?: string;
  /**
   * False for a change that is no word from or to the caller and no movement on the lead (a link
   * opened, the temperature of a lead going quiet): `lastActivityAt` stays, so the quiet spell and
   * the temperature's recency go on as they were.
   */
  activity?: boolean;
};

export type LeadWriteCtx = TenantCtx & { viewer: Viewer; now?: Date };

export async function loadLeadFor(ctx: LeadWriteCtx, leadId: string): Promise<Lead> {
  const lead = await ctx.db.lead.findFirst({ where: { id: leadId } });
  // Another person's lead reads as "not found" to staff: nothing to learn by guessing ids.
  if (!lead || !canSeeLead(ctx.viewer, lead))
    throw new AppError("NOT_FOUND", "This lead does not exist or is not yours to see. Go back to the inbox.");
  return lead;
}

export async function applyLeadChange(
  ctx: LeadWriteCtx,
  leadId: string,
  build: (lead: Lead) => LeadChange | Promise<LeadChange>,
): Promise<Lead> {
  const now = ctx.now ?? new Date();
  const lead = await loadLeadFor(ctx, leadId);
  const change = await build(lead);
  const written = await ctx.db.$transaction((tx) =>
    writeLeadChange(tx, { tenantId: ctx.tenantId, actorId: ctx.viewer.userId, now }, lead, change),
  );
  await enqueueWebhookDeliveries(written.webhookIds);
  return written.fresh;
}

/** How often a system change is tried when the lead keeps changing under it. */
const CONFLICT_ATTEMPTS = 3;

/**
 * For a system path that reads the lead inside its own transaction and has nobody to ask to
 * reload (an inbound text): when someone changed the lead between that read and the write (the
 * writer's CONFLICT), the whole transaction runs again on the lead as it is now, a few times.
 * Anything else is thrown at once.
 */
export async function retryOnConflict<T>(write: () => Promise<T>, attempts = CONFLICT_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!(err instanceof AppError && err.code === "CONFLICT") || attempt >= attempts) throw err;
    }
  }
}

export type LeadWriter = {
  tenantId: string;
  /**
   * The lead's active follow-up enrollment when the caller already read it with the lead (the call
   * flow's claim): not read again. A lead that changed since fails the version check (CONFLICT)
   * and is retried without it.
   */
  activeFollowUp?: FollowUpEnrollment | null;
  /** The person (or `api_key:<id>`) on the timeline; null for the system (the call flow). */
  actorId: string | null;
  now: Date;
  /**
   * `throw` (people and the API): a change that breaks an ownership rule is refused.
   * `flag` (the call flow): a caller is never dropped over a rule, so the change is written and
   * the broken rule goes on the lead's timeline (`lead.rule_flagged`) for the office to fix.
   */
  onRefusal?: "throw" | "flag";
  /**
   * Whether the change emits `lead.updated` & co. The call flow reports its lead once, with
   * `call.completed` at the end of the call, not turn by turn.
   */
  webhooks?: boolean;
  /**
   * A follow-up stopped because the change made the lead hot hands it to a person with a task
   * (the system's own changes: a link opened, the step runner). People and the call flow already
   * have the lead in front of them.
   */
  hotTask?: boolean;
};

// The lead's columns, listed rather than `*` so the statement keeps its shape and is prepared (columns.ts).
const FRESH = columnList(LEAD_COLUMNS);
const FRESH_OF_L = columnList(LEAD_COLUMNS, "l");

/** The statuses a booked visit stays on the lead in: still booked, or closed (its outcome is recorded against it). */
const KEEPS_APPOINTMENT: readonly Lead["status"][] = ["booked", "closed"];

/** The next action a cancelled visit leaves: the office calls the customer to book it again. */
export const REBOOK_ACTION = "Call the customer to rebook the visit";
/** Like any standard inbound lead, the customer is called back within 15 minutes (office hours). */
const REBOOK_MINUTES = 15;

/** Whether `change` takes a booked lead to another open status, which cancels its visit. */
function cancelsVisit(lead: Lead, change: LeadChange): boolean {
  const to = change.patch.status;
  return lead.status === "booked" && !!lead.appointmentAt && !!to && !KEEPS_APPOINTMENT.includes(to);
}

/**
 * A booked lead moved to any other open status (follow-up needed, not booked) no longer has its
 * visit: the appointment is cleared, and the timeline says which visit was cancelled. Its next
 * action is no longer to confirm that visit but to call the customer to rebook it, due within 15
 * minutes while the office is open — unless the change names a next action of its own.
 */
export function withVisitCancelled(
  lead: Lead,
  change: LeadChange,
  now: Date,
  clock: BusinessClock,
): LeadChange {
  if (!cancelsVisit(lead, change)) return change;
  const to = change.patch.status!;
  const rebook =
    change.patch.nextAction === undefined
      ? {
          nextAction: REBOOK_ACTION,
          dueAt: officeDueAt(now, new Date(now.getTime() + REBOOK_MINUTES * 60_000), clock),
        }
      : {};
  return {
    ...change,
    patch: { ...change.patch, appointmentAt: null, ...rebook },
    events: [
      ...change.events,
      { type: "appointment.cancelled", data: { appointmentAt: lead.appointmentAt!.toISOString(), to } },
    ],
  };
}

/**
 * The writer's core, inside the caller's transaction: ownership rules on the result, the patch with
 * the refreshed temperature and lastActivityAt (unless the change is no activity; refused with
 * CONFLICT if the lead changed since `lead` was read) and one LeadEvent per change in one
 * statement, open tasks completed if asked, open tasks handed on with the lead, and the webhook
 * outbox rows. Returns the fresh lead and the deliveries to queue after commit.
 */
export async function writeLeadChange(
  tx: TenantTx,
  w: LeadWriter,
  lead: Lead,
  change: LeadChange,
  /**
   * More writes for the same statement (comma-separated CTEs), done only when the lead's update
   * is: `written` is the SQL condition that says so. The call flow writes the call's row here.
   */
  alongside?: (tenants: TenantSet, written: Prisma.Sql) => Prisma.Sql,
): Promise<{ fresh: Lead; webhookIds: string[] }> {
  const { now } = w;
  if (cancelsVisit(lead, change))
    change = withVisitCancelled(lead, change, now, await businessClock(tx, w.tenantId));
  const after = { ...lead, ...change.patch };
  const refusal = ownershipRefusal(lead, after, { reason: change.reason });
  const events = [...change.events];
  if (refusal && w.onRefusal !== "flag") throw new AppError("BAD_REQUEST", refusal.message, refusal.field);
  if (refusal)
    events.push({
      type: "lead.rule_flagged",
      data: { message: refusal.message, field: refusal.field ?? null },
    });
  const activity = change.activity !== false;
  const temperature = temperatureOf(activity ? { ...after, lastActivityAt: now } : after, now);
  const warmed = change.temperatureWhy
    ? temperatureChangeLine(lead.temperature, temperature, change.temperatureWhy)
    : null;
  if (warmed) events.push(warmed);
  // The update and its timeline lines (and what the caller writes with them) are ONE statement,
  // which returns the row it wrote: the fresh lead, with no read after it. `updatedAt` is the
  // row's version, set to the clock as Prisma's @updatedAt would.
  const set: Record<string, unknown> = {
    ...change.patch,
    ...(change.evidence ? { evidence: change.evidence } : {}),
    temperature,
    ...(activity ? { lastActivityAt: now } : {}),
    updatedAt: new Date(),
  };
  for (const k of Object.keys(set)) if (set[k] === undefined) delete set[k];
  const lines = events.map((e, i) => ({
    id: randomUUID(),
    leadId: lead.id,
    type: e.type,
    actorId: w.actorId,
    data: e.data ?? {},
    // Keeps the events of one change in the order they were listed.
    createdAt: new Date(now.getTime() + i),
  }));
  const written = Prisma.sql`EXISTS (SELECT 1 FROM fresh)`;
  const cols = Object.keys(set);
  const [fresh] = await tenantSql(tx)<Lead[]>(
    (tenants) => Prisma.sql`
    WITH fresh AS (
      UPDATE "Lead" l SET (${Prisma.raw(cols.map((c) => `"${c}"`).join(", "))}) =
        (SELECT ${Prisma.raw(cols.map((c) => `r."${c}"`).join(", "))} FROM json_populate_record(NULL::"Lead", ${JSON.stringify(set)}::json) r)
      WHERE l."id" = ${lead.id} AND l."updatedAt" = ${lead.updatedAt.toISOString()}::timestamp(3) AND l."tenantId" IN (${tenants})
      RETURNING ${FRESH_OF_L}
    ), lines AS (
      INSERT INTO "LeadEvent" ("tenantId", "id", "leadId", "type", "actorId", "data", "createdAt")
      SELECT ${tenants}, e."id", e."leadId", e."type", e."actorId", e."data", e."createdAt"
      FROM json_populate_recordset(NULL::"LeadEvent", ${JSON.stringify(lines)}::json) e
      WHERE ${written}
    )${alongside ? Prisma.sql`, ${alongside(tenants, written)}` : Prisma.empty}
    SELECT ${FRESH} FROM fresh`,
  );
  if (!fresh)
    throw new AppError("CONFLICT", "Someone else changed this lead a moment ago. Reload it and try again.");
  // A lead's open tasks are its owner's work: on a handoff they go with the lead, so the lead's
  // owner and its tasks' assignee never contradict each other. A task given to someone else stays theirs.
  if (fresh.ownerId !== lead.ownerId) {
    await tx.task.updateMany({
      where: { leadId: lead.id, doneAt: null, OR: [{ assigneeId: lead.ownerId }, { assigneeId: null }] },
      data: { assigneeId: fresh.ownerId },
    });
  }
  if (change.completeOpenTasks) {
    await tx.task.updateMany({ where: { leadId: lead.id, doneAt: null }, data: { doneAt: now } });
  }
  // Follow-ups: a no-show or an estimate starts its sequence; a stop rule stops one at once.
  await followUpAfterChange(tx, w, lead, fresh, w.activeFollowUp);
  // Integrations: the webhook outbox rows this change means, committed with it.
  const webhookIds =
    w.webhooks === false ? [] : await recordLeadChangeWebhooks(tx, w.tenantId, lead, fresh, now);
  return { fresh, webhookIds };
}
