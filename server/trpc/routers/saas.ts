// SaaS mode (agency console): the agency's plans, which business is on which plan and what
// happens past its included calls, the agency's Stripe account (Connect), the margin table and
// the agency's API keys. Every procedure goes through the agency gate (operators only, their own
// agency only); server/saas/saas-gate.integration.test.ts proves it for each.
import { z } from "zod";
import { agencyProcedure, router } from "../init";
import { createPlan, listPlans, updatePlan, ZPlanFields } from "@/server/saas/plans";
import { agencyBusinessesWithPlans, changeBusinessPlan } from "@/server/saas/business-plans";

const ZAgency = z.object({ agencyId: z.string().max(64).optional() });
const ZId = z.string().min(1).max(64);

export const saasRouter = router({
  plans: agencyProcedure.input(ZAgency.optional()).query(({ ctx }) => listPlans(ctx.sys, ctx.agencyId)),
  createPlan: agencyProcedure.input(ZAgency.extend({ plan: ZPlanFields })).mutation(({ ctx, input }) => createPlan(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, input.plan)),
  updatePlan: agencyProcedure.input(ZAgency.extend({ planId: ZId, plan: ZPlanFields })).mutation(({ ctx, input }) => updatePlan(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, input.planId, input.plan)),
  businesses: agencyProcedure.input(ZAgency.optional()).query(({ ctx }) => agencyBusinessesWithPlans(ctx.sys, ctx.agencyId)),
  assignPlan: agencyProcedure
    .input(ZAgency.extend({ tenantId: ZId, planId: ZId.nullable(), overagePolicy: z.enum(["bill", "stop_ai"]).optional() }))
    .mutation(({ ctx, input }) => changeBusinessPlan(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, input)),
});
