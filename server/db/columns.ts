// A table's columns as the generated client knows them, for raw SQL that returns whole rows.
// `RETURNING *` (or `SELECT l.*`) returns whatever the table has at the moment: after a migration
// adds a column, an instance still running the previous release gets a result of another shape,
// which a statement prepared by name refuses ("cached plan must not change result type"). A
// statement that lists its columns keeps its shape, so it may be prepared (statement-names.ts).
// The schema maps no field to another column name, so a field's name is its column's (a test
// compares the lists with the tables).
import { Prisma } from "./generated/client";

/** `"a", "b", …` (or `l."a", l."b", …` with an alias): every column of the model, in the schema's order. */
export function columnList(fields: Readonly<Record<string, string>>, alias?: string): Prisma.Sql {
  const prefix = alias ? `${alias}.` : "";
  return Prisma.raw(
    Object.values(fields)
      .map((f) => `${prefix}"${f}"`)
      .join(", "),
  );
}

export const LEAD_COLUMNS = Prisma.LeadScalarFieldEnum;
export const CALL_COLUMNS = Prisma.CallScalarFieldEnum;
