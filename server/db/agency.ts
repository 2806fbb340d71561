// An agency's read handle: the agency console and its roll-up read every business of one agency
// side by side. `forAgency(sys, agencyId)` opens the agency's businesses for reading: every query
// of a tenant model gets `tenantId IN (the agency's businesses)`, the tenant directory answers with
// the agency's businesses only, and raw SQL runs through `sql`, which binds the agency's set of
// businesses itself. Writes, global tables and other agencies' businesses are not on it. The read
// models themselves (what the console counts) live with their domains (server/agency,
// server/reports), not here.
import { Prisma, type PrismaClient } from "./generated/client";
import { rawClient, type SystemDb } from "./system";
import { TENANT_MODELS } from "./tenant-scope";
import type { SqlRunner, TenantSet } from "./tenant-sql";

const tenantModels = new Set<string>(TENANT_MODELS);
const READS = new Set(["findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
type ReadOps = "findFirst" | "findFirstOrThrow" | "findMany" | "count" | "aggregate" | "groupBy";
type TenantModel = (typeof TENANT_MODELS)[number] | "Tenant";
type ReadOnly<D> = Pick<D, Extract<keyof D, ReadOps>>;

/** The agency's businesses, read-only: tenant models and the tenant directory, reads only. */
export type AgencyTables = { [M in TenantModel as Uncapitalize<M>]: ReadOnly<PrismaClient[Uncapitalize<M>]> };

export type AgencyDb = { agencyId: string; db: AgencyTables; sql: SqlRunner };

export function forAgency(sys: SystemDb, agencyId: string): AgencyDb {
  if (!agencyId) throw new Error("forAgency needs an agencyId");
  const prisma = rawClient(sys);
  const tenants: TenantSet = Prisma.sql`SELECT id FROM "Tenant" WHERE "agencyId" = ${agencyId}`;
  // The agency's businesses, read once per handle (the directory is small: one row per business).
  let ids: Promise<string[]> | undefined;
  const agencyTenantIds = () =>
    (ids ??= prisma.tenant
      .findMany({ where: { agencyId }, select: { id: true } })
      .then((rows) => rows.map((t) => t.id)));
  const db = prisma.$extends({
    name: "agency-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!model || !READS.has(operation))
            throw new Error(`An agency's handle only reads (${model ?? "raw"} ${operation}).`);
          const a = { ...(args as { where?: object }) };
          if (model === "Tenant") a.where = { AND: [a.where ?? {}, { agencyId }] };
          else if (tenantModels.has(model))
            a.where = { AND: [a.where ?? {}, { tenantId: { in: await agencyTenantIds() } }] };
          else
            throw new Error(
              `${model} is not a business's data: an agency's handle reads only its businesses.`,
            );
          return query(a as never);
        },
      },
    },
  }) as unknown as AgencyTables;
  const sql: SqlRunner = <T>(build: (tenants: TenantSet) => Prisma.Sql) =>
    prisma.$queryRaw<T>(build(tenants)) as Promise<T>;
  return { agencyId, db, sql };
}
