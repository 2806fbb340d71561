"use client";
// The timeline, last on the page and collapsible: open on wide screens, folded on phones so the
// actions stay near the top.
import { useState } from "react";
import type { Names, TimelineEvent } from "@/server/leads/labels";
import { Timeline } from "./timeline";

export function LeadTimelineCard({ events, nameOf }: { events: TimelineEvent[]; nameOf: Names }) {
  const [open, setOpen] = useState(
    () => typeof window === "undefined" || window.matchMedia("(min-width: 1024px)").matches,
  );
  return (
    <details
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <summary className="cursor-pointer text-base font-semibold">
        Timeline{" "}
        <span className="text-sm font-normal text-slate-600">
          ({events.length} event{events.length === 1 ? "" : "s"})
        </span>
      </summary>
      <div className="mt-4">
        <Timeline events={events} nameOf={nameOf} />
      </div>
    </details>
  );
}
