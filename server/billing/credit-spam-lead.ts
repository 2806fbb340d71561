// A lead the office closes as spam is credited in billing like a test call: its AI-handled calls'
// ledger rows turn from billable to credited ("Marked as spam by your office"), once — a
// conditional update, so a repeat or a second worker changes nothing — and a meter event already
// sent to Stripe is cancelled there (Stripe accepts that within 24 hours of receiving it; later,
// the row says so for a manual refund).
import type Stripe from "stripe";
import type { TenantDb } from "@/server/db/tenant-scope";

export const MARKED_SPAM = "marked_spam";

export type SpamCreditDeps = { stripe: () => Promise<Stripe>; meterEventName: string; now?: () => Date };

/** True for an answer Stripe will give again (a refused cancellation), false for a network-type failure worth retrying. */
const refusedByStripe = (err: unknown) => (err as { type?: string }).type === "StripeInvalidRequestError";

export async function creditLeadMarkedSpam(
  db: TenantDb,
  input: { tenantId: string; leadId: string },
  deps: SpamCreditDeps,
): Promise<{ credited: number; cancelled: number }> {
  const lead = await db.lead.findFirst({
    where: { id: input.leadId },
    select: { status: true, closeReason: true },
  });
  if (!lead || lead.status !== "closed" || lead.closeReason !== "spam") return { credited: 0, cancelled: 0 };
  const now = deps.now?.() ?? new Date();
  const credit = { outcome: "credited" as const, creditReason: MARKED_SPAM, creditedAt: now };
  const where = { tenantId: input.tenantId, leadId: input.leadId, outcome: "billable" as const };
  // Not sent yet: nothing will be (the usage job skips credited rows); sent: cancelled below.
  const unsent = await db.usageLedgerEntry.updateMany({
    where: { ...where, meterStatus: { in: ["pending", "skipped"] } },
    data: { ...credit, meterStatus: "not_applicable" },
  });
  const sentRows = await db.usageLedgerEntry.updateMany({ where, data: credit });
  const credited = unsent.count + sentRows.count;
  let cancelled = 0;
  const sent = await db.usageLedgerEntry.findMany({
    where: { tenantId: input.tenantId, leadId: input.leadId, creditReason: MARKED_SPAM, meterStatus: "sent" },
  });
  for (const row of sent) {
    try {
      const stripe = await deps.stripe();
      await stripe.billing.meterEventAdjustments.create(
        { event_name: deps.meterEventName, type: "cancel", cancel: { identifier: row.callSid } },
        { idempotencyKey: `leadrescue-meter-cancel-${row.callSid}` },
      );
    } catch (err) {
      if (!refusedByStripe(err)) throw err; // the job retries
      await db.usageLedgerEntry.updateMany({
        where: { id: row.id, meterStatus: "sent" },
        data: {
          meterError: `Credited, but Stripe did not cancel the charge: ${(err as Error).message}`.slice(
            0,
            500,
          ),
        },
      });
      continue;
    }
    const { count } = await db.usageLedgerEntry.updateMany({
      where: { id: row.id, meterStatus: "sent" },
      data: { meterStatus: "cancelled", meterError: null },
    });
    cancelled += count;
  }
  return { credited, cancelled };
}
