"use client";
// Settings → Calendar feed: a private iCalendar link of booked visits for Google Calendar or
// Outlook — your own visits, and (owners) the whole business's. The link is shown once, when it
// is made (only its fingerprint is stored); replace it to get a new one, or turn it off.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { OneTimeSecret } from "@/components/integrations/one-time-secret";
import { QueryState } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import { dayLabel } from "@/server/text/day-label";

type Feed = { id: string; createdAt: Date } | null;
type FeedQuery = { isPending: boolean; error: unknown; refetch: () => unknown; data?: Feed };
type Mutation = { mutate: () => void; isPending: boolean; error: { message: string } | null };
type ResetMutation = Omit<Mutation, "mutate"> & {
  mutate: (opts: { onSuccess: (feed: { url: string }) => void }) => void;
};

/** `timeZone`: the business's, for the day a link was made. */
export function CalendarSettings({ role, timeZone }: { role: TenantRole; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const business = can(role, "integrations.manage");
  const mine = useQuery(trpc.integrations.myCalendarFeed.queryOptions());
  const all = useQuery(trpc.integrations.businessCalendarFeed.queryOptions(undefined, { enabled: business }));
  const refreshMine = () =>
    queryClient.invalidateQueries({ queryKey: trpc.integrations.myCalendarFeed.queryKey() });
  const refreshAll = () =>
    queryClient.invalidateQueries({ queryKey: trpc.integrations.businessCalendarFeed.queryKey() });
  const resetMine = useMutation(
    trpc.integrations.resetMyCalendarFeed.mutationOptions({ onSuccess: refreshMine }),
  );
  const revokeMine = useMutation(
    trpc.integrations.revokeMyCalendarFeed.mutationOptions({ onSuccess: refreshMine }),
  );
  const resetAll = useMutation(
    trpc.integrations.resetBusinessCalendarFeed.mutationOptions({ onSuccess: refreshAll }),
  );
  const revokeAll = useMutation(
    trpc.integrations.revokeBusinessCalendarFeed.mutationOptions({ onSuccess: refreshAll }),
  );
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Calendar feed"
        description="Subscribe to booked visits in Google Calendar (Other calendars → From URL) or Outlook (Add calendar → Subscribe from web). Each visit shows the caller, address, issue and a link to the lead. Anyone with the link can read it: keep it private, and replace it if it leaks. A link stops working when the person who made it leaves the business (or, for the business's link, is no longer an owner)."
      />
      <FeedCard
        title="My visits"
        what="the visits you own"
        query={mine}
        timeZone={timeZone}
        reset={{ ...resetMine, mutate: (o) => resetMine.mutate(undefined, o) }}
        revoke={{ ...revokeMine, mutate: () => revokeMine.mutate() }}
      />
      {business ? (
        <FeedCard
          title="All booked visits"
          what="every booked visit of the business"
          query={all}
          timeZone={timeZone}
          reset={{ ...resetAll, mutate: (o) => resetAll.mutate(undefined, o) }}
          revoke={{ ...revokeAll, mutate: () => revokeAll.mutate() }}
        />
      ) : null}
    </div>
  );
}

function FeedCard({
  title,
  what,
  query,
  timeZone,
  reset,
  revoke,
}: {
  title: string;
  what: string;
  query: FeedQuery;
  timeZone: string;
  reset: ResetMutation;
  revoke: Mutation;
}) {
  const [shown, setShown] = useState<string | null>(null);
  const create = () => reset.mutate({ onSuccess: (feed) => setShown(feed.url) });
  return (
    <Card title={title}>
      {shown ? (
        <OneTimeSecret
          title="Copy this link into your calendar app now: it is shown only this once."
          secret={shown}
          label="Calendar link"
          onDone={() => setShown(null)}
        />
      ) : null}
      <QueryState query={query} what="see this calendar link">
        {() =>
          query.data ? (
            <div className="space-y-3">
              <p className="text-sm text-slate-700">
                A private link to {what} is active (made {dayLabel(query.data.createdAt, timeZone)}). For your
                security it was shown only when it was made; if you no longer have it, replace it.
              </p>
              <div className="flex flex-wrap gap-2">
                <ConfirmButton
                  label={`Replace the ${title} link`}
                  confirmText="Yes, replace"
                  busy={reset.isPending}
                  onConfirm={create}
                >
                  Replace link
                </ConfirmButton>
                <ConfirmButton
                  label={`Turn off the ${title} link`}
                  confirmText="Yes, turn off"
                  busy={revoke.isPending}
                  onConfirm={() => (setShown(null), revoke.mutate())}
                >
                  Turn off
                </ConfirmButton>
              </div>
            </div>
          ) : (
            <div className="space-y-2">
              <p className="text-sm text-slate-600">
                No link yet. Create one to see {what} in your calendar app.
              </p>
              <Button type="button" busy={reset.isPending} onClick={create}>
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
