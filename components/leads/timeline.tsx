// The lead's timeline: every touchpoint, status change, assignment, acceptance, rejection and
// escalation in words; an event type this page does not know yet is still shown, generically.
import { closeReasonLabel } from "@/server/leads/close-reasons";
import { STATUS_LABELS } from "@/server/leads/status-transitions";
import { dateTime } from "./format";

type Event = { id: string; type: string; actorName: string | null; data: unknown; createdAt: Date | string };
type Names = (id: unknown) => string;

const label = (s: unknown) => STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? String(s);

export function describeEvent(e: Event, nameOf: Names): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const text = typeof d.text === "string" && d.text ? `: “${d.text}”` : "";
  switch (e.type) {
    case "call.received": return `Call received from ${d.from ?? "caller"}`;
    case "call.answered_by_plumber": return "Plumber answered the call";
    case "call.missed": return `Call missed (${d.dialStatus ?? "no answer"})`;
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
    case "lead.closed": return `Closed: ${closeReasonLabel(String(d.reason), d.attempts as number | null)}${d.note ? ` — ${d.note}` : ""}`;
    case "touchpoint.called_back": return `Called back${text}`;
    case "touchpoint.left_voicemail": return `Left voicemail${text}`;
    case "touchpoint.texted": return `Texted${text}`;
    case "touchpoint.note": return `Note${text}`;
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
  if (!events.length) return <p className="text-sm text-slate-500">Nothing has happened on this lead yet.</p>;
  return (
    <ol aria-label="Timeline" className="space-y-2">
      {[...events].reverse().map((e) => (
        <li key={e.id} data-event-type={e.type} className="border-l-2 border-slate-200 pl-3 text-sm">
          <p>{describeEvent(e, nameOf)}</p>
          <p className="text-xs text-slate-500">
            {dateTime(e.createdAt)} · {e.actorName ?? "System"}
          </p>
        </li>
      ))}
    </ol>
  );
}
