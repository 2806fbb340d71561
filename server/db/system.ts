// The two ways code outside server/db reaches the database, so tenancy is closed by types:
//
// - `TenantDb` (tenant-scope.ts): one tenant's rows. Every read, write and delete of a tenant
//   model gets that tenant's id, and the Tenant table answers only with the tenant's own row.
//   Domain functions take it; handlers get it from the tRPC tenant gate or build it with
//   `forTenant` as soon as a webhook or job knows whose data it is handling.
//   It has no global tables and no raw SQL: people come from `tenantPeople` (tenant-people.ts),
//   statements run through `tenantSql` (tenant-sql.ts), which binds the tenant id itself.
// - `SystemDb`: the whole database as a handle that cannot be queried. Outside server/db it can
//   only open one tenant (`forTenant`), open the global tables (`globalDb`: users, agencies, the
//   tenant directory, throttles), open an agency's businesses read-only (`forAgency`, agency.ts),
//   or be handed to a named cross-tenant lookup in server/db (cross-tenant.ts), which is how a
//   webhook or a sweep learns whose data it is handling.
//
// The raw Prisma client (`getPrisma`, `PrismaClient`, `tenantScoped`, `systemDb`, `rawClient`)
// is imported only in server/db, server/jobs and tests; ESLint refuses it anywhere else.
import type { PrismaClient } from "./generated/client";
import { TENANT_MODELS, tenantScoped, type TenantDb } from "./tenant-scope";

declare const opaque: unique symbol;

/** The whole database, opaque: see the comment at the top of this file. */
export type SystemDb = { readonly [opaque]: "SystemDb" };

/** Wraps the process's client as the opaque handle (server/db, server/jobs, tests). */
export const systemDb = (prisma: PrismaClient): SystemDb => prisma as unknown as SystemDb;

/** The client behind the handle, for server/db's own named lookups. */
export const rawClient = (sys: SystemDb): PrismaClient => sys as unknown as PrismaClient;

/** One tenant's scoped client, once a trusted source (session, called number, job data) named the tenant. */
export function forTenant(sys: SystemDb, tenantId: string): TenantDb {
  return tenantScoped(rawClient(sys), tenantId);
}

type TenantModel = (typeof TENANT_MODELS)[number];
type TenantDelegate = Uncapitalize<TenantModel>;

/**
 * The tables that belong to nobody's tenant (users, agencies and their members, the tenant
 * directory, sign-in throttles, Stripe event ids, API rate windows). The tenant models are absent
 * from its type and refused at run time. Relations from a global row into tenant data (for example
 * `tenant.leads`) are not followed by code outside server/db: such reads are named lookups.
 */
export type GlobalDb = Omit<PrismaClient, TenantDelegate | "$transaction" | "$extends"> & {
  $transaction<T>(
    fn: (
      tx: Omit<
        PrismaClient,
        TenantDelegate | "$transaction" | "$extends" | "$connect" | "$disconnect" | "$on"
      >,
    ) => Promise<T>,
    options?: { maxWait?: number; timeout?: number },
  ): Promise<T>;
};

const tenantModels = new Set<string>(TENANT_MODELS);

export function globalDb(sys: SystemDb): GlobalDb {
  return rawClient(sys).$extends({
    name: "global-tables",
    query: {
      $allModels: {
        $allOperations({ model, args, query }) {
          if (model && tenantModels.has(model))
            throw new Error(
              `${model} is tenant data: open it with forTenant(), or add a named lookup in server/db.`,
            );
          return query(args);
        },
      },
    },
  }) as unknown as GlobalDb;
}
