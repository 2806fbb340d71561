"use client";
// Category labels under a chart's bars that never run into each other: on a narrow screen the
// units are shortened ("minutes" → "min") and each label wraps onto lines that fit its own
// column. The numbers stay in the table under every chart.
import { MAX_LINES, wrapAxisLabels, wrapLabel } from "./wrap-label";

/** Average width of a character as a share of the font size (system sans-serif). */
const CHAR_WIDTH = 0.58;
const FONT_SIZE = 10;
const LINE_HEIGHT = 11;

type TickProps = {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  visibleTicksCount?: number;
  payload?: { value?: unknown };
};

/** A recharts axis tick: the label wrapped to its column's width, its units said as the axis's other labels say them. */
export function WrappedTick({
  x = 0,
  y = 0,
  width = 0,
  visibleTicksCount = 1,
  payload,
  labels,
}: TickProps & { labels: readonly string[] }) {
  const column = Number(width) / Math.max(1, visibleTicksCount);
  const maxChars = Math.max(3, Math.floor((column - 4) / (FONT_SIZE * CHAR_WIDTH)));
  const label = String(payload?.value ?? "");
  const i = labels.indexOf(label);
  const lines = (i >= 0 ? wrapAxisLabels(labels, maxChars)[i] : null) ?? wrapLabel(label, maxChars);
  return (
    <text
      x={Number(x)}
      y={Number(y)}
      textAnchor="middle"
      fontSize={FONT_SIZE}
      fill="#64748b"
      data-testid="axis-tick"
    >
      {lines.map((line, i) => (
        <tspan key={i} x={Number(x)} dy={i === 0 ? "0.9em" : LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** XAxis props for a handful of named categories (`labels`): every label shown, wrapped so none overlaps. */
export function categoryAxisProps(labels: readonly string[]) {
  return {
    interval: 0,
    tick: (p: TickProps) => <WrappedTick {...p} labels={labels} />,
    height: 8 + MAX_LINES * LINE_HEIGHT,
  } as const;
}
