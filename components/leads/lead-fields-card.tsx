"use client";
// The lead's required fields, each with the caller's own words it came from.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/layout";
import { sourceLabel, sourceReferenceLabel, statusLabel, urgencyLabel } from "@/server/leads/labels";
import { useBusinessTime } from "./business-time";
import { AddressLink, PhoneLink } from "./contact-links";
import type { Detail } from "./lead-actions";

export function LeadFieldsCard({ d }: { d: Detail }) {
  return (
    <Card
      title="Lead fields"
      description="Each field the call captured shows the caller's own words it came from."
    >
      <dl className="divide-y divide-slate-100">
        {d.fields.map((f) => (
          <div key={f.key} className="grid gap-1 py-2 sm:grid-cols-[160px_minmax(0,1fr)]">
            <dt className="text-sm font-medium text-slate-600">{f.label}</dt>
            <dd className="text-sm">
              <FieldValue fieldKey={f.key} lead={d.lead} />
              {f.evidence ? (
                <blockquote className="mt-1 border-l-2 border-brand-200 pl-2 text-xs italic text-slate-600">
                  <span className="sr-only">Caller said: </span>“{f.evidence}”
                </blockquote>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function FieldValue({ fieldKey, lead }: { fieldKey: string; lead: Detail["lead"] }): ReactNode {
  const { dateTimeRelative } = useBusinessTime();
  const v = (lead as Record<string, unknown>)[fieldKey];
  if (fieldKey === "ownerId") return lead.ownerName ?? <span className="text-amber-800">Unowned</span>;
  if (fieldKey === "status") return statusLabel(lead.status);
  if (fieldKey === "urgency") return urgencyLabel(lead.urgency);
  if (fieldKey === "source") return sourceLabel(lead.source);
  if (fieldKey === "callerPhone") return <PhoneLink phone={lead.callerPhone} />;
  if (fieldKey === "callerEmail" && lead.callerEmail)
    return (
      <>
        <a className="break-all text-brand-700 underline" href={`mailto:${lead.callerEmail}`}>
          {lead.callerEmail}
        </a>
        {lead.emailOptedOutAt ? (
          <span className="ml-2 text-slate-600">(unsubscribed from emails)</span>
        ) : null}
      </>
    );
  if (fieldKey === "address") return <AddressLink address={lead.address} zip={lead.zip} />;
  if (fieldKey === "closeReason")
    return lead.closeReason ? `${lead.closeReasonLabel}${lead.closeNote ? ` — ${lead.closeNote}` : ""}` : "—";
  if (fieldKey === "inArea") return v === true ? "Yes" : v === false ? "No — out of area" : "—";
  if (fieldKey === "sourceRef") return <span className="break-words">{sourceReferenceLabel(v) ?? "—"}</span>;
  if (v instanceof Date) return dateTimeRelative(v);
  if (v === null || v === undefined || v === "") return <span className="text-slate-500">—</span>;
  return String(v);
}
