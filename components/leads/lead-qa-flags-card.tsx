"use client";
// What the after-call check found when it read this lead's call again: a missed emergency, a
// callback request without a task, a missing field, a detail the caller never said. The call's
// transcript (below) is what to check each one against.
import { Card } from "@/components/ui/layout";
import type { Detail } from "./lead-actions";

export function LeadQaFlagsCard({ flags }: { flags: Detail["qaFlags"] }) {
  return (
    <Card
      title="Flagged after the call"
      description="Each call is read again once it ends. Check these against the transcript below."
    >
      <ul className="space-y-2" data-testid="qa-flags">
        {flags.map((f, i) => (
          <li
            key={`${f.callId}-${f.code}-${i}`}
            className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm"
          >
            <p className="font-medium text-amber-900">{f.label}</p>
            <p className="text-slate-700">{f.detail}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
