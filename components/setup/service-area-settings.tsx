"use client";
// The service area: add ZIP codes one by one, as a pasted list, or every ZIP within N miles of a
// ZIP — always previewed first with city and state — and the current list with search and pages.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ReadOnlyNote } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";

type Mode = "one" | "list" | "radius";
type PreviewInput =
  | { mode: "one"; zip: string }
  | { mode: "list"; text: string }
  | { mode: "radius"; center: string; miles: number };
type Preview = {
  valid: { zip: string; city: string; state: string; served: boolean }[];
  invalid: { input: string; reason: string }[];
};

const MODES: { mode: Mode; label: string }[] = [
  { mode: "one", label: "One ZIP code" },
  { mode: "list", label: "Paste a list" },
  { mode: "radius", label: "All ZIPs within a radius" },
];

export function ServiceAreaSettings({ role }: { role: TenantRole }) {
  const editable = can(role, "setup.write");
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Service area"
        description="The ZIP codes you serve. The AI asks every caller for their ZIP first; callers from other ZIPs are declined politely and logged."
      />
      {editable ? (
        <AddZips />
      ) : (
        <ReadOnlyNote>You can see the service area, but only an owner or manager can change it.</ReadOnlyNote>
      )}
      <CurrentZips editable={editable} />
    </div>
  );
}

function AddZips() {
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

function PreviewList({
  data,
  selected,
  toggle,
  selectAll,
  selectNone,
}: {
  data: Preview;
  selected: Set<string>;
  toggle: (zip: string) => void;
  selectAll: () => void;
  selectNone: () => void;
}) {
  const fresh = data.valid.filter((z) => !z.served).length;
  return (
    <section aria-label="Preview" className="space-y-3">
      {data.invalid.length ? (
        <div
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700"
        >
          <p className="font-medium">
            {data.invalid.length === 1
              ? "1 entry is not a usable ZIP code"
              : `${data.invalid.length} entries are not usable ZIP codes`}{" "}
            and will not be added:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {data.invalid.map((i) => (
              <li key={i.input}>{i.reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.valid.length === 0 ? (
        <p className="text-sm text-slate-600">
          No valid ZIP codes to add. Enter at least one 5-digit US ZIP code.
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-medium">
              {data.valid.length} ZIP code{data.valid.length === 1 ? "" : "s"} found
              {data.valid.length > fresh ? ` · ${data.valid.length - fresh} already in your area` : ""} ·{" "}
              {selected.size} selected
            </p>
            {fresh > 1 ? (
              <div className="flex gap-2 text-sm">
                <button
                  type="button"
                  className="text-brand-700 underline underline-offset-2 hover:text-brand-600"
                  onClick={selectAll}
                >
                  Select all
                </button>
                <button
                  type="button"
                  className="text-brand-700 underline underline-offset-2 hover:text-brand-600"
                  onClick={selectNone}
                >
                  Select none
                </button>
              </div>
            ) : null}
          </div>
          <ul
            className="grid max-h-80 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2"
            aria-label="ZIP codes found"
          >
            {data.valid.map((z) => (
              <li key={z.zip}>
                <label
                  className={`flex items-center gap-2 rounded px-2 py-1 text-sm ${z.served ? "text-slate-500" : "hover:bg-slate-50"}`}
                >
                  <input
                    type="checkbox"
                    checked={z.served || selected.has(z.zip)}
                    disabled={z.served}
                    onChange={() => toggle(z.zip)}
                  />
                  <span className="font-mono">{z.zip}</span>
                  <span>
                    {z.city}, {z.state}
                  </span>
                  {z.served ? <span className="text-xs">(already in your area)</span> : null}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const PAGE_SIZE = 25;

function CurrentZips({ editable }: { editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;

  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(searchText.trim());
      setCursors([null]);
    }, 250);
    return () => clearTimeout(t);
  }, [searchText]);

  const zips = useQuery(
    trpc.setup.zips.queryOptions(
      { search: search || undefined, cursor, limit: PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  const remove = useMutation(
    trpc.setup.removeZips.mutationOptions({
      onSuccess: () => {
        setCursors([null]);
        void queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
      },
    }),
  );

  const from = (cursors.length - 1) * PAGE_SIZE;
  return (
    <Card
      title="Your service area"
      description={
        zips.data
          ? `${zips.data.total} ZIP code${zips.data.total === 1 ? "" : "s"}${search ? ` matching "${search}"` : ""}`
          : undefined
      }
    >
      <Field
        label="Search ZIP or city"
        type="search"
        value={searchText}
        onChange={(e) => setSearchText(e.target.value)}
        placeholder="787 or Austin"
        className="mb-4 max-w-sm"
      />
      {zips.isPending ? (
        <Loading />
      ) : zips.error ? (
        <LoadError error={zips.error} retry={() => void zips.refetch()} />
      ) : zips.data.items.length === 0 ? (
        <EmptyState title={search ? `No ZIP codes match "${search}"` : "No ZIP codes yet"}>
          {search
            ? "Try another ZIP or city."
            : "Add the ZIP codes you serve above; until then the AI stays off."}
        </EmptyState>
      ) : (
        <>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">ZIP codes in your service area</caption>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-2">
                  ZIP
                </th>
                <th scope="col" className="py-2">
                  City
                </th>
                {editable ? (
                  <th scope="col" className="py-2 text-right">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {zips.data.items.map((z) => (
                <tr key={z.id}>
                  <td className="py-2 font-mono">{z.zip}</td>
                  <td className="py-2">
                    {z.city}, {z.state}
                  </td>
                  {editable ? (
                    <td className="py-2 text-right">
                      <ConfirmButton
                        label={`Remove ZIP ${z.zip}`}
                        busy={remove.isPending && remove.variables?.zips[0] === z.zip}
                        onConfirm={() => remove.mutate({ zips: [z.zip] })}
                      >
                        Remove
                      </ConfirmButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label="ZIP code pages" className="mt-4 flex items-center justify-between text-sm">
            <p className="text-slate-600">
              Showing {from + 1}–{from + zips.data.items.length} of {zips.data.total}
            </p>
            <div className="flex gap-2">
              <Button
                type="button"
                variant="secondary"
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous page
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={!zips.data.nextCursor}
                onClick={() => setCursors((c) => [...c, zips.data.nextCursor ?? null])}
              >
                Next page
              </Button>
            </div>
          </nav>
        </>
      )}
      <ErrorBanner message={remove.error?.message} />
    </Card>
  );
}
