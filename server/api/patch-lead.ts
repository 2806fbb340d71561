// PATCH /api/v1/leads/{id}: what a field-service system sync needs — the external job, a booked
// visit, and how it went (showed / no-show, won with its value, lost). Every change goes through
// the leads module's one writer with the same rules as the office, recorded as the API key.
import { z } from "zod";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { applyLeadChange, type LeadWriteCtx } from "@/server/leads/apply-lead-change";
import { bookAppointment } from "@/server/leads/book-appointment";
import { MAX_JOB_VALUE_CENTS, recordLeadOutcome } from "@/server/leads/record-outcome";
import { leadJson } from "./lead-json";

export const LEAD_OUTCOMES = ["booked", "showed", "no_show", "won", "lost"] as const;

export const ZPatchLeadInput = z
  .object({
    externalJobId: z.string().trim().max(200, "externalJobId is longer than 200 characters").nullable().optional(),
    externalJobUrl: z.url({ protocol: /^https?$/, message: "externalJobUrl must be an http(s) URL" }).max(2000, "externalJobUrl is longer than 2000 characters").nullable().optional(),
    outcome: z.enum(LEAD_OUTCOMES, { message: `outcome must be one of ${LEAD_OUTCOMES.join(", ")}` }).optional(),
    appointmentAt: z.iso.datetime({ offset: true, message: "appointmentAt must be an ISO 8601 date-time" }).optional().meta({ description: "With outcome booked: when the visit is" }),
    jobValueCents: z.number({ message: "jobValueCents must be a whole number of cents" }).int("jobValueCents must be a whole number of cents").min(0).max(MAX_JOB_VALUE_CENTS).optional().meta({ description: "With outcome won: the job's value in cents" }),
  })
  .strict()
  .meta({ id: "LeadPatch" });
export type PatchLeadInput = z.infer<typeof ZPatchLeadInput>;

export async function patchLead(ctx: { db: TenantDb; tenantId: string; keyId: string; now?: Date }, leadId: string, input: PatchLeadInput) {
  if (Object.keys(input).length === 0) throw new AppError("BAD_REQUEST", "Send at least one of externalJobId, externalJobUrl, outcome.", "outcome");
  if (input.outcome === "booked" && !input.appointmentAt) throw new AppError("BAD_REQUEST", "appointmentAt is required with outcome booked.", "appointmentAt");
  if (input.appointmentAt && input.outcome !== "booked") throw new AppError("BAD_REQUEST", "appointmentAt goes with outcome booked only.", "appointmentAt");
  if (input.jobValueCents !== undefined && input.outcome !== "won") throw new AppError("BAD_REQUEST", "jobValueCents goes with outcome won only.", "jobValueCents");
  // The key acts with an owner's view of the business; its id is the actor on the timeline.
  const write: LeadWriteCtx = { db: ctx.db, tenantId: ctx.tenantId, viewer: { userId: `api_key:${ctx.keyId}`, role: "owner" }, now: ctx.now };
  if (input.externalJobId !== undefined || input.externalJobUrl !== undefined) {
    await applyLeadChange(write, leadId, (lead) => ({
      patch: {
        ...(input.externalJobId !== undefined ? { externalJobId: input.externalJobId || null } : {}),
        ...(input.externalJobUrl !== undefined ? { externalJobUrl: input.externalJobUrl } : {}),
      },
      events: [{ type: "lead.external_job", data: { from: lead.externalJobId, externalJobId: input.externalJobId ?? lead.externalJobId, externalJobUrl: input.externalJobUrl ?? lead.externalJobUrl, via: "api" } }],
    }));
  }
  if (input.outcome === "booked") {
    await bookAppointment(write, { leadId, customAt: new Date(input.appointmentAt!), note: "Booked through the API" });
  } else if (input.outcome === "showed" || input.outcome === "no_show") {
    // A field-service system reports a visit when it happened there, booked time or not.
    await recordLeadOutcome(write, { leadId, visitOutcome: input.outcome, happenedEarly: true });
  } else if (input.outcome === "won" || input.outcome === "lost") {
    await recordLeadOutcome(write, { leadId, jobOutcome: input.outcome, jobValueCents: input.outcome === "won" ? (input.jobValueCents ?? null) : null, happenedEarly: true });
  }
  const lead = await ctx.db.lead.findFirst({ where: { id: leadId } });
  if (!lead) throw new AppError("NOT_FOUND", `No lead ${leadId} in this account.`);
  return leadJson(lead);
}
