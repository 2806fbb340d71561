// SaaS mode: the agency's own Stripe account through Stripe Connect. The operator opens an
// onboarding link (an Express account is created once per agency); Stripe sends `account.updated`
// when onboarding is done, and the app re-reads the account (never trusting the payload) to learn
// whether it may take charges. Until it can, businesses keep paying LeadRescue.
import type Stripe from "stripe";
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { WHOLESALE } from "./wholesale";

export async function connectStatus(sys: SystemDb, agencyId: string) {
  const agency = await globalDb(sys).agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: { stripeAccountId: true, stripeChargesEnabled: true },
  });
  return {
    connected: !!agency.stripeAccountId,
    chargesEnabled: agency.stripeChargesEnabled,
    accountId: agency.stripeAccountId,
    /** LeadRescue's price list to the agency (its cost per business); agency console only. */
    wholesale: { ...WHOLESALE },
  };
}

/** The onboarding link for the agency's connected account (created on first use). */
export async function startConnectOnboarding(
  sys: SystemDb,
  stripe: Stripe,
  input: { agencyId: string; baseUrl: string },
): Promise<{ url: string }> {
  const directory = globalDb(sys);
  const agency = await directory.agency.findUniqueOrThrow({
    where: { id: input.agencyId },
    select: { id: true, name: true, stripeAccountId: true },
  });
  let accountId = agency.stripeAccountId;
  if (!accountId) {
    const account = await stripe.accounts.create(
      { type: "express", business_profile: { name: agency.name }, metadata: { agencyId: agency.id } },
      { idempotencyKey: `leadrescue-connect-${agency.id}` },
    );
    // Two operators clicking at once: the first account stored wins (same idempotency key, same account).
    await directory.agency.updateMany({
      where: { id: agency.id, stripeAccountId: null },
      data: { stripeAccountId: account.id },
    });
    accountId = (
      await directory.agency.findUniqueOrThrow({
        where: { id: agency.id },
        select: { stripeAccountId: true },
      })
    ).stripeAccountId!;
  }
  const base = input.baseUrl.replace(/\/+$/, "");
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    refresh_url: `${base}/agency/saas?stripe=refresh`,
    return_url: `${base}/agency/saas?stripe=return`,
  });
  if (!link.url)
    throw new AppError("BAD_REQUEST", "Stripe did not return an onboarding page. Try again in a minute.");
  return { url: link.url };
}

/** Re-reads a connected account from Stripe and stores whether it may take charges. */
export async function syncConnectedAccount(
  sys: SystemDb,
  stripe: Stripe,
  accountId: string,
): Promise<string> {
  const directory = globalDb(sys);
  const agency = await directory.agency.findUnique({
    where: { stripeAccountId: accountId },
    select: { id: true },
  });
  if (!agency) return "no_agency";
  const account = await stripe.accounts.retrieve(accountId);
  await directory.agency.update({
    where: { id: agency.id },
    data: { stripeChargesEnabled: !!account.charges_enabled },
  });
  return account.charges_enabled ? "account:charges_enabled" : "account:pending";
}
