"use client";
// A secret shown once after it is created, with Copy and "I saved it".
import { useId } from "react";
import { Button } from "@/components/ui/form";
import { CopyableValue } from "@/components/ui/copyable-value";

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
      <p className="mb-2 font-medium text-amber-900">{title}</p>
      <CopyableValue id={id} label={label} labelHidden value={secret} copyLabel={copyLabel}>
        <Button type="button" variant="secondary" onClick={onDone}>
          I saved it
        </Button>
      </CopyableValue>
    </div>
  );
}
