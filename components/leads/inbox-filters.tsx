"use client";
// The inbox's filters and search. On a phone they stay behind one "Filter" button, so the queue is
// on the first screen.
import { useState } from "react";
import { Button } from "@/components/ui/form";
import { sourceLabel, STATUS_LABELS, urgencyLabel } from "@/server/leads/labels";

/** The filters these controls set (the inbox may carry more, e.g. from a report's link). */
export type FilterValues = {
  status?: keyof typeof STATUS_LABELS;
  urgency?: "emergency" | "high" | "normal" | "low";
  source?: "phone" | "sms" | "web_form" | "referral" | "manual" | "marketplace";
  ownerId?: string;
  mine?: boolean;
  unowned?: boolean;
  overdue?: boolean;
  testCalls?: boolean;
  notACustomer?: boolean;
  q?: string;
};

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function InboxFilters({
  filters,
  set,
  clear,
  owners,
  open,
  toggle,
}: {
  filters: FilterValues;
  set: (patch: Partial<FilterValues>) => void;
  clear: () => void;
  owners: { userId: string; name: string }[] | undefined;
  open: boolean;
  toggle: () => void;
}) {
  const [search, setSearch] = useState("");
  const active = Object.keys(filters).length;
  return (
    <>
      {/* On a phone the filters stay behind one button, so the queue is on the first screen. */}
      <div className="mb-3 sm:hidden">
        <Button
          type="button"
          variant="secondary"
          aria-expanded={open}
          aria-controls="inbox-filters"
          onClick={toggle}
        >
          Filter{active ? ` (${active} on)` : ""}
        </Button>
      </div>
      <form
        id="inbox-filters"
        role="search"
        aria-label="Filter leads"
        className={`mb-4 flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex ${open ? "flex" : "hidden"}`}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Search
          <input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, phone or ZIP"
            className={`${selectClass} mt-1 w-full sm:w-52`}
          />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Status
          <select
            className={`${selectClass} mt-1`}
            value={filters.status ?? ""}
            onChange={(e) => set({ status: (e.target.value || undefined) as FilterValues["status"] })}
          >
            <option value="">Open (not closed)</option>
            {Object.entries(STATUS_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Urgency
          <select
            className={`${selectClass} mt-1`}
            value={filters.urgency ?? ""}
            onChange={(e) => set({ urgency: (e.target.value || undefined) as FilterValues["urgency"] })}
          >
            <option value="">Any</option>
            {["emergency", "high", "normal", "low"].map((u) => (
              <option key={u} value={u}>
                {urgencyLabel(u)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Source
          <select
            className={`${selectClass} mt-1`}
            value={filters.source ?? ""}
            onChange={(e) => set({ source: (e.target.value || undefined) as FilterValues["source"] })}
          >
            <option value="">Any</option>
            {["phone", "sms", "web_form", "referral", "manual", "marketplace"].map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Owner
          <select
            className={`${selectClass} mt-1`}
            value={filters.ownerId ?? ""}
            onChange={(e) => set({ ownerId: e.target.value || undefined })}
          >
            <option value="">Anyone</option>
            {owners?.map((o) => (
              <option key={o.userId} value={o.userId}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {(["mine", "unowned", "overdue", "testCalls", "notACustomer"] as const).map((k) => (
          <label key={k} className="flex items-center gap-1.5 pb-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={!!filters[k]}
              onChange={(e) => set({ [k]: e.target.checked || undefined })}
            />
            {k === "mine"
              ? "Mine"
              : k === "unowned"
                ? "Unowned"
                : k === "overdue"
                  ? "Overdue"
                  : k === "testCalls"
                    ? "Test calls"
                    : "Not a customer"}
          </label>
        ))}
        {active ? (
          <button
            type="button"
            className="pb-2 text-sm text-slate-600 underline"
            onClick={() => {
              clear();
              setSearch("");
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>
    </>
  );
}
