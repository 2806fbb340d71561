// SaaS mode (agency console): the agency's plans, which business is on which plan and what
// happens past its included calls, the agency's Stripe account (Connect), the margin table and
// the agency's API keys. Every procedure goes through the agency gate (operators only, their own
// agency only); server/saas/saas-gate.integration.test.ts proves it for each.
import { z } from "zod";
import { agencyProcedure, router } from "../init";
import { createPlan, listPlans, updatePlan, ZPlanFields } from "@/server/saas/plans";
import { agencyBusinessesWithPlans, changeBusinessPlan } from "@/server/saas/business-plans";
import { syncAgencyBilling } from "@/server/saas/agency-billing";
import { connectStatus, startConnectOnboarding, syncConnectedAccount } from "@/server/saas/connect";
import { getStripe } from "@/server/integrations/stripe";
import { env } from "@/server/env";
import { agencyBrand, saveLogo, updateBrand, ZBrandInput } from "@/server/saas/branding";
import { agencyMargin, agencyMarginCsv, marginHistory, ZMonth } from "@/server/saas/margin";
import { createAgencyApiKey, listAgencyApiKeys, revokeAgencyApiKey } from "@/server/saas/agency-api-keys";

const ZAgency = z.object({ agencyId: z.string().max(64).optional() });
const ZId = z.string().min(1).max(64);

export const saasRouter = router({
  plans: agencyProcedure.input(ZAgency.optional()).query(({ ctx }) => listPlans(ctx.sys, ctx.agencyId)),
  createPlan: agencyProcedure
    .input(ZAgency.extend({ plan: ZPlanFields }))
    .mutation(({ ctx, input }) =>
      createPlan(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, input.plan),
    ),
  updatePlan: agencyProcedure
    .input(ZAgency.extend({ planId: ZId, plan: ZPlanFields }))
    .mutation(({ ctx, input }) =>
      updatePlan(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, input.planId, input.plan),
    ),
  businesses: agencyProcedure
    .input(ZAgency.optional())
    .query(({ ctx }) => agencyBusinessesWithPlans(ctx.sys, ctx.agencyId)),
  assignPlan: agencyProcedure
    .input(
      ZAgency.extend({
        tenantId: ZId,
        planId: ZId.nullable(),
        overagePolicy: z.enum(["bill", "stop_ai"]).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await changeBusinessPlan(
        ctx.sys,
        { agencyId: ctx.agencyId, actorId: ctx.userId },
        input,
      );
      // On the agency's Stripe account when it is connected (a plan change is prorated by Stripe).
      const billing = await syncAgencyBilling(ctx.sys, await getStripe(), result.tenantId);
      return { ...result, billing };
    }),
  // ── Stripe Connect ──
  connectStatus: agencyProcedure
    .input(ZAgency.extend({ refresh: z.boolean().optional() }).optional())
    .query(async ({ ctx, input }) => {
      const status = await connectStatus(ctx.sys, ctx.agencyId);
      // Back from Stripe's onboarding page: read the account now rather than wait for the webhook.
      if (input?.refresh && status.accountId) {
        await syncConnectedAccount(ctx.sys, await getStripe(), status.accountId);
        return connectStatus(ctx.sys, ctx.agencyId);
      }
      return status;
    }),
  // ── margin ──
  margin: agencyProcedure.input(ZAgency.extend({ month: ZMonth })).query(async ({ ctx, input }) => {
    const billing = await agencyMargin(ctx.sys, ctx.agencyId, input.month);
    return { ...billing, csv: agencyMarginCsv(billing) };
  }),
  marginHistory: agencyProcedure
    .input(ZAgency.optional())
    .query(({ ctx }) => marginHistory(ctx.sys, ctx.agencyId)),
  // ── agency API keys ──
  apiKeys: agencyProcedure
    .input(ZAgency.optional())
    .query(({ ctx }) => listAgencyApiKeys(ctx.sys, ctx.agencyId)),
  createApiKey: agencyProcedure
    .input(
      ZAgency.extend({ name: z.string().trim().min(2, 'Give the key a name, e.g. "Accounting".').max(60) }),
    )
    .mutation(({ ctx, input }) =>
      createAgencyApiKey(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, { name: input.name }),
    ),
  revokeApiKey: agencyProcedure
    .input(ZAgency.extend({ id: ZId }))
    .mutation(({ ctx, input }) => revokeAgencyApiKey(ctx.sys, ctx.agencyId, input.id)),
  // ── white label ──
  brand: agencyProcedure.input(ZAgency.optional()).query(({ ctx }) => agencyBrand(ctx.sys, ctx.agencyId)),
  updateBrand: agencyProcedure
    .input(ZAgency.extend({ brand: ZBrandInput }))
    .mutation(({ ctx, input }) => updateBrand(ctx.sys, ctx.agencyId, input.brand)),
  // The image as base64 (a 200 KB logo is ≈ 270,000 characters); its size and type are checked on the bytes.
  uploadLogo: agencyProcedure
    .input(ZAgency.extend({ base64: z.string().max(400_000, "The logo can be at most 200 KB.") }))
    .mutation(({ ctx, input }) =>
      saveLogo(ctx.sys, ctx.agencyId, new Uint8Array(Buffer.from(input.base64, "base64"))),
    ),
  startConnect: agencyProcedure.input(ZAgency.optional()).mutation(async ({ ctx }) =>
    startConnectOnboarding(ctx.sys, await getStripe(), {
      agencyId: ctx.agencyId,
      baseUrl: env.PUBLIC_BASE_URL,
    }),
  ),
});
