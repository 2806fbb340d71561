// Every background job the worker runs. Add a domain's jobs here (one line per domain).
import type { JobDefinition } from "./define-job";

export const ALL_JOBS: JobDefinition<never>[] = [
  // ── calls ──
  // ── leads ──
  // ── billing ──
  // ── messaging ──
];
