// Raw SQL is not scoped by the tenant client's extension, so it is not on `TenantDb` (or on the
// agency handle): a statement runs through a `SqlRunner`, which hands the statement the set of
// tenants the handle was opened for, bound as parameters, and the statement filters every table by
// it (`"tenantId" IN (${tenants})`). A domain module writes the SQL; it cannot choose the tenants.
import { Prisma } from "./generated/client";
import { scopeOf, unscoped, type TenantDb, type TenantTx } from "./tenant-scope";

/** The tenants a statement may read, as SQL for `x IN (${tenants})`: one bound id, or a bound subquery. */
export type TenantSet = Prisma.Sql;

/** Runs one statement built around the handle's tenant set. */
export type SqlRunner = <T>(build: (tenants: TenantSet) => Prisma.Sql) => Promise<T>;

/** Raw SQL for one business (or inside its transaction): `tenants` is the scoped client's own tenant id, bound. */
export function tenantSql(db: TenantDb | TenantTx): SqlRunner {
  const tenants = Prisma.sql`${scopeOf(db)}`;
  return <T>(build: (tenants: TenantSet) => Prisma.Sql) =>
    unscoped(db).$queryRaw<T>(build(tenants)) as Promise<T>;
}
