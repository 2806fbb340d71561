"use client";
// A text template as a caller would receive it: this business's name, a sample caller and visit,
// its length in texts, and what is wrong with it.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { DEFAULT_TEMPLATES, type TemplatePurpose } from "@/server/messaging/render-template";
import { linkTargetHost } from "@/server/messaging/link-target";

export function Preview({
  purpose,
  template,
  bookingUrl,
}: {
  purpose: TemplatePurpose;
  template: string;
  bookingUrl: string;
}) {
  const trpc = useTRPC();
  const deferred = useDeferredValue(template);
  const q = useQuery(
    trpc.messaging.preview.queryOptions(
      { purpose, template: deferred, bookingUrl: bookingUrl || null },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <div
      aria-live="polite"
      className="mt-2 rounded-md bg-slate-50 p-3 text-sm"
      data-testid={`preview-${purpose}`}
    >
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">
        Preview: the exact text (sample caller Maria)
      </p>
      {q.data ? (
        <>
          <p className="mt-1 whitespace-pre-wrap">{q.data.text}</p>
          {linkTargetHost(bookingUrl.trim()) && template.includes("{link}") ? (
            <p className="mt-1 text-xs text-slate-600">The link opens {linkTargetHost(bookingUrl.trim())}.</p>
          ) : null}
          <p className="mt-1 text-xs text-slate-600">
            {q.data.length} characters · {q.data.segments} text{q.data.segments === 1 ? "" : "s"}
          </p>
          {q.data.unknown.length ? (
            <p className="mt-1 text-xs text-red-700">
              Unknown variable {q.data.unknown.join(", ")}: it will be sent as written.
            </p>
          ) : null}
          {q.data.noNumberYet ? (
            <p className="mt-1 text-xs text-amber-800">
              No tracking number yet: the text gives your tracking number (or the contact number for HELP
              replies) once you add one under Phone numbers.
            </p>
          ) : null}
          {q.data.missingLink ? (
            <p className="mt-1 text-xs text-red-700">
              Add {"{link}"}: the text-back must carry the booking or quote link.
            </p>
          ) : null}
          {purpose === "text_back" && !bookingUrl.trim() && template.includes("{link}") ? (
            <p className="mt-1 text-xs text-amber-800">
              {template === DEFAULT_TEMPLATES.text_back
                ? "No booking or quote link yet: until you add one above, callers get this shorter text-back asking them to reply or call back."
                : "No booking or quote link yet: {link} stays empty until you add one above."}
            </p>
          ) : null}
        </>
      ) : q.error ? (
        <p className="mt-1 text-xs text-red-700">{q.error.message}</p>
      ) : (
        <p className="mt-1 text-xs text-slate-500">Rendering…</p>
      )}
    </div>
  );
}
