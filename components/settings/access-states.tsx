"use client";
// What a settings page shows while loading, on error, and when the role map refuses the
// person: a friendly "no permission" note instead of a raw FORBIDDEN.
import type { ReactNode } from "react";
import { LoadError, Loading } from "@/components/ui/layout";

export function isForbidden(error: unknown): boolean {
  return (error as { data?: { code?: string } } | null)?.data?.code === "FORBIDDEN";
}

export function NoPermission({ what, who = "an owner" }: { what: string; who?: string }) {
  return (
    <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-5 text-sm text-amber-900">
      <p className="font-medium">You don&apos;t have permission to {what}.</p>
      <p className="mt-1">Ask {who} of this business if you need this changed.</p>
    </div>
  );
}

type QueryLike = { isPending: boolean; error: unknown; refetch: () => unknown };

/** Renders loading / no-permission / error for a query, or the children once it has data. */
export function QueryState({
  query,
  what,
  children,
}: {
  query: QueryLike;
  what: string;
  children: () => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error) {
    if (isForbidden(query.error)) return <NoPermission what={what} />;
    return <LoadError error={query.error as { message: string }} retry={() => void query.refetch()} />;
  }
  return <>{children()}</>;
}

/** A short note on pages a role may see but not change. */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return (
    <p
      role="note"
      className="mb-4 rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-sm text-slate-700"
    >
      {children}
    </p>
  );
}
