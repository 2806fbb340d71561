"use client";
// A value to copy — a link, a webhook address, a secret shown once — always shown whole: the field
// wraps (break-all, sized to its content) and on a phone it takes the whole line with the buttons
// under it, so a link is never cut to "http://loca".
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

export function CopyableValue({
  id,
  label,
  labelHidden = false,
  value,
  copyLabel = "Copy",
  children,
}: {
  id: string;
  label: string;
  /** The label is for screen readers only (the text around the field already says what it is). */
  labelHidden?: boolean;
  value: string;
  copyLabel?: string;
  /** More buttons or links beside Copy. */
  children?: ReactNode;
}) {
  return (
    <div>
      <label
        htmlFor={id}
        className={labelHidden ? "sr-only" : "mb-1 block text-sm font-medium text-slate-800"}
      >
        {label}
      </label>
      <div className="flex flex-col items-start gap-2 sm:flex-row sm:items-center">
        <textarea
          id={id}
          readOnly
          value={value}
          rows={1}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 resize-none overflow-hidden break-all rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs [field-sizing:content] sm:flex-1"
        />
        <div className="flex flex-wrap items-center gap-2">
          <CopyButton value={value} label={copyLabel} targetId={id} />
          {children}
        </div>
      </div>
    </div>
  );
}
