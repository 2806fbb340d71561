// Routing a lead to its receiving owner (seed 001 "Intake assigns one receiving owner based on
// the routing rule"), and giving it its first next action and due time from the source SLA.
// Recovered missed calls always land with a person, never in a generic pool.
import type { Lead, Prisma } from "@/server/db/generated/client";
import type { LeadSource } from "@/server/db/generated/enums";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { routingKindFor, routingTarget } from "./routing";
import { firstNextAction, firstResponseDueAt } from "./response-sla";

/** Owner, next action and due time for a new lead that has none yet. */
export async function initialHandoff(ctx: Pick<TenantCtx, "prisma" | "tenantId">, lead: Pick<Lead, "urgency" | "isEstimate" | "source" | "createdAt" | "ownerId" | "nextAction" | "dueAt">) {
  const kind = routingKindFor(lead);
  return {
    ownerId: lead.ownerId ?? (await routingTarget(ctx.prisma, ctx.tenantId, kind)),
    nextAction: lead.nextAction ?? firstNextAction(lead.source as LeadSource),
    dueAt: lead.dueAt ?? firstResponseDueAt(lead.source as LeadSource, lead.createdAt),
  };
}

/**
 * For the call flow (or any system path) after it created a lead: route it if nobody owns it,
 * set the first next action and due time if missing. Idempotent; a system event on the timeline.
 */
export async function routeNewLead(ctx: Pick<TenantCtx, "prisma" | "tenantId">, leadId: string): Promise<Lead | null> {
  const lead = await ctx.prisma.lead.findFirst({ where: { id: leadId, tenantId: ctx.tenantId } });
  if (!lead || lead.status === "closed" || (lead.ownerId && lead.nextAction && lead.dueAt)) return lead;
  const handoff = await initialHandoff(ctx, lead);
  const claimed = await ctx.prisma.lead.updateMany({ where: { id: lead.id, tenantId: ctx.tenantId, ownerId: lead.ownerId }, data: { ...handoff, lastActivityAt: new Date() } });
  if (claimed.count === 1 && handoff.ownerId && handoff.ownerId !== lead.ownerId) {
    await ctx.prisma.leadEvent.create({
      data: { tenantId: ctx.tenantId, leadId: lead.id, type: "lead.routed", data: { ownerId: handoff.ownerId, kind: routingKindFor(lead), dueAt: handoff.dueAt.toISOString() } as Prisma.InputJsonValue },
    });
  }
  return ctx.prisma.lead.findFirst({ where: { id: lead.id, tenantId: ctx.tenantId } });
}
