// npm run test:e2e [-- playwright args]: builds the app (unless E2E_SKIP_BUILD=1) and runs
// Playwright against `next start` in Debian's Chromium.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `Chromium is not installed at ${chromium}. Install it with:\n  sudo apt-get install -y chromium\n(or set CHROMIUM_PATH). Playwright cannot download its own browsers here.`,
  );
  process.exit(1);
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env }).status ?? 1;

if (process.env.E2E_SKIP_BUILD !== "1") {
  const code = run("npx", ["next", "build"]);
  if (code !== 0) process.exit(code);
}
process.exit(run("npx", ["playwright", "test", ...process.argv.slice(2)]));
