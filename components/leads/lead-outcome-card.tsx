"use client";
// A booked lead's outcome, one click each: did the customer let the plumber in (show rate), and
// did the visit become paid work, with its value (close rate). Recorded by leads.recordOutcome.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import {
  JOB_OUTCOME_LABEL,
  VISIT_OUTCOME_LABEL,
  type RecordOutcomeInput,
} from "@/server/leads/outcome-input";
import { useLeadForm } from "./use-lead-form";

type OutcomeLead = {
  id: string;
  appointmentAt: Date | string | null;
  visitOutcome: "showed" | "no_show" | null;
  jobOutcome: "won" | "lost" | null;
  jobValueCents: number | null;
};

/** "1,250.50" or "$1250" → 125050 cents; null when empty; NaN when not a sum of money. */
export function parseDollars(text: string): number | null {
  const clean = text.replace(/[$,\s]/g, "");
  if (!clean) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

const money = (cents: number) =>
  (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });

export function LeadOutcomeCard({ lead }: { lead: OutcomeLead }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const valueId = useId();
  // The value follows the lead (a value recorded through the API shows up) until someone types here.
  const valueForm = useLeadForm({
    value: lead.jobValueCents != null ? String(lead.jobValueCents / 100) : "",
  });
  const { value } = valueForm.values;
  const [valueError, setValueError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [early, setEarly] = useState(false);
  const [openedAt] = useState(() => Date.now());
  const earlyId = useId();
  const record = useMutation(
    trpc.leads.recordOutcome.mutationOptions({
      onSuccess: async (_id, input) => {
        setDone(
          input.jobOutcome
            ? `Recorded: ${JOB_OUTCOME_LABEL[input.jobOutcome]}${input.jobValueCents ? ` (${money(input.jobValueCents)})` : ""}.`
            : `Recorded: ${VISIT_OUTCOME_LABEL[input.visitOutcome!]}.`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() });
      },
    }),
  );
  if (!lead.appointmentAt) return null;

  // Before the booked time, a show or a win needs "It happened early" (the server refuses it otherwise).
  const upcoming = new Date(lead.appointmentAt).getTime() > openedAt;
  const send = (input: Omit<RecordOutcomeInput, "leadId">) => {
    setDone(null);
    record.mutate({ leadId: lead.id, ...input, ...(upcoming && early ? { happenedEarly: true } : {}) });
  };
  const won = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseDollars(value);
    if (Number.isNaN(cents)) return setValueError("Enter the job value in dollars, like 1250 or 1,250.50.");
    setValueError(null);
    send({ jobOutcome: "won", jobValueCents: cents });
  };
  const serverError = fieldErrorsFrom(record.error);

  return (
    <Card
      title="Visit outcome"
      description="After the visit: was the customer there, and did it become paid work? These feed the show and close rates in Reports."
    >
      <p className="text-sm text-slate-700" data-testid="outcome-now">
        Visit: {lead.visitOutcome ? VISIT_OUTCOME_LABEL[lead.visitOutcome] : "not recorded"} · Job:{" "}
        {lead.jobOutcome
          ? `${JOB_OUTCOME_LABEL[lead.jobOutcome]}${lead.jobValueCents != null ? ` (${money(lead.jobValueCents)})` : ""}`
          : "not recorded"}
      </p>
      {upcoming ? (
        <div className="mt-3 rounded-md bg-slate-50 p-2 text-sm">
          <p className="text-slate-700">The visit is still ahead: record how it went after it.</p>
          <label htmlFor={earlyId} className="mt-1 flex items-center gap-2">
            <input
              id={earlyId}
              type="checkbox"
              className="size-4"
              checked={early}
              onChange={(e) => setEarly(e.target.checked)}
              aria-invalid={serverError.field === "happenedEarly" ? true : undefined}
            />
            It happened early (the plumber already went)
          </label>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button
          variant={lead.visitOutcome === "showed" ? "primary" : "secondary"}
          aria-pressed={lead.visitOutcome === "showed"}
          busy={record.isPending && record.variables?.visitOutcome === "showed"}
          onClick={() => send({ visitOutcome: "showed" })}
        >
          Customer was there
        </Button>
        <Button
          variant={lead.visitOutcome === "no_show" ? "primary" : "secondary"}
          aria-pressed={lead.visitOutcome === "no_show"}
          busy={record.isPending && record.variables?.visitOutcome === "no_show"}
          onClick={() => send({ visitOutcome: "no_show" })}
        >
          No-show
        </Button>
      </div>
      <form onSubmit={won} className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={valueId} className="block text-sm font-medium text-slate-700">
            Job value ($, optional)
          </label>
          <input
            id={valueId}
            inputMode="decimal"
            value={value}
            onChange={(e) => valueForm.set("value", e.target.value)}
            aria-invalid={valueError || serverError.field === "jobValueCents" ? true : undefined}
            aria-describedby={valueError ? `${valueId}-error` : undefined}
            className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </div>
        <Button
          type="submit"
          variant={lead.jobOutcome === "won" ? "primary" : "secondary"}
          busy={record.isPending && record.variables?.jobOutcome === "won"}
        >
          Won
        </Button>
        <Button
          type="button"
          variant={lead.jobOutcome === "lost" ? "primary" : "secondary"}
          aria-pressed={lead.jobOutcome === "lost"}
          busy={record.isPending && record.variables?.jobOutcome === "lost"}
          onClick={() => send({ jobOutcome: "lost" })}
        >
          Lost
        </Button>
      </form>
      {valueError ? (
        <p id={`${valueId}-error`} className="mt-1 text-xs text-red-600">
          {valueError}
        </p>
      ) : null}
      <div aria-live="polite" className="mt-2">
        {record.error ? <ErrorBanner message={serverError.message} /> : <SuccessNote message={done} />}
      </div>
    </Card>
  );
}
