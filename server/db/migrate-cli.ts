// npm run db:migrate | db:migrate:new -- NAME | db:drift
import { openDatabase } from "./engine";
import { applyMigrations, createMigration, diffSchemaAgainstMigrations } from "./migrate";

const [cmd, name] = process.argv.slice(2);

async function main() {
  if (cmd === "apply") {
    const db = await openDatabase({ url: process.env.DATABASE_URL || null });
    try {
      const applied = await applyMigrations(db.adapterFactory);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
          : "Database is up to date.",
      );
    } finally {
      await db.close();
    }
  } else if (cmd === "new") {
    if (!name) throw new Error("Usage: npm run db:migrate:new -- NAME");
    const folder = await createMigration(name);
    console.log(
      folder ? `Wrote ${folder}/migration.sql` : "Schema and migrations agree: no migration written.",
    );
  } else if (cmd === "check") {
    const sql = await diffSchemaAgainstMigrations();
    if (sql.trim()) {
      console.error(
        "Migration drift: prisma/schema.prisma differs from prisma/migrations/. Run `npm run db:migrate:new -- NAME`.\n" +
          sql,
      );
      process.exit(1);
    }
    console.log("No migration drift: schema and migrations agree.");
  } else {
    throw new Error(`Unknown command "${cmd}". Use apply, new NAME or check.`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
