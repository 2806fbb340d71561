"use client";
// Adding ZIP codes: one, a pasted list, or every ZIP within N miles of a ZIP, always previewed
// first with city and state; only the ticked ones are added.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { PreviewList, type Preview } from "./zip-preview-list";

type Mode = "one" | "list" | "radius";

type PreviewInput =
  | { mode: "one"; zip: string }
  | { mode: "list"; text: string }
  | { mode: "radius"; center: string; miles: number };

const MODES: { mode: Mode; label: string }[] = [
  { mode: "one", label: "One ZIP code" },
  { mode: "list", label: "Paste a list" },
  { mode: "radius", label: "All ZIPs within a radius" },
];

export function AddZips() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>("radius");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<string | null>(null);
  const textareaId = useId();

  const preview = useMutation({
    mutationFn: (input: PreviewInput) => client.setup.previewZips.query(input),
    onSuccess: (p: Preview) => setSelected(new Set(p.valid.filter((z) => !z.served).map((z) => z.zip))),
  });
  const add = useMutation(
    trpc.setup.addZips.mutationOptions({
      onSuccess: (r) => {
        setResult(
          `Added ${r.added} ZIP code${r.added === 1 ? "" : "s"} to your service area${r.alreadyThere ? ` (${r.alreadyThere} already there)` : ""}.`,
        );
        preview.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
      },
    }),
  );
  const errs = fieldErrorsFrom(preview.error);

  function onPreview(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setResult(null);
    add.reset();
    const get = (k: string) => String(f.get(k) ?? "");
    if (mode === "one") preview.mutate({ mode, zip: get("zip") });
    else if (mode === "list") preview.mutate({ mode, text: get("text") });
    else preview.mutate({ mode, center: get("center"), miles: Number(get("miles")) });
  }

  const data = preview.data;
  const fresh = data?.valid.filter((z) => !z.served) ?? [];
  const toggle = (zip: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(zip)) next.delete(zip);
      else next.add(zip);
      return next;
    });

  return (
    <Card
      title="Add ZIP codes"
      description="Preview first: you see the city and state of every ZIP before anything is added."
    >
      <form onSubmit={onPreview} noValidate className="space-y-4">
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">How do you want to add them?</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {MODES.map((m) => (
              <label key={m.mode} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="mode"
                  value={m.mode}
                  checked={mode === m.mode}
                  onChange={() => {
                    setMode(m.mode);
                    preview.reset();
                  }}
                />
                {m.label}
              </label>
            ))}
          </div>
        </fieldset>

        {mode === "one" ? (
          <Field
            label="ZIP code"
            name="zip"
            inputMode="numeric"
            maxLength={10}
            placeholder="78701"
            error={errs.fields.zip}
          />
        ) : null}
        {mode === "list" ? (
          <div>
            <label htmlFor={textareaId} className="block text-sm font-medium text-slate-700">
              ZIP codes
            </label>
            <textarea
              id={textareaId}
              name="text"
              rows={4}
              maxLength={20_000}
              placeholder="78701, 78702, 78703"
              aria-describedby={`${textareaId}-hint`}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
            />
            <p id={`${textareaId}-hint`} className="mt-1 text-xs text-slate-500">
              Separate them with commas, spaces or new lines.
            </p>
          </div>
        ) : null}
        {mode === "radius" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              label="Miles"
              name="miles"
              type="number"
              min={1}
              max={100}
              defaultValue={10}
              error={errs.fields.miles}
              hint="1 to 100 miles."
            />
            <Field
              label="Around ZIP"
              name="center"
              inputMode="numeric"
              maxLength={10}
              placeholder="78701"
              error={errs.fields.center}
            />
          </div>
        ) : null}
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary" busy={preview.isPending}>
            Preview
          </Button>
        </div>
      </form>

      <div aria-live="polite" className="mt-4 space-y-3">
        {preview.error && !errs.field ? <ErrorBanner message={errs.message} /> : null}
        <SuccessNote message={result} />
        {data ? (
          <PreviewList
            data={data}
            selected={selected}
            toggle={toggle}
            selectAll={() => setSelected(new Set(fresh.map((z) => z.zip)))}
            selectNone={() => setSelected(new Set())}
          />
        ) : null}
        {data && fresh.length > 0 ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button
              type="button"
              busy={add.isPending}
              disabled={selected.size === 0}
              onClick={() => add.mutate({ zips: [...selected] })}
            >
              {`Add ${selected.size} selected ZIP code${selected.size === 1 ? "" : "s"}`}
            </Button>
            <Button type="button" variant="secondary" onClick={() => preview.reset()}>
              Discard preview
            </Button>
          </div>
        ) : null}
        <ErrorBanner message={add.error ? fieldErrorsFrom(add.error).message : null} />
      </div>
    </Card>
  );
}
