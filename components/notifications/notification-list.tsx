"use client";
// The signed-in person's in-app notifications: escalations and review lists, newest first.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { ShowMore } from "@/components/ui/show-more";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { Button, ErrorBanner, SuccessNote } from "@/components/ui/form";
import { businessTime } from "@/components/leads/format";

const REFRESH_MS = 15_000;

export function NotificationList() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { slug } = useParams<{ slug: string }>();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const count = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, { refetchInterval: REFRESH_MS }),
  );
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { unreadOnly },
      { getNextPageParam: (p) => p.nextCursor, refetchInterval: REFRESH_MS },
    ),
  );
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: () => refresh() }));
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: (r) => {
        setNote(
          r.updated
            ? `Marked ${r.updated} notification${r.updated === 1 ? "" : "s"} read.`
            : "Nothing was unread.",
        );
        return refresh();
      },
    }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = count.data?.count ?? 0;
  // Times in the business's zone (from the list query), named once above the list.
  const tz = list.data?.pages[0]?.timeZone;
  const time = tz ? businessTime(tz) : null;

  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Notifications"
        description="Escalated leads and review lists sent to you. The same messages go out by email (and SMS to the on-call phone for emergencies)."
        actions={
          <div className="flex items-center gap-3">
            {count.data?.canSeeOutbox ? (
              <Link
                href={`/t/${slug}/dev/outbox`}
                className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
              >
                Local outbox
              </Link>
            ) : null}
            <Button
              variant="secondary"
              busy={markAll.isPending}
              disabled={unread === 0}
              onClick={() => markAll.mutate()}
            >
              Mark all read
            </Button>
          </div>
        }
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-slate-700" role="status" aria-live="polite">
            {count.isPending ? "Counting…" : `${unread} unread`}
          </p>
          {time ? (
            <p className="text-xs text-slate-500" data-testid="time-zone-note">
              {time.note()}
            </p>
          ) : null}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => setUnreadOnly(e.target.checked)}
            className="size-4 rounded border-slate-300"
          />
          Unread only
        </label>
      </div>
      <div aria-live="polite" className="mb-3">
        <SuccessNote message={note} />
        <ErrorBanner message={markAll.error?.message ?? markRead.error?.message} />
      </div>
      <Card>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <LoadError error={list.error} retry={() => list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={unreadOnly ? "No unread notifications." : "No notifications yet."}>
            Escalations and end-of-day review lists show up here.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Notifications">
            {items.map((n) => (
              <li
                key={n.id}
                className={`flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-3 ${n.readAt ? "" : "font-medium"}`}
              >
                <div className="min-w-0 flex-1">
                  <p className="text-sm">
                    {n.readAt ? null : (
                      <>
                        <span className="mr-2 inline-block size-2 rounded-full bg-brand-600" aria-hidden />
                        <span className="sr-only">Unread: </span>
                      </>
                    )}
                    {n.body}
                  </p>
                  <p className="mt-1 text-xs font-normal text-slate-500">
                    {time ? time.dateTime(n.createdAt) : null}
                  </p>
                </div>
                <div className="flex shrink-0 items-center gap-3 text-sm font-normal">
                  {n.leadId ? (
                    <Link
                      href={`/t/${slug}/leads/${n.leadId}`}
                      className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
                    >
                      Open lead
                    </Link>
                  ) : n.purpose === "routine.review_list" ? (
                    <Link
                      href={`/t/${slug}/routines?tab=end-of-day`}
                      className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
                    >
                      Open review list
                    </Link>
                  ) : null}
                  {n.readAt ? null : (
                    <button
                      type="button"
                      className="text-slate-600 underline hover:text-slate-900"
                      onClick={() => markRead.mutate({ id: n.id })}
                      disabled={markRead.isPending}
                    >
                      Mark read<span className="sr-only"> this notification</span>
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <ShowMore list={list} />
      </Card>
    </div>
  );
}
