// Billing: the state of the subscription and the gate, Checkout and the portal, cancellation,
// and the usage ledger. Owners and agency operators only ("billing.manage").
import { z } from "zod";
import { env } from "@/server/env";
import { billingState, listUsageLedger } from "@/server/billing/billing-state";
import { planOffer } from "@/server/billing/plan-offer";
import { cancellationJobs } from "@/server/billing/jobs";
import { requestCancellation, undoCancellation } from "@/server/billing/request-cancellation";
import { openPortal, startCheckout, type BillingDeps } from "@/server/billing/start-checkout";
import { getStripe, stripePlan } from "@/server/integrations/stripe";
import { router, tenantProcedure } from "../init";
import { tenantPerson } from "@/server/db/tenant-people";

const manage = tenantProcedure.meta({ permission: "billing.manage" });

const deps = (): BillingDeps => ({ stripe: getStripe, baseUrl: env.PUBLIC_BASE_URL, plan: stripePlan() });
const cancellationDeps = () => ({ stripe: getStripe, ...cancellationJobs });

export const billingRouter = router({
  state: manage.query(async ({ ctx }) =>
    billingState(ctx, new Date(), await planOffer(getStripe, stripePlan())),
  ),

  startCheckout: manage.mutation(async ({ ctx }) => {
    const user = await tenantPerson(ctx.db, ctx.userId);
    return startCheckout(
      { db: ctx.db, tenantId: ctx.tenantId, slug: ctx.tenant.slug, email: user?.email },
      deps(),
    );
  }),

  openPortal: manage.mutation(({ ctx }) =>
    openPortal({ db: ctx.db, tenantId: ctx.tenantId, slug: ctx.tenant.slug }, deps()),
  ),

  requestCancellation: manage.mutation(({ ctx }) =>
    requestCancellation({ db: ctx.db, tenantId: ctx.tenantId, actorId: ctx.userId }, cancellationDeps()),
  ),

  undoCancellation: manage.mutation(({ ctx }) =>
    undoCancellation({ db: ctx.db, tenantId: ctx.tenantId, actorId: ctx.userId }, cancellationDeps()),
  ),

  usageLedger: manage
    .input(
      z.object({
        cursor: z.string().max(40).nullish(),
        limit: z.number().int().min(1).max(100).default(20),
        outcome: z.enum(["billable", "credited"]).nullish(),
        period: z.enum(["current", "all"]).default("current"),
      }),
    )
    .query(({ ctx, input }) => listUsageLedger(ctx, input)),
});
