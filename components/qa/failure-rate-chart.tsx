// The 30-day QA failure rate as inline SVG bars with the 5 % line (above it, the tenant moves to the safe prompt profile). The chart is
// drawn for the eye (aria-hidden); the same numbers are a table for screen readers and keyboards.
import { FAILURE_THRESHOLD, formatRate } from "@/server/qa/qa-day";
import { dayLabel } from "@/server/text/day-label";

export type ChartDay = {
  day: string;
  sampled: number;
  failed: number;
  rate: number;
  overThreshold: boolean;
  isSampled: boolean;
  safeSwitched: boolean;
};

const W = 600;
const H = 160;
const TOP = 10;
const BOTTOM = 20;
/** The y axis shows 0–25 % (higher rates are clipped with their number in the table). */
const MAX_RATE = 0.25;

export function FailureRateChart({
  days,
  timeZone,
  selected,
  onSelect,
}: {
  days: ChartDay[];
  timeZone: string;
  selected: string | null;
  onSelect: (day: string) => void;
}) {
  const plot = H - TOP - BOTTOM;
  const y = (rate: number) => TOP + plot - (Math.min(rate, MAX_RATE) / MAX_RATE) * plot;
  const slot = W / Math.max(days.length, 1);
  const sampledDays = days.filter((d) => d.isSampled && d.sampled > 0);
  const over = sampledDays.filter((d) => d.overThreshold).length;
  const summary = sampledDays.length
    ? `${sampledDays.length} of the last ${days.length} days were sampled; ${over} went over the ${formatRate(FAILURE_THRESHOLD)} line.`
    : `No day in the last ${days.length} days had sampled calls yet.`;

  return (
    <figure>
      {/* On a phone the bars keep a readable width and the chart scrolls sideways inside its box. */}
      <div
        role="region"
        aria-label="QA failure rate chart, last 30 days (scrolls sideways)"
        tabIndex={0}
        className="overflow-x-auto rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
        data-testid="qa-chart-region"
      >
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="h-40 w-full min-w-[600px] sm:min-w-0"
          aria-hidden="true"
          focusable="false"
        >
          <line x1={0} x2={W} y1={TOP + plot} y2={TOP + plot} className="stroke-slate-300" strokeWidth={1} />
          {days.map((d, i) => {
            const x = i * slot + slot * 0.15;
            const h = d.sampled > 0 ? Math.max(TOP + plot - y(d.rate), d.rate > 0 ? 2 : 1) : 0;
            const fill =
              !d.isSampled || d.sampled === 0
                ? "fill-slate-200"
                : d.overThreshold
                  ? "fill-red-500"
                  : "fill-emerald-500";
            return (
              <g key={d.day} onClick={() => onSelect(d.day)} className="cursor-pointer">
                <rect
                  x={i * slot}
                  y={TOP}
                  width={slot}
                  height={plot}
                  className={d.day === selected ? "fill-brand-50" : "fill-transparent"}
                />
                {d.sampled > 0 ? (
                  <rect x={x} y={TOP + plot - h} width={slot * 0.7} height={h} className={fill} />
                ) : (
                  <rect x={x} y={TOP + plot - 2} width={slot * 0.7} height={2} className={fill} />
                )}
                {i % 5 === 0 || i === days.length - 1 ? (
                  <text
                    x={i * slot + slot / 2}
                    y={H - 5}
                    textAnchor="middle"
                    className="fill-slate-500 text-[10px]"
                  >
                    {dayLabel(d.day, timeZone, "axis")}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line
            x1={0}
            x2={W}
            y1={y(FAILURE_THRESHOLD)}
            y2={y(FAILURE_THRESHOLD)}
            className="stroke-red-600"
            strokeWidth={1.5}
            strokeDasharray="6 4"
          />
          <text x={W - 4} y={y(FAILURE_THRESHOLD) - 4} textAnchor="end" className="fill-red-700 text-[10px]">
            5 % line
          </text>
        </svg>
      </div>
      <figcaption className="mt-2 text-sm text-slate-600">{summary}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 hover:underline">
          Show the numbers as a table
        </summary>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">QA failure rate per day, last {days.length} days</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1">
                Day
              </th>
              <th scope="col">Sampled</th>
              <th scope="col">Failed</th>
              <th scope="col">Failure rate</th>
              <th scope="col">
                <span className="sr-only">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.day} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-normal">
                  {dayLabel(d.day, timeZone)}
                </th>
                <td>{d.isSampled ? d.sampled : "not sampled"}</td>
                <td>{d.isSampled ? d.failed : "—"}</td>
                <td className={d.overThreshold ? "font-medium text-red-700" : ""}>
                  {d.sampled > 0 ? formatRate(d.rate) : "—"}
                  {d.overThreshold ? " (over 5 %)" : ""}
                </td>
                <td>
                  {d.isSampled ? (
                    <button
                      type="button"
                      onClick={() => onSelect(d.day)}
                      className="text-brand-700 hover:underline"
                      aria-label={`Show the calls sampled on ${dayLabel(d.day, timeZone)}`}
                    >
                      Show calls
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
