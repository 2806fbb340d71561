// The lookups that must cross tenants, by name. Everything else reaches tenant data through the
// tenant-scoped client (tenant-scope.ts) once the tenant is known; these are how it becomes known.
// Each takes the opaque SystemDb handle (system.ts) and says why it has to cross tenants.
import { Prisma, type Call, type FollowUpEnrollment, type Lead } from "./generated/client";
import { CALL_COLUMNS, columnList, LEAD_COLUMNS } from "./columns";
import type { CallStep } from "./generated/enums";
import { rawClient, type SystemDb } from "./system";
import type { TenantTx } from "./tenant-scope";
import { tenantSql } from "./tenant-sql";

/**
 * Twilio's voice and SMS webhooks name only the number that was called: tracking numbers are
 * unique across all businesses, and the number decides whose call (or text) this is.
 */
export async function findTenantByCalledNumber(sys: SystemDb, to: string) {
  return (await calledNumber(sys, to))?.tenant ?? null;
}

/** The called number with its business, and whether it already took a signed call (null when nobody owns it). */
export async function calledNumber(sys: SystemDb, to: string) {
  return rawClient(sys).trackingNumber.findUnique({
    where: { e164: to.trim() },
    select: { receivingCallsAt: true, tenant: true },
  });
}

/**
 * Audit rows of events that belong to no business (a sign-in failure, a call to a number nobody
 * owns): written with no tenant, so no tenant's audit log shows them.
 */
export function accountAuditLog(sys: SystemDb) {
  const prisma = rawClient(sys);
  return {
    auditLog: {
      create: (args: {
        data: { actorId: string | null; action: string; target: string | null; data: object };
      }) => prisma.auditLog.create({ data: { ...args.data, tenantId: null } }),
    },
  };
}

// ── the call flow: steps claimed by CallSid ────────────────────────────────────────────────
// Twilio's voice webhooks after the first name only the CallSid (unique across all businesses).
// Each step is claimed with one conditional update that also returns the call with its tenantId;
// the step then continues on forTenant(sys, call.tenantId). One query, as before the tenant is known.

/**
 * One move of the call flow's table of steps (server/calls/call-steps.ts): the steps it may start
 * from, the step it leaves the call in, and what its claim checks besides the step.
 */
export type StepMove = {
  readonly from: readonly CallStep[];
  readonly to: CallStep;
  readonly check: "new" | "step" | "turn" | "answer" | "plumberAcceptedAt" | "transferAcceptedAt" | "endedAt";
};

/** The claim's conditional UPDATE: the call at one of the move's steps, and what the move checks. */
function claimWhere(callSid: string, move: StepMove, turn?: number): Prisma.CallWhereUniqueInput {
  return {
    callSid,
    stage: { in: [...move.from] },
    ...(move.check === "turn" ? { turn } : {}),
    ...(move.check === "plumberAcceptedAt" || move.check === "transferAcceptedAt" || move.check === "endedAt"
      ? { [move.check]: null }
      : {}),
  };
}

/** A claim that finds no row in the claimed state (P2025) was already taken: null. */
async function claimed<T>(update: Promise<T>): Promise<T | null> {
  try {
    return await update;
  } catch (err) {
    if ((err as { code?: string }).code === "P2025") return null;
    throw err;
  }
}

/**
 * Where a call is, by CallSid, for a redelivered webhook to replay the stored TwiML (or wait for
 * it): Twilio's retry names only the CallSid, and it may arrive before the tenant is known.
 */
export async function callProgressBySid(sys: SystemDb, callSid: string) {
  return rawClient(sys).call.findUnique({
    where: { callSid },
    select: { stage: true, turn: true, lastTwimlKey: true, lastTwiml: true },
  });
}

/**
 * A call's business and lead, by CallSid, for a step that goes on in that business's transaction:
 * the final status callback (its end is claimed there, `claimCallEnd`), or a late step that
 * committed after its webhook had already answered (server/calls/undelivered-answer.ts). The
 * CallSid is all those webhooks name.
 */
export async function callOfSid(sys: SystemDb, callSid: string) {
  return rawClient(sys).call.findUnique({
    where: { callSid },
    select: { id: true, tenantId: true, leadId: true },
  });
}

/** The ring-first whisper names only the parent call's CallSid: the name of the business it belongs to, or null. */
export async function businessNameOfCall(sys: SystemDb, callSid: string): Promise<string | null> {
  const call = await rawClient(sys).call.findUnique({
    where: { callSid },
    select: { tenant: { select: { name: true } } },
  });
  return call?.tenant.name ?? null;
}

