// The temperature the system recomputes on its own (before a follow-up step, a lead going quiet):
// one change through the leads writer, like every change of a lead.
import type { Lead } from "@/server/db/generated/client";
import type { TenantTx } from "@/server/db/tenant-scope";
import { writeLeadChange } from "@/server/leads/apply-lead-change";
import { temperatureOf } from "@/server/leads/temperature";

/**
 * Recomputes `lead`'s temperature (read in `tx`) and, when it moved, writes it through the leads
 * writer: the timeline says why when the band changes, the follow-up stop rules apply (a lead
 * that turned hot goes to a person with a task), and integrations hear what the writer says they
 * should. No word from or to the caller, so the lead's last activity stays. Null (nothing
 * written) when the temperature did not move; otherwise the fresh lead and the webhook deliveries
 * to queue after commit. A lead changed since it was read is refused with CONFLICT.
 */
export async function recordTemperature(
  tx: TenantTx,
  w: { tenantId: string; now: Date },
  lead: Lead,
  why: string,
): Promise<{ fresh: Lead; webhookIds: string[] } | null> {
  if (temperatureOf(lead, w.now) === lead.temperature) return null;
  return writeLeadChange(
    tx,
    { tenantId: w.tenantId, actorId: null, now: w.now, onRefusal: "flag", hotTask: true },
    lead,
    { patch: {}, events: [], temperatureWhy: why, activity: false },
  );
}
