// Page chrome: headings, cards, empty / loading / error states.
import Link from "next/link";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 max-w-2xl text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}

export function Card({
  title,
  description,
  children,
  className,
}: {
  title?: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className ?? ""}`}
      aria-label={title}
    >
      {title ? <h2 className="text-base font-semibold">{title}</h2> : null}
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      <div className={title || description ? "mt-4" : ""}>{children}</div>
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center">
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 py-6 text-sm text-slate-500">
      <span
        className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600"
        aria-hidden
      />
      {label}
    </div>
  );
}

/** The tRPC error code of a failed query (NOT_FOUND, FORBIDDEN, …), if it has one. */
export function errorCode(error: unknown): string | null {
  return (error as { data?: { code?: string } } | null)?.data?.code ?? null;
}

/**
 * A failed load. "Not found" and "not allowed" are page states, not glitches: a heading, a
 * sentence and a way back — no retry, since trying again cannot help. Anything else may be
 * passing, so it says what failed and offers "Try again".
 */
export function LoadError({
  error,
  retry,
  backHref,
  backLabel = "Go back",
  what = "page",
}: {
  error: { message: string };
  retry?: () => void;
  backHref?: string;
  backLabel?: string;
  what?: string;
}) {
  const code = errorCode(error);
  if (code === "NOT_FOUND" || code === "FORBIDDEN") {
    const notFound = code === "NOT_FOUND";
    return (
      <section
        role="status"
        aria-labelledby="load-error-title"
        className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h1 id="load-error-title" className="text-xl font-semibold tracking-tight">
          {notFound ? `This ${what} was not found` : `You don't have permission to see this ${what}`}
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          {notFound
            ? `It may have been removed, or the link is wrong${what === "lead" ? ", or it belongs to someone else" : ""}.`
            : "Ask an owner of this business if you need access."}
        </p>
        {backHref ? (
          <p className="mt-4 text-sm">
            <Link
              href={backHref}
              className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
            >
              {backLabel}
            </Link>
          </p>
        ) : null}
      </section>
    );
  }
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-700">
      Could not load this: {error.message}
      {retry ? (
        <button type="button" onClick={retry} className="ml-2 underline">
          Try again
        </button>
      ) : null}
    </div>
  );
}
