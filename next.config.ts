import type { NextConfig } from "next";
// Validates the environment at build and start: a bad variable fails loudly, one line each.
import "./server/env";

const config: NextConfig = {
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg-boss",
    "@node-rs/argon2",
    "@prisma/schema-engine-wasm",
  ],
  outputFileTracingExcludes: { "*": ["./.data/**/*"] },
  poweredByHeader: false,
  typedRoutes: false,
  // A separate build folder lets two builds (e.g. two e2e runs) share one checkout.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default config;
