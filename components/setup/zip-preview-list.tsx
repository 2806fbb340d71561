"use client";
// The preview of ZIP codes about to be added: city and state, which are already served, and the
// ones that were not understood, each ticked or not.

export type Preview = {
  valid: { zip: string; city: string; state: string; served: boolean }[];
  invalid: { input: string; reason: string }[];
};

export function PreviewList({
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
