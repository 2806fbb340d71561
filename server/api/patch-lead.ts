// PATCH /api/v1/leads/{id}: what a field-service system sync needs — the external job, a booked
// visit, and how it went (showed / no-show, won with its value, lost). Every change goes through
// the leads module's one writer with the same rules as the office, recorded as the API key — the
// whole patch validated first and written in one transaction, so a refused patch changes nothing.
import { z } from "zod";
import { zDateTimeString, zText } from "@/server/http/safe-input";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import type { Lead } from "@/server/db/generated/client";
import { applyLeadChange, type LeadChange, type LeadWriteCtx } from "@/server/leads/apply-lead-change";
import { bookingChange, checkCustomTime } from "@/server/leads/book-appointment";
import { businessClock } from "@/server/leads/business-hours";
import { MAX_JOB_VALUE_CENTS, outcomeChange } from "@/server/leads/record-outcome";
import { MAX_EMAIL_LENGTH, normalizeEmail } from "@/server/leads/caller-email";
import { leadJson } from "./lead-json";

export const LEAD_OUTCOMES = ["booked", "showed", "no_show", "won", "lost"] as const;

export const ZPatchLeadInput = z
  .object({
    externalJobId: zText(200, { maxMessage: "externalJobId is longer than 200 characters" })
      .nullable()
      .optional(),
    externalJobUrl: z
      .url({ protocol: /^https?$/, message: "externalJobUrl must be an http(s) URL" })
      .max(2000, "externalJobUrl is longer than 2000 characters")
      .nullable()
      .optional(),
    callerEmail: z
      .email({ message: "callerEmail must be an email address, like name@example.com" })
      .max(MAX_EMAIL_LENGTH, `callerEmail is longer than ${MAX_EMAIL_LENGTH} characters`)
      .nullable()
      .optional()
      .meta({ description: "The customer's email address for follow-up emails; null removes it" }),
    outcome: z
      .enum(LEAD_OUTCOMES, { message: `outcome must be one of ${LEAD_OUTCOMES.join(", ")}` })
      .optional(),
    appointmentAt: zDateTimeString("appointmentAt must be an ISO 8601 date-time")
      .optional()
      .meta({ description: "With outcome booked: when the visit is" }),
    jobValueCents: z
      .number({ message: "jobValueCents must be a whole number of cents" })
      .int("jobValueCents must be a whole number of cents")
      .min(0)
      .max(MAX_JOB_VALUE_CENTS)
      .optional()
      .meta({ description: "With outcome won: the job's value in cents" }),
  })
  .strict()
  .meta({ id: "LeadPatch" });
export type PatchLeadInput = z.infer<typeof ZPatchLeadInput>;

/**
 * The whole patch is checked first (the external job, then the booking or outcome on the lead as
 * that would leave it) and written as ONE change through the writer: one transaction, all or
 * nothing, refused with CONFLICT (409) if the lead changed meanwhile.
 */
export async function patchLead(
  ctx: { db: TenantDb; tenantId: string; keyId: string; now?: Date },
  leadId: string,
  input: PatchLeadInput,
) {
  if (Object.keys(input).length === 0)
    throw new AppError(
      "BAD_REQUEST",
      "Send at least one of externalJobId, externalJobUrl, callerEmail, outcome.",
      "outcome",
    );
  if (input.outcome === "booked" && !input.appointmentAt)
    throw new AppError("BAD_REQUEST", "appointmentAt is required with outcome booked.", "appointmentAt");
  if (input.appointmentAt && input.outcome !== "booked")
    throw new AppError("BAD_REQUEST", "appointmentAt goes with outcome booked only.", "appointmentAt");
  if (input.jobValueCents !== undefined && input.outcome !== "won")
    throw new AppError("BAD_REQUEST", "jobValueCents goes with outcome won only.", "jobValueCents");
  const now = ctx.now ?? new Date();
  const appointmentAt = input.appointmentAt ? new Date(input.appointmentAt) : null;
  if (appointmentAt) checkCustomTime(appointmentAt, now, "appointmentAt");
  // The key acts with an owner's view of the business; its id is the actor on the timeline.
  // A field-service system reports a visit when it happened there, booked time or not: outcomes through the API count as "it happened early".
  const write: LeadWriteCtx = {
    db: ctx.db,
    tenantId: ctx.tenantId,
    viewer: { userId: `api_key:${ctx.keyId}`, role: "owner" },
    now,
  };
  const clock = input.outcome === "booked" ? await businessClock(ctx.db, ctx.tenantId) : null;
  const fresh = await applyLeadChange(write, leadId, (lead) => {
    const changes: LeadChange[] = [];
    let after: Lead = lead;
    const add = (change: LeadChange) => {
      changes.push(change);
      after = { ...after, ...change.patch };
    };
    if (input.externalJobId !== undefined || input.externalJobUrl !== undefined) {
      add({
        patch: {
          ...(input.externalJobId !== undefined ? { externalJobId: input.externalJobId || null } : {}),
          ...(input.externalJobUrl !== undefined ? { externalJobUrl: input.externalJobUrl } : {}),
        },
        events: [
          {
            type: "lead.external_job",
            data: {
              from: lead.externalJobId,
              externalJobId: input.externalJobId ?? lead.externalJobId,
              externalJobUrl: input.externalJobUrl ?? lead.externalJobUrl,
              via: "api",
            },
          },
        ],
      });
    }
    if (input.callerEmail !== undefined && normalizeEmail(input.callerEmail) !== lead.callerEmail) {
      const callerEmail = normalizeEmail(input.callerEmail);
      add({
        patch: { callerEmail },
        events: [{ type: "lead.updated", data: { changed: ["callerEmail"], callerEmail, via: "api" } }],
      });
    }
    if (input.outcome === "booked")
      add(
        bookingChange(
          after,
          { at: appointmentAt!, via: "custom", note: "Booked through the API" },
          now,
          clock!,
        ),
      );
    else if (input.outcome === "showed" || input.outcome === "no_show")
      add(outcomeChange(after, { leadId, visitOutcome: input.outcome, happenedEarly: true }, now));
    else if (input.outcome === "won" || input.outcome === "lost")
      add(
        outcomeChange(
          after,
          {
            leadId,
            jobOutcome: input.outcome,
            jobValueCents: input.outcome === "won" ? (input.jobValueCents ?? null) : null,
            happenedEarly: true,
          },
          now,
        ),
      );
    return {
      patch: Object.assign({}, ...changes.map((c) => c.patch)) as LeadChange["patch"],
      events: changes.flatMap((c) => c.events),
    };
  });
  return leadJson(fresh);
}
