"use client";
// Settings → Calendar feed: a private iCalendar link of booked visits for Google Calendar or
// Outlook — your own visits, and (owners) the whole business's. Copy it, replace it, turn it off.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyButton } from "@/components/ui/copy-button";
import { QueryState } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";

type Feed = { id: string; url: string; createdAt: Date } | null;
type FeedQuery = { isPending: boolean; error: unknown; refetch: () => unknown; data?: Feed };
type Mutation = { mutate: () => void; isPending: boolean; error: { message: string } | null };

export function CalendarSettings({ role }: { role: TenantRole }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const business = can(role, "integrations.manage");
  const mine = useQuery(trpc.integrations.myCalendarFeed.queryOptions());
  const all = useQuery(trpc.integrations.businessCalendarFeed.queryOptions(undefined, { enabled: business }));
  const refreshMine = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.myCalendarFeed.queryKey() });
  const refreshAll = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.businessCalendarFeed.queryKey() });
  const resetMine = useMutation(trpc.integrations.resetMyCalendarFeed.mutationOptions({ onSuccess: refreshMine }));
  const revokeMine = useMutation(trpc.integrations.revokeMyCalendarFeed.mutationOptions({ onSuccess: refreshMine }));
  const resetAll = useMutation(trpc.integrations.resetBusinessCalendarFeed.mutationOptions({ onSuccess: refreshAll }));
  const revokeAll = useMutation(trpc.integrations.revokeBusinessCalendarFeed.mutationOptions({ onSuccess: refreshAll }));
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Calendar feed"
        description="Subscribe to booked visits in Google Calendar (Other calendars → From URL) or Outlook (Add calendar → Subscribe from web). Each visit shows the caller, address, issue and a link to the lead. Anyone with the link can read it: keep it private, and replace it if it leaks."
      />
      <FeedCard title="My visits" what="the visits you own" query={mine} reset={{ ...resetMine, mutate: () => resetMine.mutate() }} revoke={{ ...revokeMine, mutate: () => revokeMine.mutate() }} />
      {business ? (
        <FeedCard title="All booked visits" what="every booked visit of the business" query={all} reset={{ ...resetAll, mutate: () => resetAll.mutate() }} revoke={{ ...revokeAll, mutate: () => revokeAll.mutate() }} />
      ) : null}
    </div>
  );
}

function FeedCard({ title, what, query, reset, revoke }: { title: string; what: string; query: FeedQuery; reset: Mutation; revoke: Mutation }) {
  const id = useId();
  return (
    <Card title={title}>
      <QueryState query={query} what="see this calendar link">
        {() =>
          query.data ? (
            <div className="space-y-3">
              <label htmlFor={id} className="block text-sm text-slate-700">
                Private link to {what}
              </label>
              <div className="flex flex-wrap items-center gap-2">
                <input id={id} readOnly value={query.data.url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs" />
                <CopyButton value={query.data.url} label="Copy link" targetId={id} />
              </div>
              <div className="flex flex-wrap gap-2">
                <ConfirmButton label={`Replace the ${title} link`} confirmText="Yes, replace" busy={reset.isPending} onConfirm={reset.mutate}>
                  Replace link
                </ConfirmButton>
                <ConfirmButton label={`Turn off the ${title} link`} confirmText="Yes, turn off" busy={revoke.isPending} onConfirm={revoke.mutate}>
                  Turn off
                </ConfirmButton>
              </div>
            </div>
          ) : (
            <div className="space-y-2">
              <p className="text-sm text-slate-600">No link yet. Create one to see {what} in your calendar app.</p>
              <Button type="button" busy={reset.isPending} onClick={reset.mutate}>
                Create calendar link
              </Button>
            </div>
          )
        }
      </QueryState>
      <div aria-live="polite">
        <ErrorBanner message={reset.error?.message ?? revoke.error?.message} />
      </div>
    </Card>
  );
}
