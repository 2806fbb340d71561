import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tenancy closed by types (server/db/system.ts): outside server/db, server/jobs and tests, code
    // reaches the database only through a tenant's scoped client, the global tables, or a named
    // cross-tenant lookup. The raw client, and the functions that make one, cannot be imported.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "server/**/*.{ts,tsx}"],
    ignores: ["server/db/**", "server/jobs/**", "server/test/**", "**/*.test.ts", "**/*.test.tsx", "**/*-test-kit.ts", "server/calls/test-business.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/server/db", importNames: ["getDb", "getPrisma", "setDb", "PrismaClient", "Database"], message: "Take a TenantDb (or a SystemDb handle and a named lookup in server/db); see server/db/system.ts." },
            { name: "@/server/db/generated/client", importNames: ["PrismaClient"], message: "Take a TenantDb (or a SystemDb handle and a named lookup in server/db); see server/db/system.ts." },
            { name: "@/server/db/engine", importNames: ["openDatabase"], message: "Only server/db opens the database." },
            { name: "@/server/db/tenant-scope", importNames: ["tenantScoped"], message: "Open a tenant with forTenant(sys, tenantId) from @/server/db/system." },
            { name: "@/server/db/system", importNames: ["systemDb", "rawClient"], message: "Only server/db, server/jobs and tests wrap or unwrap the raw client." },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", ".next-*/**", ".data/**", "server/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "node_modules/**"]),
]);
