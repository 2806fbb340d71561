"use client";
// A secret shown once after it is created, with Copy and "I saved it".
import { useId } from "react";
import { Button } from "@/components/ui/form";
import { CopyButton } from "@/components/ui/copy-button";

export function OneTimeSecret({
  title,
  secret,
  label,
  onDone,
}: {
  title: string;
  secret: string;
  label: string;
  onDone: () => void;
}) {
  const id = useId();
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm">
      <p className="font-medium text-amber-900">{title}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <CopyButton value={secret} label={`Copy ${label.toLowerCase()}`} targetId={id} />
        <Button type="button" variant="secondary" onClick={onDone}>
          I saved it
        </Button>
      </div>
    </div>
  );
}
