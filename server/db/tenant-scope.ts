// The tenant-scoped Prisma client: every read, write and delete of a tenant model gets
// `tenantId` added, so a procedure cannot reach another tenant's rows even by mistake.
import type { PrismaClient } from "./generated/client";

/** Models that carry tenantId. A test checks this list against the schema. */
export const TENANT_MODELS = [
  "Membership",
  "CallAnswerSettings",
  "Invite",
  "TrackingNumber",
  "ServiceZip",
  "BusinessHours",
  "BookingSlot",
  "Lead",
  "LeadEvent",
  "TrackedLink",
  "Call",
  "CallTurn",
  "Task",
  "ApiKey",
  "AuditLog",
  // ── calls ──
  // ── leads ──
  "RoutingRule",
  "Escalation",
  "Notification",
  // ── billing ──
  "BillingAccount",
  "SaasInvoice",
  "UsageLedgerEntry",
  // ── messaging ──
  "Message",
  "ConsentRecord",
  "TextBackWindow",
  "MessagingSettings",
  // ── qa ──
  "QaDay",
  "QaReview",
  // ── reports ──
  "HandoffReview",
  // ── integrations ──
  "WebhookEndpoint",
  "WebhookDelivery",
  "CalendarFeed",
] as const;

const tenantModels = new Set<string>(TENANT_MODELS);

const WHERE_OPS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

export function scopeArgs(model: string | undefined, operation: string, args: Args | undefined, tenantId: string): Args {
  const a: Args = { ...(args ?? {}) };
  // The tenant directory answers a scoped client with its own row only: the filter is ANDed, so
  // asking for another tenant's id (or slug) finds nothing rather than the own row.
  if (model === "Tenant") {
    if (WHERE_OPS.has(operation) || operation === "upsert") {
      const where = a.where ?? {};
      const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
      a.where = { ...where, AND: [...and, { id: tenantId }] };
    }
    if (operation === "create") a.data = { ...(a.data as object), id: tenantId };
    if (operation === "upsert") a.create = { ...(a.create as object), id: tenantId };
    if (operation === "createMany" || operation === "createManyAndReturn") throw new Error("A tenant-scoped client creates only its own tenant.");
    return a;
  }
  if (!model || !tenantModels.has(model)) return a;
  if (WHERE_OPS.has(operation)) {
    a.where = { ...(a.where ?? {}), tenantId };
  }
  if (operation === "create") a.data = { ...(a.data as object), tenantId };
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const data = a.data;
    a.data = Array.isArray(data) ? data.map((d) => ({ ...d, tenantId })) : { ...(data as object), tenantId };
  }
  if (operation === "upsert") {
    a.where = { ...(a.where ?? {}), tenantId };
    a.create = { ...(a.create as object), tenantId };
  }
  return a;
}

export function tenantScoped(prisma: PrismaClient, tenantId: string) {
  if (!tenantId) throw new Error("tenantScoped needs a tenantId");
  return prisma.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, args as Args, tenantId) as never);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof tenantScoped>;

/** What a tenant-scoped domain function receives: the scoped client and the tenant it is scoped to. */
export type TenantCtx = { db: TenantDb; tenantId: string };

/** The scoped client inside an interactive transaction (`db.$transaction(async (tx) => …)`): still scoped. */
export type TenantTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];
