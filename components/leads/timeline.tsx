// The lead's timeline: every touchpoint, status change, assignment, acceptance, rejection and
// escalation in words; an event type this page does not know yet is still shown, generically.
import { describeEvent, type Names, type TimelineEvent } from "@/server/leads/labels";
import { useBusinessTime } from "./business-time";

export { describeEvent };

export function Timeline({ events, nameOf }: { events: TimelineEvent[]; nameOf: Names }) {
  const { dateTime } = useBusinessTime();
  if (!events.length) return <p className="text-sm text-slate-600">Nothing has happened on this lead yet.</p>;
  return (
    <ol aria-label="Timeline" className="space-y-2">
      {[...events].reverse().map((e) => (
        <li key={e.id} data-event-type={e.type} className="border-l-2 border-slate-200 pl-3 text-sm">
          <p>{describeEvent(e, nameOf, dateTime)}</p>
          <p className="text-xs text-slate-600">
            {dateTime(e.createdAt)} · {e.actorName ?? "System"}
          </p>
        </li>
      ))}
    </ol>
  );
}
