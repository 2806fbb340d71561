// npm test — every check, in order: lint, typecheck, migration drift, unit, the intake eval, integration on
// PGlite (and on PostgreSQL when TEST_DATABASE_URL is set), next build, the multi-instance burst
// (`npm run test:multi`, when TEST_DATABASE_URL is set), Playwright e2e.
// Stops at the first failing step; ends with one "N passed, N failed" line over all tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const out = path.resolve(".data", "test-reports");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
delete baseEnv.DATABASE_URL; // the suite makes its own databases
const totals = { passed: 0, failed: 0, skipped: 0, flaky: [] };

function vitestCounts(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
function playwrightCounts(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  const s = report.stats;
  totals.passed += s.expected + s.flaky;
  // A test that failed once and passed on its retry (CI only) is named, so it gets fixed.
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === "flaky") totals.flaky.push(`${suite.file}: ${spec.title}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
}

const steps = [
  // ESLint, then the import-cycle check (`npm run lint` runs both).
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["migration drift", "npx", ["tsx", "server/db/migrate-cli.ts", "check"]],
  [
    "unit",
    "npx",
    [
      "vitest",
      "run",
      "--project",
      "unit",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}/unit.json`,
    ],
    {},
    () => vitestCounts(`${out}/unit.json`),
  ],
  // The call, played end to end through the signed webhooks: 100 % of the tuned corpus or fail.
  ["intake eval", "npx", ["tsx", "eval/intake/run.ts"]],
  [
    "integration (PGlite)",
    "npx",
    [
      "vitest",
      "run",
      "--project",
      "integration",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}/integration-pglite.json`,
    ],
    { TEST_DATABASE_URL: "" },
    () => vitestCounts(`${out}/integration-pglite.json`),
  ],
];
if (process.env.TEST_DATABASE_URL) {
  steps.push([
    "integration (PostgreSQL)",
    "npx",
    [
      "vitest",
      "run",
      "--project",
      "integration",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}/integration-pg.json`,
    ],
    {},
    () => vitestCounts(`${out}/integration-pg.json`),
  ]);
}
if (process.env.SKIP_E2E !== "1") {
  // A build warning about dynamic filesystem access means `next dev` would watch the embedded
  // database's files and reload the browser on every query: fail on it.
  steps.push(["next build", "npx", ["next", "build"], {}, null, "causes tracing of the whole project"]);
  // The deployment shape (2 app instances + 2 workers on one PostgreSQL) under a burst with replays,
  // on the build just made.
  if (process.env.TEST_DATABASE_URL)
    steps.push([
      "multi-instance burst (PostgreSQL, 40 calls; `npm run test:multi` runs the full 200)",
      "npx",
      ["tsx", "scripts/test-multi.ts"],
      { MULTI_CALLS: "40" },
    ]);
  steps.push([
    "e2e (Playwright, Chromium)",
    "node",
    ["scripts/e2e.mjs", "--reporter=list,json"],
    { E2E_SKIP_BUILD: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json` },
    () => playwrightCounts(`${out}/e2e.json`),
  ]);
}

const timings = [];
let failedStep = null;
for (const [name, cmd, args, env = {}, count, forbidden] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const t0 = Date.now();
  let res = spawnSync(cmd, args, {
    stdio: forbidden ? ["inherit", "pipe", "pipe"] : "inherit",
    env: { ...baseEnv, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (forbidden) {
    const output = `${res.stdout}${res.stderr}`;
    process.stdout.write(output);
    if (res.status === 0 && output.includes(forbidden)) {
      console.error(
        `\n${name}: the output says "${forbidden}" — fix the file named above (see /* turbopackIgnore: true */).`,
      );
      res = { ...res, status: 1 };
    }
  }
  timings.push(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  count?.();
  if (res.status !== 0) {
    failedStep = name;
    break;
  }
}

console.log(`\n${timings.join("\n")}`);
if (failedStep) console.log(`\nFAILED at step: ${failedStep}`);
console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`,
);
if (totals.flaky.length)
  console.log(`passed only on a retry (flaky):\n${totals.flaky.map((t) => `  ${t}`).join("\n")}`);
process.exit(failedStep ? 1 : 0);
