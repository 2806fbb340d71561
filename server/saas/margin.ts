// The agency's margin, at a glance: per business for a month — revenue at the agency's price,
// LeadRescue's wholesale cost, margin, usage and overage — and the last 12 months.
//
// A month that Stripe has invoiced reads Stripe's own figures (SaasInvoice: the invoice total is
// the revenue, the application fee is the wholesale cost), so the table agrees with Stripe to the
// cent. A month not invoiced yet (the current one) is an estimate from the plan and the usage so
// far, and says so. Businesses that pay LeadRescue directly are not in the table.
import { z } from "zod";
import { csvCell } from "@/server/text/csv-cell";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { monthLabel } from "@/server/reports/period";
import { currentMonth, monthCounts, usageAgainstPlan } from "./plan-usage";
import { wholesaleCents } from "./wholesale";

export const ZMonth = z
  .string({ error: "month must look like 2026-03." })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must look like 2026-03.");

export const ZMarginRow = z.object({
  businessId: z.string(),
  business: z.string(),
  slug: z.string(),
  plan: z.string().nullable(),
  source: z
    .enum(["invoiced", "estimate"])
    .meta({ description: "invoiced: Stripe's invoices of the month; estimate: not invoiced yet" }),
  calls: z.number().int().meta({ description: "Billable AI-handled calls (credited calls never count)" }),
  texts: z.number().int(),
  includedCalls: z.number().int(),
  includedTexts: z.number().int(),
  overageCalls: z.number().int(),
  overageTexts: z.number().int(),
  overageCents: z.number().int(),
  prorationCents: z.number().int().meta({
    description:
      "Plan changes: Stripe's prorations on the month's invoices (a credit for the old plan's unused time plus a charge for the new plan's remaining time); part of revenueCents. 0 in an estimate",
  }),
  revenueCents: z.number().int().meta({ description: "At the agency's price" }),
  wholesaleCents: z
    .number()
    .int()
    .meta({ description: "LeadRescue's wholesale price (the application fee)" }),
  marginCents: z.number().int(),
  invoices: z.number().int(),
});
export type MarginRow = z.infer<typeof ZMarginRow>;

export const ZAgencyBilling = z
  .object({
    agency: z.string(),
    month: z.string(),
    label: z.string(),
    currency: z.string(),
    rows: z.array(ZMarginRow),
    totals: z.object({
      revenueCents: z.number().int(),
      wholesaleCents: z.number().int(),
      marginCents: z.number().int(),
      overageCents: z.number().int(),
      prorationCents: z.number().int(),
      calls: z.number().int(),
      texts: z.number().int(),
    }),
  })
  .meta({ id: "AgencyBilling" });
export type AgencyBilling = z.infer<typeof ZAgencyBilling>;

