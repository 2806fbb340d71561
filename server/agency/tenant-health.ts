// Pure rules of the agency console: a tenant's health badge, the "needs attention" order, and
// the business's local calendar days. No I/O; agency-overview.ts feeds them.

import { FAILURE_THRESHOLD } from "@/server/qa/qa-day";

/** Above this daily QA failure rate the tenant goes to the safe prompt profile. */
export const QA_FAILURE_LIMIT = FAILURE_THRESHOLD;

export type HealthFacts = {
  paused: boolean;
  gateOpen: boolean;
  openLeaks: number;
  qaFailureRate: number | null;
};
export type Health = "paused" | "off" | "attention" | "ok";

export const HEALTH_LABELS: Record<Health, string> = {
  paused: "Paused",
  off: "AI off",
  attention: "Needs attention",
  ok: "Healthy",
};

export function tenantHealth(f: HealthFacts): Health {
  if (f.paused) return "paused";
  if (!f.gateOpen) return "off";
  if (f.openLeaks > 0 || (f.qaFailureRate !== null && f.qaFailureRate > QA_FAILURE_LIMIT)) return "attention";
  return "ok";
}

/** Needs attention first: most open leaks, then the AI off (not by choice), then by name. */
export function byNeedsAttention<
  T extends { name: string; openLeaks: { total: number }; gate: { open: boolean }; paused: boolean },
>(a: T, b: T): number {
  if (a.openLeaks.total !== b.openLeaks.total) return b.openLeaks.total - a.openLeaks.total;
  const offA = !a.gate.open && !a.paused ? 1 : 0;
  const offB = !b.gate.open && !b.paused ? 1 : 0;
  if (offA !== offB) return offB - offA;
  return a.name.localeCompare(b.name);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** The last `n` local calendar days ending today, oldest first (calendar arithmetic, so DST changes skip no day). */
export function lastLocalDays(now: Date, timeZone: string, n: number): string[] {
  const [y, m, d] = localDay(now, timeZone).split("-").map(Number) as [number, number, number];
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d - (n - 1 - i))).toISOString().slice(0, 10),
  );
}
