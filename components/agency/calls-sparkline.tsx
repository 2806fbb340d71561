// Calls per day as small inline bars, with the numbers as text for screen readers.
type Day = { day: string; calls: number };

const weekday = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "short", timeZone: "UTC" });

export function CallsSparkline({ days }: { days: Day[] }) {
  const max = Math.max(1, ...days.map((d) => d.calls));
  const total = days.reduce((s, d) => s + d.calls, 0);
  const width = days.length * 8;
  const description = `${total} call${total === 1 ? "" : "s"} in the last ${days.length} days: ${days.map((d) => `${weekday(d.day)} ${d.calls}`).join(", ")}`;
  return (
    <span className="flex items-center gap-2">
      <svg
        width={width}
        height={24}
        viewBox={`0 0 ${width} 24`}
        role="img"
        aria-label={description}
        className="shrink-0"
      >
        {days.map((d, i) => {
          const h = d.calls === 0 ? 1 : Math.max(3, Math.round((d.calls / max) * 22));
          return (
            <rect
              key={d.day}
              x={i * 8 + 1}
              y={24 - h}
              width={6}
              height={h}
              rx={1}
              className={d.calls === 0 ? "fill-slate-200" : "fill-brand-500"}
            />
          );
        })}
      </svg>
      <span className="text-xs tabular-nums text-slate-600" aria-hidden>
        {total}
      </span>
    </span>
  );
}
