// The report's figures with the previous period beside each; each figure links to the inbox
// filtered to the leads behind it (the same definition counts them, server/reports/definitions.ts).
import Link from "next/link";
import { inboxHref } from "@/components/leads/inbox-url-filters";
import { FIGURES, formatFigure, type FigureDef, type FigureSection } from "@/server/reports/figures";
import type { Report } from "@/server/reports/report-schema";

function change(def: FigureDef, current: number | null, previous: number | null): string | null {
  if (current == null || previous == null || current === previous)
    return current === previous && current != null ? "no change" : null;
  const diff = current - previous;
  const sign = diff > 0 ? "up" : "down";
  return `${sign} ${formatFigure(Math.abs(diff), def.unit === "rate" ? "rate" : def.unit)}`;
}

export function FigureGrid({
  report,
  section,
  slug,
}: {
  report: Report;
  section: FigureSection;
  slug: string;
}) {
  const defs = FIGURES.filter((f) => f.section === section);
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid={`figures-${section}`}>
      {defs.map((def) => {
        const current = report.current[def.key];
        const previous = report.previous[def.key];
        const delta = change(def, current, previous);
        const body = (
          <>
            <span className="block text-xs font-medium text-slate-600">{def.label}</span>
            <span
              className="mt-1 block text-2xl font-semibold tabular-nums"
              data-testid={`figure-${def.key}`}
            >
              {formatFigure(current, def.unit)}
            </span>
            <span className="mt-1 block text-xs text-slate-600">
              Previous period: {formatFigure(previous, def.unit)}
              {delta ? ` (${delta})` : ""}
            </span>
          </>
        );
        return (
          <li key={def.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            {def.inbox && !report.ownLeadsOnly ? (
              <Link
                href={inboxHref(slug, {
                  figure: def.inbox,
                  createdFrom: report.period.start,
                  createdTo: report.period.end,
                })}
                data-testid={`figure-link-${def.key}`}
                className="block rounded hover:text-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              >
                {body}
                <span className="mt-2 block text-xs font-medium text-brand-700 underline">
                  {def.unit === "count" ? "See these leads" : "See the leads it is over"}
                </span>
              </Link>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ul>
  );
}
