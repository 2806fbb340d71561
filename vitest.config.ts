import path from "node:path";
import { defineConfig } from "vitest/config";

// Test tiers by file suffix: *.test.ts are unit tests (no I/O), *.integration.test.ts run on a
// real Postgres engine (PGlite in-process; PostgreSQL too when TEST_DATABASE_URL is set).
const alias = { "@": path.resolve(import.meta.dirname) };
const server = { deps: { inline: ["next-auth"] } };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**", "e2e/**"],
          environment: "node",
          server,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", "e2e/**"],
          environment: "node",
          server,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          setupFiles: ["./server/test/integration-setup.ts"],
        },
      },
    ],
  },
});
