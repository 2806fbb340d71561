"use client";
// Pause or resume one business: asks for the reason (it goes in the audit log) and a confirm.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom } from "@/components/ui/form";

type Props = {
  tenant: { id: string; name: string; paused: boolean };
  agencyId?: string;
  onChanged: (message: string) => void;
};

export function PauseControl({ tenant, agencyId, onChanged }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const verb = tenant.paused ? "Resume" : "Pause";
  const done = {
    onSuccess: async () => {
      setAsking(false);
      setReason("");
      onChanged(
        tenant.paused
          ? `${tenant.name} is running again: the AI answers its missed calls.`
          : `${tenant.name} is paused: the AI no longer answers its missed calls.`,
      );
      await queryClient.invalidateQueries({ queryKey: trpc.agency.overview.queryKey() });
    },
  };
  const pause = useMutation(trpc.agency.pause.mutationOptions(done));
  const resume = useMutation(trpc.agency.resume.mutationOptions(done));
  const m = tenant.paused ? resume : pause;
  const errs = fieldErrorsFrom(m.error);

  useEffect(() => {
    if (asking) inputRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <Button
        type="button"
        variant={tenant.paused ? "secondary" : "danger"}
        className="py-1.5"
        onClick={() => setAsking(true)}
      >
        {verb}
        <span className="sr-only"> {tenant.name}</span>
      </Button>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setLocalError("Say why (at least 3 characters): it goes in the audit log.");
      return;
    }
    setLocalError(null);
    m.mutate({ agencyId, tenantId: tenant.id, reason: reason.trim() });
  }

  const error = localError ?? errs.fields.reason ?? null;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="w-full space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2 md:w-64"
      aria-label={`${verb} ${tenant.name}`}
    >
      <div>
        <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-slate-700">
          Reason for {tenant.paused ? "resuming" : "pausing"} {tenant.name}
        </label>
        <input
          ref={inputRef}
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          maxLength={500}
          className={`mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm ${error ? "border-red-500" : "border-slate-300"}`}
        />
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
            {tenant.paused
              ? "The AI starts answering missed calls again."
              : "The AI stops answering missed calls until you resume."}
          </p>
        )}
      </div>
      {!errs.fields.reason ? <ErrorBanner message={m.error ? errs.message : null} /> : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          variant={tenant.paused ? "primary" : "danger"}
          busy={m.isPending}
          className="py-1.5"
        >
          Yes, {verb.toLowerCase()}
        </Button>
        <Button
          type="button"
          variant="secondary"
          className="py-1.5"
          onClick={() => {
            setAsking(false);
            setLocalError(null);
            m.reset();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
