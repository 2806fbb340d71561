// SaaS mode: the invoices of an agency's Stripe account for its businesses.
//
// - While an invoice is a draft (Stripe sends `invoice.created` and finalizes it about an hour
//   later) the app adds the month's overage — extra AI-handled calls and extra texts at the plan's
//   prices, from the usage ledger and the texts sent — and sets LeadRescue's wholesale price for
//   that month as the application fee (direct charges: the agency's account charges the business,
//   Stripe moves the fee to LeadRescue). Idempotency keys per invoice and kind, plus the month
//   stamped in the invoice's metadata, make a replayed or concurrent event add nothing twice.
// - Every invoice event re-reads the invoice from Stripe and upserts its SaasInvoice row (one per
//   Stripe invoice): the margin table reads Stripe's own totals and fees, so it agrees to the cent.
//   A plan change's prorations (Stripe's credit for the old plan's unused time and charge for the
//   new plan's remaining time, on the next invoice) are part of the total and counted apart.
import type Stripe from "stripe";
import { forTenant, type SystemDb } from "@/server/db/system";
import { localDate } from "@/server/reports/period";
import { monthCounts, usageAgainstPlan } from "./plan-usage";
import { wholesaleCents } from "./wholesale";

const KIND = "leadrescue_kind";

/** Whether Stripe marked the line as a proration (a plan change's credit or charge). */
function isProration(line: Stripe.InvoiceLineItem): boolean {
  const parent = line.parent as {
    subscription_item_details?: { proration?: boolean } | null;
    invoice_item_details?: { proration?: boolean } | null;
  } | null;
  return !!(parent?.subscription_item_details?.proration || parent?.invoice_item_details?.proration);
}

/**
 * Pure: the invoice's figures by kind of line — our overage lines carry their kind and quantity;
 * Stripe marks a plan change's credit and charge as prorations; the rest is the plan's price.
 */
export function invoiceFigures(inv: Pick<Stripe.Invoice, "total" | "lines">) {
  let overageCallCents = 0,
    overageTextCents = 0,
    overageCalls = 0,
    overageTexts = 0,
    prorationCents = 0;
  for (const line of inv.lines.data) {
    const kind = line.metadata?.[KIND];
    const qty = Number(line.metadata?.quantity ?? 0);
    if (kind === "overage_calls") {
      overageCallCents += line.amount;
      overageCalls += qty;
    } else if (kind === "overage_texts") {
      overageTextCents += line.amount;
      overageTexts += qty;
    } else if (isProration(line)) {
      prorationCents += line.amount;
    }
  }
  return {
    totalCents: inv.total,
    overageCallCents,
    overageTextCents,
    overageCalls,
    overageTexts,
    prorationCents,
    baseCents: inv.total - overageCallCents - overageTextCents - prorationCents,
  };
}

export async function handleAgencyInvoice(
  sys: SystemDb,
  stripe: Stripe,
  input: { tenantId: string; stripeAccount: string; invoiceId: string },
): Promise<string> {
  const on = { stripeAccount: input.stripeAccount };
  const db = forTenant(sys, input.tenantId);
  let inv = await stripe.invoices.retrieve(input.invoiceId, {}, on);
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: input.tenantId },
    select: { timeZone: true, agencyPlan: true },
  });
  const month =
    inv.metadata?.leadrescue_month ??
    localDate(new Date(inv.period_start * 1000), tenant.timeZone).slice(0, 7);
  let outcome = "invoice:seen";

  if (inv.status === "draft" && !inv.metadata?.leadrescue_month && tenant.agencyPlan) {
    const counts = await monthCounts(db, tenant.timeZone, month);
    const usage = usageAgainstPlan(tenant.agencyPlan, month, counts);
    const customer = typeof inv.customer === "string" ? inv.customer : inv.customer!.id;
    const lines = [
      {
        kind: "overage_calls",
        qty: usage.overageCalls,
        unit: tenant.agencyPlan.overageCallCents,
        what: "extra AI-handled calls",
      },
      {
        kind: "overage_texts",
        qty: usage.overageTexts,
        unit: tenant.agencyPlan.overageTextCents,
        what: "extra texts",
      },
    ];
    for (const l of lines) {
      if (l.qty <= 0 || l.unit <= 0) continue;
      await stripe.invoiceItems.create(
        {
          customer,
          invoice: inv.id,
          amount: l.qty * l.unit,
          currency: inv.currency,
          description: `${l.qty} ${l.what} (${month})`,
          metadata: { [KIND]: l.kind, quantity: String(l.qty), month },
        },
        { ...on, idempotencyKey: `leadrescue-${l.kind}-${inv.id}` },
      );
    }
    inv = await stripe.invoices.retrieve(inv.id, {}, on);
    // Stripe refuses a fee above the invoice's total (e.g. a trial month, or a downgrade's credit):
    // LeadRescue takes at most the total, and nothing from an invoice that totals nothing.
    const fee = Math.max(0, Math.min(wholesaleCents(counts), inv.total));
    inv = await stripe.invoices.update(
      inv.id,
      {
        application_fee_amount: fee,
        metadata: { leadrescue_month: month, leadrescue_tenant: input.tenantId },
      },
      on,
    );
    outcome = "invoice:settled";
  }

  if (inv.status !== "draft") {
    const f = invoiceFigures(inv);
    const row = {
      stripeAccountId: input.stripeAccount,
      month,
      status: inv.status ?? "open",
      ...f,
      applicationFeeCents: (inv as { application_fee_amount?: number | null }).application_fee_amount ?? 0,
      currency: inv.currency,
      syncedAt: new Date(),
    };
    await db.saasInvoice.upsert({
      where: { stripeInvoiceId: inv.id },
      create: { tenantId: input.tenantId, stripeInvoiceId: inv.id, ...row },
      update: row,
    });
    outcome = `invoice:${inv.status}`;
  }
  return outcome;
}