export async function agencyMargin(
  sys: SystemDb,
  agencyId: string,
  month: string,
  now: Date = new Date(),
): Promise<AgencyBilling> {
  const directory = globalDb(sys);
  const agency = await directory.agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: { name: true },
  });
  const tenants = await directory.tenant.findMany({
    where: { agencyId },
    select: { id: true, name: true, slug: true, timeZone: true, agencyPlan: true },
    orderBy: { name: "asc" },
  });
  const rows: MarginRow[] = [];
  for (const t of tenants) {
    const db = forTenant(sys, t.id);
    const invoices = await db.saasInvoice.findMany({ where: { month, status: { in: ["paid", "open"] } } });
    if (!t.agencyPlan && !invoices.length) continue;
    const counts = await monthCounts(db, t.timeZone, month);
    const base = {
      businessId: t.id,
      business: t.name,
      slug: t.slug,
      plan: t.agencyPlan?.name ?? null,
      calls: counts.calls,
      texts: counts.texts,
      includedCalls: t.agencyPlan?.includedCalls ?? 0,
      includedTexts: t.agencyPlan?.includedTexts ?? 0,
      invoices: invoices.length,
    };
    if (invoices.length) {
      const sum = (
        k:
          | "totalCents"
          | "applicationFeeCents"
          | "overageCallCents"
          | "overageTextCents"
          | "overageCalls"
          | "overageTexts"
          | "prorationCents",
      ) => invoices.reduce((n, i) => n + i[k], 0);
      const revenue = sum("totalCents");
      const fee = sum("applicationFeeCents");
      rows.push({
        ...base,
        source: "invoiced",
        overageCalls: sum("overageCalls"),
        overageTexts: sum("overageTexts"),
        overageCents: sum("overageCallCents") + sum("overageTextCents"),
        prorationCents: sum("prorationCents"),
        revenueCents: revenue,
        wholesaleCents: fee,
        marginCents: revenue - fee,
      });
    } else if (t.agencyPlan && month >= currentMonth(t.timeZone, now)) {
      const u = usageAgainstPlan(t.agencyPlan, month, counts);
      const cost = wholesaleCents(counts);
      rows.push({
        ...base,
        source: "estimate",
        overageCalls: u.overageCalls,
        overageTexts: u.overageTexts,
        overageCents: u.overageCents,
        prorationCents: 0,
        revenueCents: u.revenueCents,
        wholesaleCents: cost,
        marginCents: u.revenueCents - cost,
      });
    }
  }
  const total = (
    k:
      | "revenueCents"
      | "wholesaleCents"
      | "marginCents"
      | "overageCents"
      | "prorationCents"
      | "calls"
      | "texts",
  ) => rows.reduce((n, r) => n + r[k], 0);
  return {
    agency: agency.name,
    month,
    label: monthLabel(month),
    currency: "usd",
    rows,
    totals: {
      revenueCents: total("revenueCents"),
      wholesaleCents: total("wholesaleCents"),
      marginCents: total("marginCents"),
      overageCents: total("overageCents"),
      prorationCents: total("prorationCents"),
      calls: total("calls"),
      texts: total("texts"),
    },
  };
}

/** The last 12 months' totals, oldest first (the chart). */
export async function marginHistory(sys: SystemDb, agencyId: string, now: Date = new Date()) {
  const months: string[] = [];
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (let i = 11; i >= 0; i--)
    months.push(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  const out = [];
  for (const m of months) {
    const { totals } = await agencyMargin(sys, agencyId, m, now);
    out.push({
      month: m,
      label: monthLabel(m),
      revenueCents: totals.revenueCents,
      wholesaleCents: totals.wholesaleCents,
      marginCents: totals.marginCents,
    });
  }
  return out;
}

const dollars = (c: number) => (c / 100).toFixed(2);

export function agencyMarginCsv(b: AgencyBilling): string {
  const head = [
    "month",
    "business",
    "plan",
    "source",
    "calls",
    "included_calls",
    "overage_calls",
    "texts",
    "included_texts",
    "overage_texts",
    "overage",
    "revenue",
    "wholesale",
    "margin",
    "invoices",
    "proration",
  ];
  const lines = b.rows.map((r) => [
    b.month,
    r.business,
    r.plan,
    r.source,
    r.calls,
    r.includedCalls,
    r.overageCalls,
    r.texts,
    r.includedTexts,
    r.overageTexts,
    dollars(r.overageCents),
    dollars(r.revenueCents),
    dollars(r.wholesaleCents),
    dollars(r.marginCents),
    r.invoices,
    dollars(r.prorationCents),
  ]);
  lines.push([
    b.month,
    "Total",
    null,
    null,
    b.totals.calls,
    null,
    null,
    b.totals.texts,
    null,
    null,
    dollars(b.totals.overageCents),
    dollars(b.totals.revenueCents),
    dollars(b.totals.wholesaleCents),
    dollars(b.totals.marginCents),
    null,
    dollars(b.totals.prorationCents),
  ]);
  return [head, ...lines].map((l) => l.map(csvCell).join(",")).join("\n") + "\n";
}