/**
 * The plumber (or on-call person) pressed 1 on the whisper leg, which names only the parent
 * CallSid: which whisper it was follows from where the parent call is (the moves give one whisper
 * per step). One conditional update per move, a no-op when the call is elsewhere or already marked.
 */
export async function markWhisperAccepted(
  sys: SystemDb,
  parentCallSid: string,
  moves: readonly StepMove[],
  now: Date,
): Promise<void> {
  const prisma = rawClient(sys);
  for (const move of moves)
    if (move.check === "plumberAcceptedAt" || move.check === "transferAcceptedAt")
      await prisma.call.updateMany({ where: claimWhere(parentCallSid, move), data: { [move.check]: now } });
}

/** Claims the ring-first result by CallSid: the claimed call with its business's name, or null when already taken. */
export async function claimDialResult(sys: SystemDb, callSid: string, move: StepMove, dialStatus: string) {
  return claimed(
    rawClient(sys).call.update({
      where: claimWhere(callSid, move),
      data: { stage: move.to, dialStatus },
      include: { tenant: { select: { name: true } } },
    }),
  );
}

/** Claims the transfer's result by CallSid: the claimed call, or null when already taken. */
export async function claimTransferResult(sys: SystemDb, callSid: string, move: StepMove) {
  return claimed(rawClient(sys).call.update({ where: claimWhere(callSid, move), data: { stage: move.to } }));
}

type DateKeys<T> = { [K in keyof T]-?: Exclude<T[K], null> extends Date ? K : never }[keyof T];
/** The lead's and the enrollment's time columns, which JSON carries as text (UTC wall time). */
const LEAD_TIMES = [
  "createdAt",
  "updatedAt",
  "appointmentAt",
  "dueAt",
  "acceptedAt",
  "followUpAt",
  "lastActivityAt",
  "queueAt",
  "outcomeAt",
  "lastReplyAt",
  "linkOpenedAt",
  "emailOptedOutAt",
  "quietAt",
] as const satisfies readonly DateKeys<Lead>[];
const ENROLLMENT_TIMES = [
  "nextDueAt",
  "startedAt",
  "endedAt",
] as const satisfies readonly DateKeys<FollowUpEnrollment>[];
// A new time column must be listed above: this line stops compiling until it is.
const everyTimeListed: [
  Exclude<DateKeys<Lead>, (typeof LEAD_TIMES)[number]>,
  Exclude<DateKeys<FollowUpEnrollment>, (typeof ENROLLMENT_TIMES)[number]>,
] extends [never, never]
  ? true
  : never = true;
void everyTimeListed;

function rowFromJson<T>(json: Record<string, unknown> | null, times: readonly string[]): T | null {
  if (!json) return null;
  const row: Record<string, unknown> = { ...json };
  for (const key of times) if (typeof row[key] === "string") row[key] = new Date(`${row[key] as string}Z`);
  return row as T;
}

const CLAIMED_CALL = columnList(CALL_COLUMNS);
const CLAIMED_CALL_OF_C = columnList(CALL_COLUMNS, "c");
const LEAD_OF_L = columnList(LEAD_COLUMNS, "l");

/**
 * Claims intake turn `turn` by CallSid (the turn counter moves on) and reads, in the same
 * statement, the call's lead and its active follow-up enrollment (the turn's writer starts from
 * them, and the lead's version check catches a change in between): the claimed call, or null when
 * already taken.
 */
export async function claimIntakeTurn(sys: SystemDb, callSid: string, move: StepMove, turn: number) {
  type Row = Call & {
    leadJson: Record<string, unknown> | null;
    followUpJson: Record<string, unknown> | null;
  };
  // The call's columns are listed, not `*`: the statement keeps its shape and is prepared (columns.ts).
  const [row] = await rawClient(sys).$queryRaw<Row[]>`
    WITH claimed AS (
      UPDATE "Call" SET "stage" = ${move.to}::"CallStep", "turn" = ${turn + 1}
      WHERE "callSid" = ${callSid} AND "turn" = ${turn}
        AND "stage" = ANY(${[...move.from]}::text[]::"CallStep"[])
      RETURNING ${CLAIMED_CALL}
    )
    SELECT ${CLAIMED_CALL_OF_C}, to_jsonb(l) AS "leadJson", to_jsonb(f) AS "followUpJson"
    FROM claimed c
    LEFT JOIN "Lead" l ON l."id" = c."leadId" AND l."tenantId" = c."tenantId"
    LEFT JOIN "FollowUpEnrollment" f ON f."leadId" = c."leadId" AND f."tenantId" = c."tenantId" AND f."status" = 'active'`;
  if (!row) return null;
  const { leadJson, followUpJson, ...call } = row;
  return {
    ...(call as Call),
    lead: rowFromJson<Lead>(leadJson, LEAD_TIMES),
    activeFollowUp: rowFromJson<FollowUpEnrollment>(followUpJson, ENROLLMENT_TIMES),
  };
}

