"use client";
// The amber note a lead form shows when the lead changed while the person was editing it, with
// the way back to the lead as it is now (one note for every lead form).
import type { ReactNode } from "react";
import { Button } from "@/components/ui/form";

export function ChangedUnderneathNote({ children, onReset }: { children: ReactNode; onReset: () => void }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p>{children}</p>
      <Button type="button" variant="secondary" className="mt-2" onClick={onReset}>
        Show the lead as it is now
      </Button>
    </div>
  );
}
