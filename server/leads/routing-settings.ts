// The routing rule settings: who receives emergencies, estimates, standard inbound and the
// fallback — always a member of this business.
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { ROUTING_KINDS, routingTarget, type RoutingKind } from "./routing";

export const ROUTING_LABELS: Record<RoutingKind, { label: string; hint: string }> = {
  emergency: { label: "Emergencies", hint: "Emergency and active-loss calls: dispatch / on-call." },
  estimate: { label: "Estimates", hint: "Estimate and consult leads: the sales owner." },
  standard: { label: "Standard inbound", hint: "Everything else that comes in: the office." },
  fallback: { label: "Fallback", hint: "Any kind without its own rule. Without one, the business owner." },
};

export async function getRoutingRules(ctx: TenantCtx) {
  const [rules, members] = await Promise.all([
    ctx.db.routingRule.findMany({ select: { kind: true, userId: true } }),
    ctx.db.membership.findMany({
      orderBy: { createdAt: "asc" },
      select: { userId: true, role: true, user: { select: { name: true, email: true } } },
    }),
  ]);
  const effective = await Promise.all(ROUTING_KINDS.map((k) => routingTarget(ctx.db, k)));
  return {
    rules: ROUTING_KINDS.map((kind, i) => ({
      kind,
      ...ROUTING_LABELS[kind],
      userId: rules.find((r) => r.kind === kind)?.userId ?? null,
      effectiveUserId: effective[i] ?? null,
    })),
    members: members.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, role: m.role })),
  };
}

export async function setRoutingRule(ctx: TenantCtx, input: { kind: RoutingKind; userId: string | null }) {
  if (!input.userId) {
    await ctx.db.routingRule.deleteMany({ where: { kind: input.kind } });
  } else {
    const member = await ctx.db.membership.findFirst({
      where: { userId: input.userId },
      select: { id: true },
    });
    if (!member)
      throw new AppError(
        "BAD_REQUEST",
        "That person is not a member of this business. Pick someone from the team.",
        "userId",
      );
    await ctx.db.routingRule.upsert({
      where: { tenantId_kind: { tenantId: ctx.tenantId, kind: input.kind } },
      create: { tenantId: ctx.tenantId, kind: input.kind, userId: input.userId },
      update: { userId: input.userId },
    });
  }
}
