// Agency plans (SaaS mode): the operator defines plans at the agency's own price — a monthly price,
// included AI-handled calls and texts, an overage price per call and per text, a trial length —
// and puts a business on one (when creating it or later), with the choice of what happens past
// 100 % of the included calls. Plans are the agency's (global table); a business's plan is a
// column on its own row, changed only through the operator's agency.
import { z } from "zod";
import { writeAudit } from "@/server/audit/write-audit";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";

const cents = (label: string, max: number) =>
  z
    .number({ error: `Enter ${label}.` })
    .int(`${label[0]!.toUpperCase()}${label.slice(1)} must be whole cents.`)
    .min(0, `${label[0]!.toUpperCase()}${label.slice(1)} cannot be negative.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} is too large.`);

export const ZPlanFields = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Plan name must be at least 2 characters.")
    .max(60, "Plan name must be at most 60 characters."),
  monthlyPriceCents: cents("the monthly price", 10_000_000).min(
    100,
    "The monthly price must be at least $1.00.",
  ),
  includedCalls: z
    .number()
    .int("Included calls must be a whole number.")
    .min(0, "Included calls cannot be negative.")
    .max(100_000),
  includedTexts: z
    .number()
    .int("Included texts must be a whole number.")
    .min(0, "Included texts cannot be negative.")
    .max(1_000_000),
  overageCallCents: cents("the price per extra call", 100_000),
  overageTextCents: cents("the price per extra text", 10_000),
  trialDays: z
    .number()
    .int("Trial days must be a whole number.")
    .min(0, "Trial days cannot be negative.")
    .max(90, "A trial can be at most 90 days."),
});
export type PlanFields = z.infer<typeof ZPlanFields>;

type AgencyCtx = { agencyId: string; actorId: string };

export async function listPlans(sys: SystemDb, agencyId: string) {
  const plans = await globalDb(sys).agencyPlan.findMany({
    where: { agencyId, archivedAt: null },
    orderBy: [{ monthlyPriceCents: "asc" }, { createdAt: "asc" }],
  });
  const counts = await globalDb(sys).tenant.groupBy({
    by: ["agencyPlanId"],
    where: { agencyId, agencyPlanId: { in: plans.map((p) => p.id) } },
    _count: { _all: true },
  });
  const byPlan = new Map(counts.map((c) => [c.agencyPlanId, c._count._all]));
  return plans.map(({ stripePriceId: _p, stripePriceAmount: _a, ...p }) => ({
    ...p,
    businesses: byPlan.get(p.id) ?? 0,
  }));
}

export async function createPlan(sys: SystemDb, ctx: AgencyCtx, input: PlanFields) {
  const fields = ZPlanFields.parse(input);
  const dup = await globalDb(sys).agencyPlan.findFirst({
    where: { agencyId: ctx.agencyId, archivedAt: null, name: { equals: fields.name, mode: "insensitive" } },
    select: { id: true },
  });
  if (dup) throw new AppError("CONFLICT", `You already have a plan called "${fields.name}".`, "name");
  return globalDb(sys).agencyPlan.create({ data: { agencyId: ctx.agencyId, ...fields } });
}

/** A plan of this agency, or FORBIDDEN (same answer for "no such plan" and "not yours"). */
export async function planOfAgency(sys: SystemDb, agencyId: string, planId: string) {
  const plan = await globalDb(sys).agencyPlan.findFirst({
    where: { id: planId, agencyId, archivedAt: null },
  });
  if (!plan) throw new AppError("FORBIDDEN", "That plan is not one of your agency's plans.", "planId");
  return plan;
}

export async function updatePlan(sys: SystemDb, ctx: AgencyCtx, planId: string, input: PlanFields) {
  await planOfAgency(sys, ctx.agencyId, planId);
  const fields = ZPlanFields.parse(input);
  return globalDb(sys).agencyPlan.update({ where: { id: planId }, data: fields });
}

export type AssignPlanInput = { tenantId: string; planId: string | null; overagePolicy?: "bill" | "stop_ai" };

/**
 * Puts a business of this agency on a plan (or takes it off: null) and/or sets its overage choice.
 * Returns the tenant with its previous plan, so the caller can move its Stripe subscription.
 */
export async function assignPlan(sys: SystemDb, ctx: AgencyCtx, input: AssignPlanInput) {
  if (input.planId) await planOfAgency(sys, ctx.agencyId, input.planId);
  return forTenant(sys, input.tenantId).$transaction(async (tx) => {
    const tenant = await tx.tenant.findFirst({
      where: { id: input.tenantId, agencyId: ctx.agencyId },
      select: { id: true, slug: true, agencyPlanId: true, overagePolicy: true },
    });
    if (!tenant) throw new AppError("FORBIDDEN", "That business is not one of your agency's businesses.");
    const data = {
      agencyPlanId: input.planId,
      ...(input.overagePolicy ? { overagePolicy: input.overagePolicy } : {}),
    };
    await tx.tenant.update({ where: { id: tenant.id }, data });
    await writeAudit(tx, {
      tenantId: tenant.id,
      actorId: ctx.actorId,
      action: "tenant.plan_changed",
      target: tenant.slug,
      data: {
        from: tenant.agencyPlanId,
        to: input.planId,
        overagePolicy: input.overagePolicy ?? tenant.overagePolicy,
      },
    });
    return {
      tenantId: tenant.id,
      previousPlanId: tenant.agencyPlanId,
      planId: input.planId,
      overagePolicy: input.overagePolicy ?? tenant.overagePolicy,
    };
  });
}
