// "This is a real customer": one click on a lead the AI closed as not a customer (a salesperson,
// a recorded message, a wrong number) reopens it as a real lead. Through the leads writer: the
// lead goes to follow-up with a call-back due within 15 minutes (office hours), the timeline says who did it,
// and the call's usage credit is reversed (once, however often this is clicked).
import { enqueueUsageForCall } from "@/server/billing/jobs";
import { CREDIT_REASONS, reverseNotACustomerCredit } from "@/server/billing/record-usage";
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadWriteCtx } from "./apply-lead-change";
import { NOT_A_CUSTOMER, notACustomerLabel } from "./close-reasons";
import { routingTarget } from "./routing";
import { businessClock, officeDueAt } from "./business-hours";

/** A standard inbound lead is followed up within 15 minutes. */
const CALL_BACK_MINUTES = 15;
export const REAL_CUSTOMER_ACTION = "Call back: the office marked this caller a real customer";

export async function markRealCustomer(ctx: LeadWriteCtx, input: { leadId: string }) {
  const now = ctx.now ?? new Date();
  const clock = await businessClock(ctx.db, ctx.tenantId);
  const lead = await applyLeadChange({ ...ctx, now }, input.leadId, async (lead) => {
    if (lead.status !== "closed" || lead.closeReason !== NOT_A_CUSTOMER) {
      throw new AppError(
        "BAD_REQUEST",
        "Only a lead closed as “Not a customer” can be marked a real customer. Reopen it from the status card instead.",
        "leadId",
      );
    }
    // A real lead always has someone on it: the standard routing rule when nobody owned the call.
    const ownerId = lead.ownerId ?? (await routingTarget(ctx.db, "standard"));
    return {
      patch: {
        status: "followup_needed",
        closeReason: null,
        closeNote: null,
        acceptedAt: null,
        ownerId,
        nextAction: REAL_CUSTOMER_ACTION,
        dueAt: officeDueAt(now, new Date(now.getTime() + CALL_BACK_MINUTES * 60_000), clock),
      },
      events: [{ type: "lead.marked_customer", data: { was: notACustomerLabel(lead) } }],
    };
  });
  // The usage credit of the lead's calls, reversed; the ledger and the timeline say so.
  const calls = await ctx.db.call.findMany({ where: { leadId: lead.id }, select: { callSid: true } });
  for (const { callSid } of calls) {
    const reversed = await reverseNotACustomerCredit(ctx.db, { tenantId: ctx.tenantId, callSid });
    if (!reversed) continue;
    await ctx.db.leadEvent.create({
      data: {
        tenantId: ctx.tenantId,
        leadId: lead.id,
        type: "billing.credit_reversed",
        actorId: ctx.viewer.userId,
        createdAt: new Date(now.getTime() + 1),
        data: {
          callSid,
          outcome: reversed.outcome,
          reason: reversed.creditReason ? CREDIT_REASONS[reversed.creditReason] : null,
        },
      },
    });
    if (reversed.outcome === "billable")
      await enqueueUsageForCall(ctx.db, { tenantId: ctx.tenantId, callSid });
  }
  return lead;
}
