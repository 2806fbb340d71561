// The lead as integrations see it (REST API v1 and webhook payloads): the required lead fields
// (LEAD_FIELDS in server/leads/get-lead.ts), plus the visit/job outcome and the external job an integration attached.
import { z } from "zod";
import type { Lead } from "@/server/db/generated/client";
import { LeadSource, LeadStatus, Urgency } from "@/server/db/generated/enums";

const isoOrNull = z.string().nullable().meta({ format: "date-time" });

export const ZLeadJson = z
  .object({
    id: z.string(),
    createdAt: z.string().meta({ format: "date-time" }),
    callerPhone: z.string().meta({ description: "E.164" }),
    callerName: z.string().nullable(),
    callerEmail: z.string().nullable().meta({ description: "The customer's email address, lowercased" }),
    zip: z.string().nullable(),
    inArea: z.boolean().nullable(),
    issueSummary: z.string().nullable(),
    urgency: z.enum(Object.values(Urgency) as [Urgency, ...Urgency[]]).nullable(),
    status: z.enum(Object.values(LeadStatus) as [LeadStatus, ...LeadStatus[]]),
    appointmentAt: isoOrNull,
    transcriptExcerpt: z.string().nullable(),
    sourceRef: z.string().meta({ description: "The CallSid (or message id) the lead came from" }),
    source: z.enum(Object.values(LeadSource) as [LeadSource, ...LeadSource[]]),
    address: z.string().nullable(),
    ownerId: z.string().nullable(),
    nextAction: z.string().nullable(),
    dueAt: isoOrNull,
    acceptedAt: isoOrNull,
    closeReason: z.string().nullable(),
    closeNote: z
      .string()
      .nullable()
      .meta({ description: 'Why the lead was closed, in words (e.g. "Not a customer: sales call")' }),
    notes: z.string().nullable().meta({
      description:
        'Notes for the office: who the call is for, the unit, questions the caller asked that the settings did not answer ("Caller asked: are you licensed and insured?"), a name not given',
    }),
    visitOutcome: z.enum(["showed", "no_show"]).nullable(),
    jobOutcome: z.enum(["won", "lost"]).nullable(),
    jobValueCents: z.number().int().nullable(),
    outcomeAt: isoOrNull,
    externalJobId: z.string().nullable(),
    externalJobUrl: z.string().nullable(),
  })
  .meta({ id: "Lead" });

export type LeadJson = z.infer<typeof ZLeadJson>;

export function leadJson(lead: Lead): LeadJson {
  return {
    id: lead.id,
    createdAt: lead.createdAt.toISOString(),
    callerPhone: lead.callerPhone,
    callerName: lead.callerName,
    callerEmail: lead.callerEmail,
    zip: lead.zip,
    inArea: lead.inArea,
    issueSummary: lead.issueSummary,
    urgency: lead.urgency,
    status: lead.status,
    appointmentAt: lead.appointmentAt?.toISOString() ?? null,
    transcriptExcerpt: lead.transcriptExcerpt,
    sourceRef: lead.sourceRef,
    source: lead.source,
    address: lead.address,
    ownerId: lead.ownerId,
    nextAction: lead.nextAction,
    dueAt: lead.dueAt?.toISOString() ?? null,
    acceptedAt: lead.acceptedAt?.toISOString() ?? null,
    closeNote: lead.closeNote,
    notes: lead.notes,
    closeReason: lead.closeReason,
    visitOutcome: lead.visitOutcome,
    jobOutcome: lead.jobOutcome,
    jobValueCents: lead.jobValueCents,
    outcomeAt: lead.outcomeAt?.toISOString() ?? null,
    externalJobId: lead.externalJobId,
    externalJobUrl: lead.externalJobUrl,
  };
}
