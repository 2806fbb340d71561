// Escalations as the inbox and the lead page show them: which leads are escalated, by which
// rules, and when. One query for a page of leads.
import type { TenantDb } from "@/server/db/tenant-scope";
import { RULE_LABEL, type EscalationRule } from "./escalation-rules";

/** period: "" for once-per-lead rules, the local date (YYYY-MM-DD) for end_of_day. */
export type LeadEscalation = {
  rule: EscalationRule;
  label: string;
  period: string;
  firedAt: Date;
  targetId: string | null;
};
export type LeadEscalations = { isEscalated: boolean; escalations: LeadEscalation[] };

/** Escalations per lead id (every id in `leadIds` gets an entry), newest first. */
export async function escalationsForLeads(
  db: Pick<TenantDb, "escalation">,
  tenantId: string,
  leadIds: readonly string[],
): Promise<Record<string, LeadEscalations>> {
  const out: Record<string, LeadEscalations> = {};
  for (const id of leadIds) out[id] = { isEscalated: false, escalations: [] };
  if (leadIds.length === 0) return out;
  const rows = await db.escalation.findMany({
    where: { tenantId, leadId: { in: [...leadIds] } },
    select: { leadId: true, rule: true, period: true, firedAt: true, targetId: true },
    orderBy: { firedAt: "desc" },
  });
  for (const r of rows) {
    const entry = out[r.leadId];
    if (!entry) continue;
    entry.isEscalated = true;
    entry.escalations.push({
      rule: r.rule,
      label: RULE_LABEL[r.rule],
      period: r.period,
      firedAt: r.firedAt,
      targetId: r.targetId,
    });
  }
  return out;
}
