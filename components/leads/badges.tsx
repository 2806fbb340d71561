// Small visual labels for a lead: urgency, status, temperature band, test, overdue.
import { statusLabel, urgencyLabel } from "@/server/leads/labels";
import { TEMPERATURE_BANDS } from "@/server/leads/temperature";

const base = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

const URGENCY_STYLE: Record<string, string> = {
  emergency: "bg-red-600 text-white",
  high: "bg-orange-100 text-orange-800",
  normal: "bg-slate-100 text-slate-700",
  low: "bg-slate-50 text-slate-700",
};

export function UrgencyBadge({ urgency }: { urgency: string | null }) {
  if (!urgency) return <span className={`${base} bg-slate-50 text-slate-700`}>{urgencyLabel(null)}</span>;
  return <span className={`${base} ${URGENCY_STYLE[urgency] ?? ""}`}>{urgencyLabel(urgency)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`${base} border border-slate-200 bg-white text-slate-700`}>{statusLabel(status)}</span>
  );
}

const BAND_STYLE: Record<string, string> = {
  extremely_hot: "bg-red-100 text-red-800",
  hot: "bg-orange-100 text-orange-800",
  warm: "bg-amber-50 text-amber-800",
  cool: "bg-sky-50 text-sky-800",
  cold: "bg-slate-100 text-slate-700",
};

export function TemperatureBadge({ score, band }: { score: number; band: string }) {
  const label = TEMPERATURE_BANDS.find((b) => b.key === band)?.label ?? band;
  return (
    <span className={`${base} ${BAND_STYLE[band] ?? ""}`} title={`Temperature ${score} of 100`}>
      {label} · {score}
    </span>
  );
}

export function TestBadge() {
  return <span className={`${base} bg-violet-100 text-violet-800`}>Test</span>;
}

/** Past its due time; a lead with no due time at all waits in the queue as due since it came in, and says so instead of "Overdue". */
export function OverdueBadge({ noDueTime = false }: { noDueTime?: boolean }) {
  return (
    <span className={`${base} bg-red-50 text-red-700 ring-1 ring-red-200`}>
      {noDueTime ? "Needs a due time" : "Overdue"}
    </span>
  );
}
