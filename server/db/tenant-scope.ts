// The tenant-scoped Prisma client: every read, write and delete of a tenant model gets
// `tenantId` added, so a procedure cannot reach another tenant's rows even by mistake. It has
// nothing else: no global tables (users, agencies, throttles: people come from `tenantPeople`,
// tenant-people.ts) and no raw SQL (a statement runs through `tenantSql`, tenant-sql.ts, which binds
// this client's tenant id itself).
import type { Prisma, PrismaClient } from "./generated/client";

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
  "AfterCallReview",
  // ── reports ──
  "HandoffReview",
  "ReportDay",
  "ReportDayGroup",
  // ── integrations ──
  "WebhookEndpoint",
  "WebhookDelivery",
  "CalendarFeed",
  // ── follow-ups ──
  "FollowUpSequence",
  "FollowUpEnrollment",
  "FollowUpDraft",
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

export function scopeArgs(
  model: string | undefined,
  operation: string,
  args: Args | undefined,
  tenantId: string,
): Args {
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
    if (operation === "createMany" || operation === "createManyAndReturn")
      throw new Error("A tenant-scoped client creates only its own tenant.");
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

const SCOPE = "$tenantScope";

function scopedClient(prisma: PrismaClient, tenantId: string) {
  if (!tenantId) throw new Error("tenantScoped needs a tenantId");
  return prisma
    .$extends({
      name: "tenant-id",
      // Frozen: a scoped client is shared by every request of its tenant (tenantScoped below).
      client: { [SCOPE]: Object.freeze({ tenantId }) } as { $tenantScope: { readonly tenantId: string } },
    })
    .$extends({
      name: "tenant-scope",
      query: {
        $allModels: {
          $allOperations({ model, operation, args, query }) {
            if (model && model !== "Tenant" && !tenantModels.has(model))
              throw new Error(
                `${model} is not tenant data: a tenant's client has no global tables (people: tenantPeople in server/db/tenant-people.ts).`,
              );
            return query(scopeArgs(model, operation, args as Args, tenantId) as never);
          },
        },
      },
    });
}

type Scoped = ReturnType<typeof scopedClient>;
type TenantModel = (typeof TENANT_MODELS)[number];
/** The tables that belong to no tenant (users, agencies, throttles, …): absent from a tenant's client. */
export type GlobalDelegate = Uncapitalize<Exclude<Prisma.ModelName, TenantModel | "Tenant">>;
/** Raw SQL is not scoped by the extension, so it is not on a tenant's client: see tenant-sql.ts. */
type RawSql = "$queryRaw" | "$queryRawUnsafe" | "$executeRaw" | "$executeRawUnsafe";
type Hidden = GlobalDelegate | RawSql | typeof SCOPE | "$extends" | "$transaction";
type TxOptions = { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel };

/** The scoped client inside an interactive transaction (`db.$transaction(async (tx) => …)`): still scoped, still without global tables or raw SQL. */
export type TenantTx = Omit<Parameters<Parameters<Scoped["$transaction"]>[0]>[0], Hidden>;

/** One tenant's client: its tenant models (and its own Tenant row), nothing else. */
export type TenantDb = Omit<Scoped, Hidden> & {
  $transaction<R>(fn: (tx: TenantTx) => Promise<R>, options?: TxOptions): Promise<R>;
  $transaction<P extends Prisma.PrismaPromise<unknown>[]>(
    arg: [...P],
    options?: TxOptions,
  ): Promise<{ [K in keyof P]: Awaited<P[K]> }>;
};

/** How many tenants' scoped clients are kept per base client (the least recently used goes first). */
export const SCOPED_CLIENTS_KEPT = 1_000;
const scopedClients = new WeakMap<PrismaClient, Map<string, Scoped>>();

/**
 * One tenant's client on `prisma`. Building one ($extends twice) cost ~65 µs, once per webhook,
 * so the client is kept and handed to every later request of the same tenant on the same base
 * client: the map is keyed by the exact tenant id it was built for, so it can only ever return
 * that tenant's client, and the client holds nothing from a request (its scope is frozen; a
 * transaction gets its own client from Prisma).
 */
export function tenantScoped(prisma: PrismaClient, tenantId: string): TenantDb {
  if (!tenantId) throw new Error("tenantScoped needs a tenantId");
  let kept = scopedClients.get(prisma);
  if (!kept) scopedClients.set(prisma, (kept = new Map()));
  let db = kept.get(tenantId);
  if (db) kept.delete(tenantId);
  else {
    db = scopedClient(prisma, tenantId);
    if (kept.size >= SCOPED_CLIENTS_KEPT) kept.delete(kept.keys().next().value!);
  }
  kept.set(tenantId, db); // the most recently used last
  return db as unknown as TenantDb;
}

/** The tenant a scoped client (or its transaction) was opened for: server/db's own statements bind it (tenant-sql.ts, tenant-people.ts). */
export function scopeOf(db: TenantDb | TenantTx): string {
  const scope = (db as unknown as { [SCOPE]?: { tenantId: string } })[SCOPE];
  if (!scope) throw new Error("Not a tenant-scoped client.");
  return scope.tenantId;
}

/** The client behind a scoped client, for server/db's own statements that bind the scope's tenant id themselves. */
export function unscoped(db: TenantDb | TenantTx): Pick<PrismaClient, RawSql> {
  return db as unknown as PrismaClient;
}

/** What a tenant-scoped domain function receives: the scoped client and the tenant it is scoped to. */
export type TenantCtx = { db: TenantDb; tenantId: string };
