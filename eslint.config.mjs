import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { builtinModules } from "node:module";

// The global tables (no tenantId) and raw SQL: neither is on a tenant's client (server/db/tenant-scope.ts).
const GLOBAL_OR_RAW =
  "^(user|agency|agencyMember|signInThrottle|stripeEvent|apiRateWindow|\\$queryRaw|\\$queryRawUnsafe|\\$executeRaw|\\$executeRawUnsafe)$";

// The raw client, and the functions that make one (server/db/system.ts).
const RAW_CLIENT_PATHS = [
  {
    name: "@/server/db",
    importNames: ["getDb", "getPrisma", "setDb", "PrismaClient", "Database"],
    message:
      "Take a TenantDb (or a SystemDb handle and a named lookup in server/db); see server/db/system.ts.",
  },
  {
    name: "@/server/db/generated/client",
    importNames: ["PrismaClient"],
    message:
      "Take a TenantDb (or a SystemDb handle and a named lookup in server/db); see server/db/system.ts.",
  },
  {
    name: "@/server/db/engine",
    importNames: ["openDatabase"],
    message: "Only server/db opens the database.",
  },
  {
    name: "@/server/db/tenant-scope",
    importNames: ["tenantScoped", "unscoped"],
    message:
      "Open a tenant with forTenant(sys, tenantId) from @/server/db/system; raw SQL runs through tenantSql (@/server/db/tenant-sql).",
  },
  {
    name: "@/server/db/system",
    importNames: ["systemDb", "rawClient"],
    message: "Only server/db, server/jobs and tests wrap or unwrap the raw client.",
  },
];

const BROWSER_MESSAGE =
  "A component runs in the browser: no node built-ins or server-only modules. Move the shared data to a module without server imports.";

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
    ignores: ["server/db/**", "server/jobs/**", "server/test/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: RAW_CLIENT_PATHS,
        },
      ],
    },
  },
  {
    // A tenant procedure has its tenant's client and nothing wider (server/trpc/init.ts): in a module
    // that builds tenant procedures `ctx.sys` is refused, and `ctx.db` (a TenantDb everywhere) is
    // never asked for a global table or raw SQL. The types refuse both as well; this names the rule.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "server/**/*.{ts,tsx}"],
    ignores: ["server/trpc/init.ts", "server/db/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "Program:has(Identifier[name='tenantProcedure']) MemberExpression[object.name='ctx'][property.name='sys']",
          message:
            "A tenant procedure gets no system handle: use ctx.db (this tenant), or move the cross-tenant read into a named lookup in server/db.",
        },
        {
          selector: `MemberExpression[object.type='MemberExpression'][object.object.name='ctx'][object.property.name='db'][property.name=/${GLOBAL_OR_RAW}/]`,
          message:
            "ctx.db is one tenant's client: people come from tenantPeople (server/db/tenant-people.ts), raw SQL runs through tenantSql (server/db/tenant-sql.ts).",
        },
      ],
    },
  },
  {
    // The browser gets no server code: a component imports no node built-in, no database client
    // or driver and no server-only module (the environment, jobs). Shared data that a component
    // and the server both need lives in a module without server imports (e.g.
    // server/reports/handoff-questions.ts). Types are erased, so `import type` is allowed.
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: RAW_CLIENT_PATHS,
          patterns: [
            {
              group: [
                "node:*",
                ...builtinModules.filter((m) => !m.startsWith("_")),
                "@prisma/*",
                "pg",
                "pg-boss",
                "@electric-sql/*",
                "@/server/env",
                "@/server/jobs/*",
              ],
              allowTypeImports: true,
              message: BROWSER_MESSAGE,
            },
            {
              // The database, all but the generated enums (plain objects).
              regex: "^@/server/db(/(?!generated/enums$).*)?$",
              allowTypeImports: true,
              message: BROWSER_MESSAGE,
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    ".data/**",
    "server/db/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "node_modules/**",
  ]),
]);
