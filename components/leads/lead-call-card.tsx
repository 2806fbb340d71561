"use client";
// One call on the lead: the path it took (rang the plumber, AI, transfer…) and its transcript.
import { Card } from "@/components/ui/layout";
import { useBusinessTime } from "./business-time";
import type { Detail } from "./lead-actions";

export function LeadCallCard({ call }: { call: Detail["calls"][number] }) {
  const { dateTime } = useBusinessTime();
  return (
    <Card title={`Call ${dateTime(call.startedAt)}${call.isTest ? " (test)" : ""}`}>
      <h3 className="text-sm font-semibold">Call path</h3>
      <ol aria-label="Call path" className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        {call.path.map((s, i) => (
          <li key={s.key} className="flex items-center gap-2">
            {i > 0 ? (
              <span aria-hidden className="text-slate-600">
                →
              </span>
            ) : null}
            <span
              className={`rounded px-2 py-0.5 ${s.state === "stopped" ? "bg-amber-50 text-amber-900" : s.state === "skipped" ? "bg-slate-50 text-slate-600" : "bg-slate-100 text-slate-900"}`}
            >
              {s.label}
              {s.detail ? <span className="text-xs text-slate-700"> ({s.detail})</span> : null}
            </span>
          </li>
        ))}
      </ol>
      <h3 className="mt-4 text-sm font-semibold">Transcript</h3>
      {call.turns.length ? (
        <ol aria-label="Transcript" className="mt-2 space-y-1.5">
          {call.turns.map((t) => (
            <li
              key={t.seq}
              className={`rounded-md px-3 py-1.5 text-sm ${t.speaker === "caller" ? "bg-brand-50" : "bg-slate-50"}`}
            >
              <span className="font-medium">
                {t.speaker === "agent" ? "AI" : t.speaker === "caller" ? "Caller" : "System"}:
              </span>{" "}
              {t.text}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No conversation on this call.</p>
      )}
    </Card>
  );
}
