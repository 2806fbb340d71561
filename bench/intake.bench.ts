// `npm run bench -- intake`: every call of the intake eval played through the real webhooks with
// AI_PROVIDER=openai-compatible against a local fake model that answers in 400 ms
// (BENCH_MODEL_LATENCY_MS): how many model calls a call makes (target ≤ 3: ZIP, yes/no, slot
// choice and names are read by the rules first) and the intake turn's server time (target p95
// ≤ model latency + 50 ms).
import { spawnSync } from "node:child_process";

const latency = process.env.BENCH_MODEL_LATENCY_MS ?? "400";
const res = spawnSync("npx", ["tsx", "eval/intake/run.ts", "--model", "fake", "--latency", latency], {
  encoding: "utf8",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  maxBuffer: 64 * 1024 * 1024,
});
const out = `${res.stdout}${res.stderr}`;
const lines = out.split("\n").filter((l) => /^(model:|intake eval:|held-out:|\()/.test(l));
console.log(lines.join("\n") || out.slice(-2000));
process.exit(res.status ?? 1);
