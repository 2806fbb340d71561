// `npm run bench [-- name]`: runs every bench/*.bench.ts (or those whose name contains the
// argument) one after another, each in its own process, and prints their reports.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const filter = process.argv[2] ?? "";
const dir = path.resolve(import.meta.dirname);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();
if (!benches.length) {
  console.error(`No benchmark matches "${filter}". Benchmarks: bench/*.bench.ts`);
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n━━ ${file} ━━`);
  const res = spawnSync("npx", ["tsx", path.join(dir, file)], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
