// Alerts at 80 % and 100 % of what an agency plan includes (calls or texts), to the business's
// owners and the agency's operators, in the app and by email — once per threshold, kind and month
// (the notification outbox's key makes a repeat a no-op). Checked after each AI-handled call's
// usage row is written (server/billing/jobs.ts) and after each text is handed to Twilio
// (server/messaging/jobs.ts), so texts alone reach their alerts too.
import { tenantAgencyOperators, tenantPeople } from "@/server/db/tenant-people";
import type { TenantDb } from "@/server/db/tenant-scope";
import { notify, type Enqueue } from "@/server/notifications/outbox";
import { monthLabel } from "@/server/reports/period";
import { planUsageOf } from "./plan-usage";

export const ALERT_THRESHOLDS = [0.8, 1] as const;

/** Pure: which thresholds a share has crossed. */
export function crossedThresholds(share: number | null): number[] {
  return share === null ? [] : ALERT_THRESHOLDS.filter((t) => share >= t);
}

export async function checkUsageAlerts(
  db: TenantDb,
  tenantId: string,
  now: Date = new Date(),
  enqueue?: Enqueue,
): Promise<number> {
  const state = await planUsageOf(db, tenantId, now);
  if (!state) return 0;
  const kinds = [
    {
      kind: "calls",
      noun: "AI-handled calls",
      used: state.usage.calls,
      included: state.usage.includedCalls,
      share: state.usage.callsShare,
    },
    {
      kind: "texts",
      noun: "texts",
      used: state.usage.texts,
      included: state.usage.includedTexts,
      share: state.usage.textsShare,
    },
  ] as const;
  const due = kinds.flatMap((k) => crossedThresholds(k.share).map((t) => ({ ...k, t })));
  if (!due.length) return 0;
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { name: true, agencyId: true },
  });
  const ownerIds = (await db.membership.findMany({ where: { role: "owner" }, select: { userId: true } })).map(
    (m) => m.userId,
  );
  const owners = await tenantPeople(db, ownerIds);
  const operators = tenant.agencyId ? await tenantAgencyOperators(db) : [];
  const recipients = [...new Map([...owners, ...operators].map((r) => [r.id, r])).values()];
  let sent = 0;
  for (const d of due) {
    const pct = Math.round(d.t * 100);
    const after =
      d.t < 1
        ? "You are close to what the plan includes."
        : d.kind === "texts"
          ? "Texts to callers keep going out; extra texts are billed at the plan's price."
          : state.policy === "stop_ai"
            ? "The AI stops answering until next month (your phone still rings first, and missed callers still get a text back)."
            : "The AI keeps answering; extra calls are billed at the plan's price.";
    const body = `${tenant.name} has used ${pct} % of the ${d.included} ${d.noun} included in the ${state.plan.name} plan for ${monthLabel(state.usage.month)} (${d.used} so far). ${after}`;
    const key = `plan.usage.${d.kind}.${pct}:${state.usage.month}`;
    for (const r of recipients) {
      for (const channel of ["in_app", "email"] as const) {
        const res = await notify({
          db,
          tenantId,
          userId: r.id,
          channel,
          purpose: `plan.usage_${pct}`,
          subject: channel === "email" ? `${tenant.name}: ${pct} % of the plan's ${d.noun} used` : null,
          body,
          to: channel === "email" ? r.email : null,
          key,
          enqueue,
        });
        if (res.created) sent += 1;
      }
    }
  }
  return sent;
}
