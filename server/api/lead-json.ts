// The lead as integrations see it (REST API v1): exactly the required lead fields of DESIGN.md.
import type { Lead } from "@/server/db/generated/client";

export function leadJson(lead: Lead) {
  return {
    id: lead.id,
    createdAt: lead.createdAt.toISOString(),
    callerPhone: lead.callerPhone,
    callerName: lead.callerName,
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
    closeReason: lead.closeReason,
  };
}
