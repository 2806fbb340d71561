// e2e: the built app under `next start` on a fresh embedded database with the demo data,
// driven in Debian's Chromium (Playwright cannot download browsers here).
import { defineConfig } from "@playwright/test";
import path from "node:path";
import { localAppEnv } from "./server/test/local-app-env";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(".data", `e2e-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on CI, reported as "flaky" in the run's summary (scripts/test.mjs counts it), so a
  // timing hiccup on a loaded runner does not fail the whole pipeline; locally a failure fails.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...localAppEnv(baseURL),
      PGLITE_DATA_DIR: dataDir,
      DEMO_SEED: "on",
    },
  },
});
