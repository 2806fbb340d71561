// The lead's timeline: every touchpoint, status change, assignment, acceptance, rejection and
// escalation in words; an event type this page does not know yet is still shown, generically.
import { closeReasonLabel } from "@/server/leads/close-reasons";
import { missedCallWords } from "@/server/leads/call-path";
import { STATUS_LABELS } from "@/server/leads/status-transitions";
import { TOUCHPOINT_KINDS } from "@/server/leads/touchpoint-kinds";
import { useBusinessTime } from "./business-time";

type Event = { id: string; type: string; actorName: string | null; data: unknown; createdAt: Date | string };
type Names = (id: unknown) => string;

const label = (s: unknown) => STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? String(s);

function touchpoint(kind: string, d: Record<string, unknown>, dateTime: DateText): string {
  const label = TOUCHPOINT_KINDS.find((k) => k.kind === kind)?.label ?? kind.replace(/_/g, " ");
  const body = typeof d.text === "string" && d.text ? ` — “${d.text}”` : " (no notes)";
  const next = d.nextAction ? ` · next action: ${d.nextAction}${d.dueAt ? `, due ${dateTime(d.dueAt as string)}` : ""}` : d.dueAt ? ` · due ${dateTime(d.dueAt as string)}` : "";
  return `Touchpoint: ${label}${body}${next}`;
}

type DateText = (v: string | Date | null | undefined) => string;

export function describeEvent(e: Event, nameOf: Names, dateTime: DateText): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  if (e.type.startsWith("touchpoint.")) return touchpoint(e.type.slice("touchpoint.".length), d, dateTime);
  switch (e.type) {
    case "call.received": return `Call received from ${d.from ?? "caller"}`;
    case "call.answered_by_plumber": return "Plumber answered the call";
    case "call.missed": {
      const m = missedCallWords((d.dialStatus as string | null) ?? "no-answer", d.screened as boolean | undefined);
      return m.detail ? `Call missed (${m.detail})` : `Call: ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}`;
    }
    case "call.ai_answered": return "AI answered the missed call";
    case "call.ai_blocked": return "AI did not answer: service gate closed";
    case "call.escalated": return `Call escalated (${d.reason ?? "urgent"})`;
    case "call.outcome": return `Call outcome: ${label(d.outcome)}`;
    case "call.caller_hung_up": return "Caller hung up during intake";
    case "call.ended": return "Call ended";
    case "task.created": return `Task created: ${d.title ?? d.kind}`;
    case "lead.created": return `Lead created (${d.source ?? "manual"})`;
    case "lead.routed": return `Routed to ${nameOf(d.ownerId)} by the routing rule`;
    case "lead.assigned": return `Assigned to ${d.to ? nameOf(d.to) : "nobody"}`;
    case "lead.reassigned": return `Reassigned from ${nameOf(d.from)} to ${d.to ? nameOf(d.to) : "nobody"} — reason: ${d.reason ?? "none"}`;
    case "lead.next_action_set": return `Next action: ${d.nextAction ?? "—"}${d.dueAt ? `, due ${dateTime(d.dueAt as string)}` : ""}`;
    case "lead.updated": return `Details changed: ${Array.isArray(d.changed) ? d.changed.join(", ") : ""}`;
    case "handoff.accepted": return "Handoff accepted (all four acceptance standards confirmed)";
    case "handoff.rejected": return `Handoff rejected — missing ${d.fieldLabel ?? d.missingField}: “${d.reason ?? ""}”. Back to intake${d.to ? ` (now with ${nameOf(d.to)})` : ""}`;
    case "status.changed": return `Status: ${label(d.from)} → ${label(d.to)}${d.note ? ` (${d.note})` : ""}`;
    case "appointment.booked": return `Booked for ${dateTime(d.appointmentAt as string)}${d.via === "custom" ? " (custom time)" : ""}`;
    case "appointment.rescheduled": return `Rescheduled to ${dateTime(d.appointmentAt as string)}`;
    case "lead.closed": return `Closed: ${closeReasonLabel(String(d.reason), d.attempts as number | null)}${d.note ? ` — ${d.note}` : ""}${d.clearedNextAction ? ` (open tasks done; next action “${d.clearedNextAction}” cleared)` : ""}`;
    default: {
      const detail = Object.entries(d)
        .filter(([, v]) => v !== null && typeof v !== "object")
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(", ");
      return `${e.type.replace(/[._]/g, " ")}${detail ? ` (${detail})` : ""}`;
    }
  }
}

export function Timeline({ events, nameOf }: { events: Event[]; nameOf: Names }) {
  const { dateTime } = useBusinessTime();
  if (!events.length) return <p className="text-sm text-slate-500">Nothing has happened on this lead yet.</p>;
  return (
    <ol aria-label="Timeline" className="space-y-2">
      {[...events].reverse().map((e) => (
        <li key={e.id} data-event-type={e.type} className="border-l-2 border-slate-200 pl-3 text-sm">
          <p>{describeEvent(e, nameOf, dateTime)}</p>
          <p className="text-xs text-slate-500">
            {dateTime(e.createdAt)} · {e.actorName ?? "System"}
          </p>
        </li>
      ))}
    </ol>
  );
}
