// npm run db:seed — seeds the demo data into an empty database (DATABASE_URL or embedded).
import { openDatabase } from "@/server/db/engine";
import { applyMigrations } from "@/server/db/migrate";
import { seedDemoIfEmpty } from "./seed-demo";

const db = await openDatabase({ url: process.env.DATABASE_URL || null });
try {
  await applyMigrations(db.adapterFactory);
  console.log(
    (await seedDemoIfEmpty(db.prisma))
      ? "Seeded the demo data (see README for logins)."
      : "Database already has data: nothing seeded.",
  );
} finally {
  await db.close();
}
