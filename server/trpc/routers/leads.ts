// The lead inbox and lead page: thin procedures over server/leads/*. Who sees which lead is
// decided once, in server/leads/lead-access.ts.
import { z } from "zod";
import { zDate, zText } from "@/server/http/safe-input";
import { LeadStatus, Urgency } from "@/server/db/generated/enums";
import { listInbox, inboxCounts, ZInboxFilter, ZInboxInput } from "@/server/leads/list-inbox";
import { getLeadDetail } from "@/server/leads/get-lead";
import { assignLead } from "@/server/leads/assign-lead";
import { acceptHandoff } from "@/server/leads/accept-handoff";
import { rejectHandoff } from "@/server/leads/reject-handoff";
import { logTouchpoint, TOUCHPOINT_KINDS } from "@/server/leads/log-touchpoint";
import { changeStatus } from "@/server/leads/change-status";
import { bookAppointment } from "@/server/leads/book-appointment";
import { closeLead } from "@/server/leads/close-lead";
import { markRealCustomer } from "@/server/leads/mark-real-customer";
import { clearTestCalls } from "@/server/leads/clear-test-calls";
import { closeStaleLeads, listStaleLeads, STALE_DAYS_DEFAULT } from "@/server/leads/close-stale-leads";
import { CLOSE_REASON_CODES } from "@/server/leads/close-reasons";
import { RECORD_FIELDS } from "@/server/leads/handoff";
import { zCallerEmail } from "@/server/leads/caller-email";
import { updateLeadDetails } from "@/server/leads/update-lead-details";
import { getRoutingRules, setRoutingRule } from "@/server/leads/routing-settings";
import { writeAudit } from "@/server/audit/write-audit";
import { ROUTING_KINDS } from "@/server/leads/routing";
import { recordLeadOutcome, ZRecordOutcomeInput } from "@/server/leads/record-outcome";
import { addLead, ZAddLeadInput } from "@/server/leads/add-lead";
import { router, tenantProcedure } from "../init";

const read = tenantProcedure.meta({ permission: "leads.read" });
const work = tenantProcedure.meta({ permission: "leads.work" });
const manage = tenantProcedure.meta({ permission: "leads.manage" });

type Ctx = Parameters<Parameters<typeof read.query>[0]>[0]["ctx"];
const leadCtx = (ctx: Ctx) => ({
  db: ctx.db,
  tenantId: ctx.tenantId,
  viewer: { userId: ctx.userId, role: ctx.role },
});

const ZLeadId = z.string().min(1).max(64);
const ZDate = zDate("Enter a valid date and time.");
const ZClose = {
  reason: z.enum(CLOSE_REASON_CODES, { message: "Pick a close reason." }),
  attempts: z.number().int().nullish(),
  note: z.string().max(1000).nullish(),
};