/**
 * The call's end is claimed inside the business's own transaction that writes it (the lead's
 * change, the call's step), never on its own: a claim that commits without the lead's change would
 * leave the call ended for every later status, replay and sweep, and the lead without its callback.
 * The business comes from `callOfSid` (or the sweep's row). The lead is locked first, as every other
 * step locks it before the call, so an end and a turn of the same call wait for each other instead
 * of deadlocking. Returns the claimed call with its lead, or null when the end was already claimed.
 */
async function claimEndIn(tx: TenantTx, where: Prisma.CallWhereInput & { callSid: string }, endedAt: Date) {
  const [lead] = await tenantSql(tx)<Lead[]>(
    (tenants) => Prisma.sql`
    SELECT ${LEAD_OF_L} FROM "Lead" l
    WHERE l."id" = (SELECT "leadId" FROM "Call" WHERE "callSid" = ${where.callSid} AND "tenantId" IN (${tenants}))
      AND l."tenantId" IN (${tenants})
    FOR UPDATE`,
  );
  const [call] = await tx.call.updateManyAndReturn({ where, data: { endedAt } });
  return call ? { call, lead: lead ?? null } : null;
}

/** Claims the call's end (the final status callback) by CallSid, in the transaction that writes it: see `claimEndIn`. */
export async function claimCallEnd(tx: TenantTx, callSid: string, move: StepMove, endedAt: Date) {
  return claimEndIn(tx, { ...claimWhere(callSid, move), callSid }, endedAt);
}

/** A call the lost-transfer sweep found still being put through, as it found it. */
export type LostTransferCall = {
  tenantId: string;
  callSid: string;
  transferStartedAt: Date | null;
  transferAcceptedAt: Date | null;
};

/**
 * Claims the end of a transfer nobody reported back on, by CallSid, in the transaction that writes
 * it (see `claimEndIn`): only while the call is still where the sweep saw it (same step, transfer
 * not ended, no whisper or new transfer since), so a status, a transfer result or a press of 1 that
 * arrived in between wins.
 */
export async function claimLostTransfer(tx: TenantTx, seen: LostTransferCall, move: StepMove, endedAt: Date) {
  return claimEndIn(
    tx,
    {
      ...claimWhere(seen.callSid, move),
      callSid: seen.callSid,
      transferStartedAt: seen.transferStartedAt,
      transferAcceptedAt: seen.transferAcceptedAt,
    },
    endedAt,
  );
}

// ── texts and tracked links ────────────────────────────────────────────────────────────────

/**
 * Twilio's SMS status callback names only the provider's message sid (unique across all
 * businesses): the message, its tenant and its status, or null.
 */
export async function findMessageByProviderSid(sys: SystemDb, twilioSid: string) {
  return rawClient(sys).message.findUnique({
    where: { twilioSid },
    select: { id: true, tenantId: true, status: true },
  });
}

/**
 * The messaging sweep, over all businesses: outbound texts still pending, due, and untouched for
 * `idleMs` (their send job was lost). Ids with their tenant, at most `take`.
 */
export async function staleDueMessages(sys: SystemDb, now: Date, idleMs = 60_000, take = 200) {
  return rawClient(sys).message.findMany({
    where: {
      status: "pending",
      direction: "outbound",
      sendAfter: { lte: now },
      updatedAt: { lt: new Date(now.getTime() - idleMs) },
    },
    select: { id: true, tenantId: true },
    take,
  });
}

/**
 * The messaging sweep, over all businesses: booked leads whose visit is ahead and that moved in the
 * last `sinceMinutes` (booked by staff, by the AI, a new time). Ids with their tenant, at most 500.
 */
export async function recentlyBookedLeads(sys: SystemDb, now: Date, sinceMinutes = 120) {
  return rawClient(sys).lead.findMany({
    where: {
      status: "booked",
      appointmentAt: { gt: now },
      lastActivityAt: { gte: new Date(now.getTime() - sinceMinutes * 60_000) },
    },
    select: { id: true, tenantId: true },
    take: 500,
  });
}

