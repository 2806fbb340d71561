// Usage billing: one ledger row per AI-handled call, and for a billable call one
// Stripe meter event with identifier = CallSid (plus an idempotency key). The ledger's unique
// (tenantId, callSid) and Stripe's identifier dedupe make replays, job retries and concurrent
// deliveries harmless: a call is never charged twice.
//
// Credit policy — recorded in the ledger, never charged:
//   test_call    simulated test calls (Call.isTest)
//   not_a_customer  a salesperson, a recorded message or a wrong number (lead closed as
//                "not a customer"); credited like a test call, and the credit is reversed if
//                the office marks it a real customer (reverseNotACustomerCredit)
//   out_of_area  the caller's ZIP is outside the service area (lead.inArea = false)
//   spam         the caller gave nothing (no ZIP, name or issue) or the lead was closed as spam
//   duplicate    the same number already had a billable AI call in the previous 24 hours
//                (or the lead was closed as a duplicate before the usage was recorded)
//   marked_spam  billable when recorded, then the office closed the lead as spam: credited
//                afterwards, the meter event cancelled at Stripe (credit-spam-lead.ts)
import type Stripe from "stripe";
import { endedCallsWithLeadEvent, usageEntriesForCalls } from "@/server/db/cross-tenant";
import type { SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import type { UsageOutcome } from "@/server/db/generated/enums";

export type CreditReason =
  "test_call" | "not_a_customer" | "out_of_area" | "spam" | "duplicate" | "marked_spam";

export const CREDIT_REASONS: Record<CreditReason, string> = {
  test_call: "Test call — never billed",
  not_a_customer: "Not a customer (sales call, recorded message or wrong number) — never billed",
  out_of_area: "Caller outside your service area",
  spam: "No information given (spam, robocall or silent caller)",
  duplicate: "Repeat call from the same number within 24 hours",
  marked_spam: "Marked as spam by your office — credited, not billed",
};

export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

export type UsageFacts = {
  isTest: boolean;
  inArea: boolean | null;
  captured: { zip: string | null; callerName: string | null; issueSummary: string | null };
  closeReason: string | null;
  /** The same caller had a billable AI call for this tenant in the previous 24 hours. */
  repeatOfBillable: boolean;
};

/** Pure: billable, or credited and why (the first reason that applies, in policy order). */
export function classifyUsage(f: UsageFacts): { outcome: UsageOutcome; creditReason: CreditReason | null } {
  const credit = (creditReason: CreditReason) => ({ outcome: "credited" as const, creditReason });
  if (f.isTest) return credit("test_call");
  if (f.closeReason === "not_a_customer") return credit("not_a_customer");
  if (f.inArea === false) return credit("out_of_area");
  if (
    /spam|robocall/i.test(f.closeReason ?? "") ||
    (!f.captured.zip && !f.captured.callerName && !f.captured.issueSummary)
  )
    return credit("spam");
  if (f.repeatOfBillable || f.closeReason === "duplicate") return credit("duplicate");
  return { outcome: "billable", creditReason: null };
}

/** The fact the call flow writes when the AI takes a missed call (server/calls/voice-flow.ts). */
export const AI_ANSWERED_EVENT = "call.ai_answered";

export type UsageDeps = { stripe: () => Promise<Stripe>; meterEventName: string; now?: () => Date };

/**
 * Records the ledger row for an ended AI-handled call and sends its meter event if billable.
 * Returns null when there is nothing to bill (unknown call, not ended, not AI-handled).
 * Throws when Stripe fails, so the job retries; the retry resends the same identifier.
 */
export async function recordUsageForCall(
  db: TenantDb,
  input: { tenantId: string; callSid: string },
  deps: UsageDeps,
) {
  const call = await db.call.findFirst({
    where: { tenantId: input.tenantId, callSid: input.callSid },
    include: {
      lead: { include: { events: { where: { type: AI_ANSWERED_EVENT }, take: 1, select: { id: true } } } },
    },
  });
  if (!call?.endedAt || !call.lead?.events.length) return null;
  const key = { tenantId_callSid: { tenantId: input.tenantId, callSid: input.callSid } };

  let entry = await db.usageLedgerEntry.findUnique({ where: key });
  if (!entry) {
    const repeat = await db.usageLedgerEntry.count({
      where: {
        tenantId: input.tenantId,
        callerPhone: call.fromNumber,
        outcome: "billable",
        callSid: { not: call.callSid },
        occurredAt: { gte: new Date(call.startedAt.getTime() - DUPLICATE_WINDOW_MS), lte: call.startedAt },
      },
    });
    const { outcome, creditReason } = classifyUsage({
      isTest: call.isTest || call.lead.isTest,
      inArea: call.lead.inArea,
      captured: {
        zip: call.lead.zip,
        callerName: call.lead.callerName,
        issueSummary: call.lead.issueSummary,
      },
      closeReason: call.lead.closeReason,
      repeatOfBillable: repeat > 0,
    });
    await db.usageLedgerEntry.createMany({
      data: [
        {
          tenantId: input.tenantId,
          callSid: call.callSid,
          leadId: call.leadId,
          callerPhone: call.fromNumber,
          outcome,
          creditReason,
          meterStatus: outcome === "billable" ? "pending" : "not_applicable",
          occurredAt: call.endedAt,
        },
      ],
      skipDuplicates: true,
    });
    entry = await db.usageLedgerEntry.findUniqueOrThrow({ where: key });
  }
  if (entry.outcome !== "billable" || entry.meterStatus !== "pending") return entry;

  const account = await db.billingAccount.findUnique({
    where: { tenantId: input.tenantId },
    select: { stripeCustomerId: true, stripeAccountId: true },
  });
  // SaaS mode: the business pays its agency's plan; its overage is added to the agency's invoice
  // from this ledger (server/saas/invoices.ts), not through LeadRescue's meter.
  if (account?.stripeAccountId) {
    return db.usageLedgerEntry.update({
      where: key,
      data: {
        meterStatus: "skipped",
        meterError: "Billed on the agency's plan: extra calls are added to the agency's invoice.",
      },
    });
  }
  if (!account?.stripeCustomerId) {
    return db.usageLedgerEntry.update({
      where: key,
      data: {
        meterStatus: "skipped",
        meterError: "No plan had been chosen yet, so this call was not charged.",
      },
    });
  }
  try {
    const stripe = await deps.stripe();
    await stripe.billing.meterEvents.create(
      {
        event_name: deps.meterEventName,
        identifier: call.callSid,
        timestamp: Math.floor(entry.occurredAt.getTime() / 1000),
        payload: { stripe_customer_id: account.stripeCustomerId, value: "1" },
      },
      { idempotencyKey: `leadrescue-meter-${call.callSid}` },
    );
  } catch (err) {
    await db.usageLedgerEntry.update({
      where: key,
      data: { meterAttempts: { increment: 1 }, meterError: (err as Error).message.slice(0, 500) },
    });
    throw err;
  }
  return db.usageLedgerEntry.update({
    where: key,
    data: {
      meterStatus: "sent",
      sentAt: deps.now?.() ?? new Date(),
      meterAttempts: { increment: 1 },
      meterError: null,
    },
  });
}

/**
 * The office said a call closed as "not a customer" was a real customer: its credit is reversed.
 * The ledger row is classified again as if never closed that way (it may still be credited for
 * another reason: out of area, a repeat call); a call that becomes billable gets its meter event
 * (pending, sent by the usage job). One conditional update on the credit reason: a second
 * restore, a retry or a concurrent one changes nothing. Returns the new outcome, or null when
 * there was no such credit to reverse (no row yet: the usage job will classify it then).
 */
export async function reverseNotACustomerCredit(
  db: TenantDb,
  input: { tenantId: string; callSid: string },
): Promise<{ outcome: UsageOutcome; creditReason: CreditReason | null } | null> {
  const call = await db.call.findFirst({
    where: { tenantId: input.tenantId, callSid: input.callSid },
    include: { lead: true },
  });
  if (!call?.lead) return null;
  const repeat = await db.usageLedgerEntry.count({
    where: {
      tenantId: input.tenantId,
      callerPhone: call.fromNumber,
      outcome: "billable",
      callSid: { not: call.callSid },
      occurredAt: { gte: new Date(call.startedAt.getTime() - DUPLICATE_WINDOW_MS), lte: call.startedAt },
    },
  });
  const next = classifyUsage({
    isTest: call.isTest || call.lead.isTest,
    inArea: call.lead.inArea,
    captured: { zip: call.lead.zip, callerName: call.lead.callerName, issueSummary: call.lead.issueSummary },
    closeReason: null,
    repeatOfBillable: repeat > 0,
  });
  const { count } = await db.usageLedgerEntry.updateMany({
    where: { tenantId: input.tenantId, callSid: input.callSid, creditReason: "not_a_customer" },
    data: {
      outcome: next.outcome,
      creditReason: next.creditReason,
      meterStatus: next.outcome === "billable" ? "pending" : "not_applicable",
    },
  });
  return count === 1 ? next : null;
}

/** Ended AI-handled calls (last 30 days, ended before `settledBefore`) that have no ledger row, across all businesses (the usage sweep). */
export async function callsMissingUsage(sys: SystemDb, now: Date, settledBefore: Date, limit = 500) {
  const calls = await endedCallsWithLeadEvent(sys, {
    eventType: AI_ANSWERED_EVENT,
    endedFrom: new Date(now.getTime() - 30 * 86_400_000),
    endedTo: settledBefore,
    take: limit * 4,
  });
  if (!calls.length) return [];
  const have = await usageEntriesForCalls(
    sys,
    calls.map((c) => c.callSid),
  );
  const seen = new Set(have.map((h) => `${h.tenantId} ${h.callSid}`));
  return calls.filter((c) => !seen.has(`${c.tenantId} ${c.callSid}`)).slice(0, limit);
}
