"use client";
// The audit log: security-relevant actions, newest first, as sentences, with "load more".
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { dateTimeIn, timeZoneNote } from "@/components/leads/format";
import { NoPermission, isForbidden } from "./access-states";
import { can, type TenantRole } from "@/server/auth/permissions";

const PAGE_SIZE = 25;

export function AuditLog({ role, timeZone }: { role: TenantRole; timeZone: string }) {
  const trpc = useTRPC();
  const allowed = can(role, "audit.read");
  const log = useInfiniteQuery(
    trpc.team.auditLog.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { enabled: allowed, getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="max-w-4xl">
      <PageHeader
        title="Audit log"
        description="Security-relevant changes in this business: invites, role changes, removed members, API keys, settings, pauses and cancellations."
      />
      <p className="-mt-4 mb-4 text-xs text-slate-600">{timeZoneNote(timeZone)}</p>
      {!allowed || isForbidden(log.error) ? (
        <NoPermission what="read the audit log" />
      ) : log.isPending ? (
        <Loading />
      ) : log.error ? (
        <LoadError error={log.error} retry={() => void log.refetch()} />
      ) : (
        <Card>
          {items.length === 0 ? (
            <EmptyState title="Nothing recorded yet" />
          ) : (
            <ol className="divide-y divide-slate-100" aria-label="Audit entries">
              {items.map((e) => (
                <li key={e.id} className="flex flex-col gap-0.5 py-3 sm:flex-row sm:items-baseline sm:gap-4">
                  <time
                    dateTime={new Date(e.createdAt).toISOString()}
                    className="shrink-0 text-xs text-slate-600 sm:w-44"
                  >
                    {dateTimeIn(timeZone, e.createdAt)}
                  </time>
                  <p className="text-sm">
                    {e.summary}
                    <span className="ml-1 text-xs text-slate-600">
                      — {e.actor ? e.actor.name : "the system"}
                    </span>
                  </p>
                </li>
              ))}
            </ol>
          )}
          <div className="mt-4 flex items-center gap-3" aria-live="polite">
            {log.hasNextPage ? (
              <Button
                type="button"
                variant="secondary"
                busy={log.isFetchingNextPage}
                onClick={() => void log.fetchNextPage()}
              >
                Load more
              </Button>
            ) : items.length > 0 ? (
              <p className="text-xs text-slate-500">
                That is everything ({items.length} {items.length === 1 ? "entry" : "entries"}).
              </p>
            ) : null}
          </div>
        </Card>
      )}
    </div>
  );
}