/** A tracked link (/r/<token>) names only its token (128 random bits, unique across all businesses): the link with its tenant, or null. */
export async function findTrackedLink(sys: SystemDb, token: string) {
  return rawClient(sys).trackedLink.findUnique({ where: { token } });
}

// ── billing ────────────────────────────────────────────────────────────────────────────────

/** A Stripe webhook names only the Stripe customer (unique across all businesses): its tenant, or null. */
export async function tenantOfStripeCustomer(
  sys: SystemDb,
  stripeCustomerId: string,
): Promise<string | null> {
  return (
    (
      await rawClient(sys).billingAccount.findUnique({
        where: { stripeCustomerId },
        select: { tenantId: true },
      })
    )?.tenantId ?? null
  );
}

/**
 * The usage sweep, over all businesses: ended calls (ended in [endedFrom, endedTo]) whose lead has
 * an event of `eventType` (the AI answered), oldest first, at most `take`.
 */
export async function endedCallsWithLeadEvent(
  sys: SystemDb,
  input: { eventType: string; endedFrom: Date; endedTo: Date; take: number },
) {
  return rawClient(sys).call.findMany({
    where: {
      endedAt: { not: null, gte: input.endedFrom, lte: input.endedTo },
      lead: { events: { some: { type: input.eventType } } },
    },
    select: { tenantId: true, callSid: true },
    orderBy: { endedAt: "asc" },
    take: input.take,
  });
}

/** The usage sweep, over all businesses: which of these calls already have a usage ledger row. */
export async function usageEntriesForCalls(sys: SystemDb, callSids: string[]) {
  return rawClient(sys).usageLedgerEntry.findMany({
    where: { callSid: { in: callSids } },
    select: { tenantId: true, callSid: true },
  });
}

/** The usage sweep, over all businesses: ledger rows created before `settledBefore` whose meter event is still pending. */
export async function pendingMeterEvents(sys: SystemDb, settledBefore: Date, limit = 500) {
  return rawClient(sys).usageLedgerEntry.findMany({
    where: { meterStatus: "pending", createdAt: { lte: settledBefore } },
    select: { tenantId: true, callSid: true },
    take: limit,
  });
}

/**
 * The public request form (`/q/<slug>`) is opened by a visitor who belongs to no business: the
 * slug in its address is the only thing that names the business. Returns what the form shows
 * (name, the number to call) and the tenant id the submission continues with on `forTenant`;
 * a detached business takes no requests.
 */
export async function findRequestFormBusiness(sys: SystemDb, slug: string) {
  const tenant = await rawClient(sys).tenant.findUnique({
    where: { slug: slug.trim().toLowerCase() },
    select: {
      id: true,
      slug: true,
      name: true,
      timeZone: true,
      detachedAt: true,
      trackingNumbers: { select: { e164: true }, orderBy: { createdAt: "asc" }, take: 1 },
    },
  });
  if (!tenant || tenant.detachedAt) return null;
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timeZone: tenant.timeZone,
    phone: tenant.trackingNumbers[0]?.e164 ?? null,
  };
}

/** Leads the office closed as spam that still have a billable usage row, across businesses (the usage sweep credits them). */
export async function spamLeadsWithBillableUsage(
  sys: SystemDb,
  limit = 200,
): Promise<{ tenantId: string; leadId: string }[]> {
  return rawClient(sys).$queryRaw<{ tenantId: string; leadId: string }[]>`
    SELECT DISTINCT u."tenantId", u."leadId" FROM "UsageLedgerEntry" u
    JOIN "Lead" l ON l."id" = u."leadId" AND l."tenantId" = u."tenantId"
    WHERE u."outcome" = 'billable' AND l."status" = 'closed' AND l."closeReason" = 'spam'
    LIMIT ${limit}`;
}

/**
 * The first signed voice webhook for a tracking number proves Twilio sends its calls here: one
 * conditional UPDATE by the called number (unique across businesses), a no-op once it is set.
 */
export async function markNumberReceivingCalls(sys: SystemDb, to: string, at: Date): Promise<void> {
  await rawClient(sys).trackingNumber.updateMany({
    where: { e164: to.trim(), receivingCallsAt: null },
    data: { receivingCallsAt: at },
  });
}

/**
 * The unsubscribe link in a follow-up email names only its lead (signed): the lead's business is
 * found from it, and the unsubscribe is written on that business's scoped client.
 */
export async function findLeadForUnsubscribe(sys: SystemDb, leadId: string) {
  return rawClient(sys).lead.findUnique({
    where: { id: leadId },
    select: { id: true, tenantId: true, callerEmail: true, tenant: { select: { name: true } } },
  });
}
