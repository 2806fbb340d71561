"use client";
// A secret shown once after it is created, with Copy and "I saved it". The whole secret is always
// visible: on a phone it wraps on its own line with the buttons under it, never cut to "lr_live".
import { useId } from "react";
import { Button } from "@/components/ui/form";
import { CopyButton } from "@/components/ui/copy-button";

export function OneTimeSecret({
  title,
  secret,
  label,
  copyLabel = `Copy ${label.toLowerCase()}`,
  onDone,
}: {
  title: string;
  secret: string;
  label: string;
  copyLabel?: string;
  onDone: () => void;
}) {
  const id = useId();
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm">
      <p className="font-medium text-amber-900">{title}</p>
      <div className="mt-2 flex flex-col items-start gap-2 sm:flex-row sm:items-center">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <textarea
          id={id}
          readOnly
          value={secret}
          rows={1}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 resize-none overflow-hidden break-all rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs [field-sizing:content] sm:flex-1"
        />
        <div className="flex flex-wrap items-center gap-2">
          <CopyButton value={secret} label={copyLabel} targetId={id} />
          <Button type="button" variant="secondary" onClick={onDone}>
            I saved it
          </Button>
        </div>
      </div>
    </div>
  );
}