export const leadsRouter = router({
  inbox: read.input(ZInboxInput).query(({ ctx, input }) => listInbox(leadCtx(ctx), input)),
  counts: read.input(ZInboxFilter).query(({ ctx, input }) => inboxCounts(leadCtx(ctx), input)),
  owners: read.query(async ({ ctx }) => {
    const members = await ctx.db.membership.findMany({
      orderBy: { createdAt: "asc" },
      select: { userId: true, role: true, user: { select: { name: true } } },
    });
    return members.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      role: m.role,
      isMe: m.userId === ctx.userId,
    }));
  }),
  get: read.input(z.object({ id: ZLeadId })).query(({ ctx, input }) => getLeadDetail(leadCtx(ctx), input.id)),

  /** Add lead: a call taken in person, a walk-in or a referral; offers the caller's open lead first. */
  add: work.input(ZAddLeadInput).mutation(({ ctx, input }) => addLead(leadCtx(ctx), input)),
  assign: work
    .input(
      z.object({
        leadId: ZLeadId,
        ownerId: z.string().max(64).nullable(),
        nextAction: z.string().max(300).nullish(),
        dueAt: ZDate.nullish(),
        reason: z.string().max(500).nullish(),
        seen: z
          .object({
            ownerId: z.string().max(64).nullable(),
            nextAction: z.string().max(300).nullable(),
            dueAt: ZDate.nullable(),
          })
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => (await assignLead(leadCtx(ctx), input)).id),
  updateDetails: work
    .input(
      z.object({
        leadId: ZLeadId,
        urgency: z.enum(Urgency).optional(),
        notes: zText(4000, { multiline: true }).nullish(),
        isEstimate: z.boolean().optional(),
        followUpAt: ZDate.nullish(),
        callerEmail: zCallerEmail().nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => (await updateLeadDetails(leadCtx(ctx), input)).id),
  accept: work
    .input(
      z.object({
        leadId: ZLeadId,
        confirmations: z
          .object({
            sawNotes: z.boolean(),
            understandsNextStep: z.boolean(),
            knowsDeadline: z.boolean(),
            enoughContext: z.boolean(),
          })
          .partial(),
        takeOver: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => (await acceptHandoff(leadCtx(ctx), input)).id),
  reject: work
    .input(
      z.object({
        leadId: ZLeadId,
        missingField: z.enum(RECORD_FIELDS.map((f) => f.key) as [string, ...string[]], {
          message: "Say which field is missing.",
        }),
        reason: z.string().max(1000),
      }),
    )
    .mutation(
      async ({ ctx, input }) =>
        (await rejectHandoff(leadCtx(ctx), input as Parameters<typeof rejectHandoff>[1])).id,
    ),
  logTouchpoint: work
    .input(
      z.object({
        leadId: ZLeadId,
        kind: z.enum(TOUCHPOINT_KINDS.map((k) => k.kind) as [string, ...string[]]),
        text: zText(4000, { multiline: true }).nullish(),
        nextAction: z.string().max(300).nullish(),
        dueAt: ZDate.nullish(),
        /** A call that booked a visit: a slot shown on the page, or a custom time. */
        slotStartsAt: z.string().max(40).nullish(),
        customAt: ZDate.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // What the lead page shows right after: the next step the touchpoint left.
      const lead = await logTouchpoint(leadCtx(ctx), input as Parameters<typeof logTouchpoint>[1]);
      return { id: lead.id, status: lead.status, nextAction: lead.nextAction, dueAt: lead.dueAt };
    }),
  changeStatus: work
    .input(z.object({ leadId: ZLeadId, status: z.enum(LeadStatus), note: z.string().max(1000).nullish() }))
    .mutation(async ({ ctx, input }) => (await changeStatus(leadCtx(ctx), input)).id),
  book: work
    .input(
      z.object({
        leadId: ZLeadId,
        slotStartsAt: z.string().max(40).nullish(),
        customAt: ZDate.nullish(),
        note: z.string().max(1000).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => (await bookAppointment(leadCtx(ctx), input)).id),
  close: work
    .input(z.object({ leadId: ZLeadId, ...ZClose }))
    .mutation(async ({ ctx, input }) => (await closeLead(leadCtx(ctx), input)).id),
  /** "This is a real customer": a lead closed as not a customer reopens as a real lead. */
  markRealCustomer: work
    .input(z.object({ leadId: ZLeadId }))
    .mutation(async ({ ctx, input }) => (await markRealCustomer(leadCtx(ctx), input)).id),
  recordOutcome: work
    .input(ZRecordOutcomeInput)
    .mutation(async ({ ctx, input }) => (await recordLeadOutcome(leadCtx(ctx), input)).id),

  stale: manage
    .input(
      z.object({
        idleDays: z.number().int().min(1).max(365).default(STALE_DAYS_DEFAULT),
        cursor: z.string().max(64).nullish(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listStaleLeads(leadCtx(ctx), input)),
  clearTestCalls: manage.mutation(({ ctx }) => clearTestCalls(leadCtx(ctx))),
  closeStale: manage
    .input(z.object({ leadIds: z.array(ZLeadId).max(200), ...ZClose }))
    .mutation(({ ctx, input }) => closeStaleLeads(leadCtx(ctx), input)),

  routing: manage.query(({ ctx }) => getRoutingRules(ctx)),
  setRouting: manage
    .input(z.object({ kind: z.enum(ROUTING_KINDS), userId: z.string().max(64).nullable() }))
    .mutation(async ({ ctx, input }) => {
      await setRoutingRule(ctx, input);
      await writeAudit(ctx.db, {
        tenantId: ctx.tenantId,
        actorId: ctx.userId,
        action: "routing.rule_changed",
        target: input.userId,
        data: { kind: input.kind },
      });
    }),
});
