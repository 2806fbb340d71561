// Prisma CLI config. Migrations are applied by server/db/migrate.ts (offline, via the WASM
// schema engine); `prisma migrate deploy` also works where Prisma's engines can be downloaded.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
