// The agency console: an operator's tenants with their health, adding a business, pause/resume.
// Every procedure goes through the agency gate (operators only, their own agency only).
import { z } from "zod";
import { zText } from "@/server/http/safe-input";
import { startTrialQuietly } from "@/server/billing/start-trial";
import { forTenant } from "@/server/db/system";
import { agencyOverview } from "@/server/agency/agency-overview";
import { createAgencyTenant } from "@/server/agency/create-agency-tenant";
import { pauseTenant, resumeTenant } from "@/server/agency/pause-tenant";
import { sendInviteEmail } from "@/server/integrations/email";
import { env } from "@/server/env";
import { agencyReport, agencyReportCsv } from "@/server/reports/agency-report";
import { ZReportPeriodInput } from "@/server/reports/period";
import { planOfAgency } from "@/server/saas/plans";
import { agencyBrand } from "@/server/saas/branding";
import { startAgencyPlan } from "@/server/saas/business-plans";
import { agencyProcedure, router } from "../init";

/** Names the agency when the operator runs several; the gate reads it. */
const ZAgency = z.object({ agencyId: z.string().max(64).optional() });

export const ZCreateTenantInput = ZAgency.extend({
  businessName: zText(100, { min: 2, minMessage: "Business name must be at least 2 characters." }),
  timeZone: z.string().min(1, "Choose a time zone."),
  ownerEmail: z.email("Enter the owner's email address, like owner@example.com.").max(200),
  /** SaaS mode: the agency plan the business starts on. */
  planId: z.string().min(1).max(64).optional(),
});

export const ZPauseInput = ZAgency.extend({
  tenantId: z.string().min(1).max(64),
  reason: z.string().trim().min(3, "Say why (at least 3 characters): it goes in the audit log.").max(500),
});

export const agencyRouter = router({
  overview: agencyProcedure.input(ZAgency.optional()).query(async ({ ctx }) => ({
    agency: { id: ctx.agency.agencyId, name: ctx.agency.name },
    agencies: ctx.agency.agencies,
    tenants: await agencyOverview(ctx.sys, ctx.agencyId),
  })),
  createTenant: agencyProcedure.input(ZCreateTenantInput).mutation(async ({ ctx, input }) => {
    // SaaS mode: a plan of this agency is checked before anything is created.
    if (input.planId) await planOfAgency(ctx.sys, ctx.agencyId, input.planId);
    const { tenant, owner, inviteToken } = await createAgencyTenant(
      ctx.sys,
      { agencyId: ctx.agencyId, actorId: ctx.userId },
      input,
    );
    // On an agency plan with the agency's Stripe connected: billed there (the plan's trial, no card);
    // otherwise LeadRescue's free trial, as before.
    const onAgencyBilling = input.planId
      ? await startAgencyPlan(
          ctx.sys,
          { agencyId: ctx.agencyId, actorId: ctx.userId },
          { tenantId: tenant.id, planId: input.planId, email: owner.email },
        )
      : false;
    if (!onAgencyBilling) await startTrialQuietly(forTenant(ctx.sys, tenant.id), tenant.id, owner.email);
    let invite: { link: string; emailed: boolean } | null = null;
    if (inviteToken) {
      const link = `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/invite/${inviteToken}`;
      const brand = await agencyBrand(ctx.sys, ctx.agencyId);
      invite = {
        link,
        emailed: await sendInviteEmail({
          to: owner.email,
          businessName: tenant.name,
          link,
          brandName: brand.slug ? brand.name : null,
        }),
      };
    }
    return { id: tenant.id, name: tenant.name, slug: tenant.slug, owner, invite };
  }),
  pause: agencyProcedure
    .input(ZPauseInput)
    .mutation(({ ctx, input }) =>
      pauseTenant(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, input),
    ),
  resume: agencyProcedure
    .input(ZPauseInput)
    .mutation(({ ctx, input }) =>
      resumeTenant(ctx.sys, { agencyId: ctx.agencyId, actorId: ctx.userId }, input),
    ),
  // ── reports ── the same KPIs per business side by side, with totals and CSV
  reports: agencyProcedure
    .input(ZAgency.extend({ period: ZReportPeriodInput }))
    .query(async ({ ctx, input }) => {
      const report = await agencyReport(ctx.sys, ctx.agencyId, input.period);
      return { ...report, csv: agencyReportCsv(report) };
    }),
});
