// A small bar chart of AI-handled calls per day this period: billable (solid) and credited
// (light). The numbers are also in a visually hidden table for screen readers.
import { dayLabel } from "@/server/text/day-label";

type Day = { day: string; billable: number; credited: number };

export function UsageChart({ days, timeZone }: { days: Day[]; timeZone: string }) {
  if (!days.length) return null;
  if (days.every((d) => d.billable + d.credited === 0))
    return (
      <p className="mt-5 text-sm text-slate-500">
        No AI-handled calls this period yet: the chart fills in as the AI answers missed calls.
      </p>
    );
  const max = Math.max(1, ...days.map((d) => d.billable + d.credited));
  const label = (d: Day) => `${dayLabel(d.day, timeZone)}: ${d.billable} billable, ${d.credited} credited`;
  return (
    <figure className="mt-5">
      <figcaption className="mb-2 text-xs font-medium text-slate-500">AI-handled calls per day</figcaption>
      <div className="flex h-28 items-end gap-1 border-b border-slate-200" aria-hidden>
        {days.map((d) => (
          <div
            key={d.day}
            className="flex h-full min-w-1 max-w-10 flex-1 flex-col justify-end"
            title={label(d)}
          >
            <div className="bg-brand-100" style={{ height: `${(d.credited / max) * 100}%` }} />
            <div className="rounded-t-sm bg-brand-600" style={{ height: `${(d.billable / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-500" aria-hidden>
        <span>{dayLabel(days[0]!.day, timeZone)}</span>
        <span>{dayLabel(days.at(-1)!.day, timeZone)}</span>
      </div>
      <p className="mt-2 flex gap-4 text-xs text-slate-600" aria-hidden>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-2 rounded-sm bg-brand-600" /> billable
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-2 rounded-sm bg-brand-100" /> credited
        </span>
      </p>
      <table className="sr-only">
        <caption>AI-handled calls per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Billable</th>
            <th scope="col">Credited</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{dayLabel(d.day, timeZone)}</td>
              <td>{d.billable}</td>
              <td>{d.credited}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
