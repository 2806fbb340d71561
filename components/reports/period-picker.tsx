"use client";
// The report period: this week, last week, this month, last month, or a custom range of days
// (in the business's time zone; the server resolves it).
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/form";
import type { ReportPeriodInput } from "@/server/reports/period";

const CHOICES = [
  { kind: "this_week", label: "This week" },
  { kind: "last_week", label: "Last week" },
  { kind: "this_month", label: "This month" },
  { kind: "last_month", label: "Last month" },
  { kind: "custom", label: "Custom range" },
] as const;

const inputClass = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function PeriodPicker({
  value,
  onChange,
  error,
}: {
  value: ReportPeriodInput;
  onChange: (p: ReportPeriodInput) => void;
  error?: { field?: string; message?: string };
}) {
  const [kind, setKind] = useState<ReportPeriodInput["kind"]>(value.kind);
  const [from, setFrom] = useState(value.from ?? "");
  const [to, setTo] = useState(value.to ?? "");

  const pick = (k: ReportPeriodInput["kind"]) => {
    setKind(k);
    if (k !== "custom") onChange({ kind: k });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onChange({ kind: "custom", from: from || undefined, to: to || undefined });
  };

  return (
    <form onSubmit={apply} className="flex flex-wrap items-end gap-3" aria-label="Report period">
      <div>
        <label htmlFor="report-period" className="block text-sm font-medium text-slate-700">
          Period
        </label>
        <select
          id="report-period"
          className={inputClass}
          value={kind}
          onChange={(e) => pick(e.target.value as ReportPeriodInput["kind"])}
        >
          {CHOICES.map((c) => (
            <option key={c.kind} value={c.kind}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      {kind === "custom" ? (
        <>
          <div>
            <label htmlFor="report-from" className="block text-sm font-medium text-slate-700">
              First day
            </label>
            <input
              id="report-from"
              type="date"
              className={inputClass}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={error?.field === "from" || undefined}
              aria-describedby={error?.field === "from" ? "report-period-error" : undefined}
            />
          </div>
          <div>
            <label htmlFor="report-to" className="block text-sm font-medium text-slate-700">
              Last day
            </label>
            <input
              id="report-to"
              type="date"
              className={inputClass}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              aria-invalid={error?.field === "to" || undefined}
              aria-describedby={error?.field === "to" ? "report-period-error" : undefined}
            />
          </div>
          <Button type="submit" variant="secondary">
            Show
          </Button>
        </>
      ) : null}
      {error?.message ? (
        <p id="report-period-error" role="alert" className="basis-full text-sm text-red-600">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
