"use client";
// Local text outbox (local mode): every SMS the local Twilio fake accepted from this business's numbers,
// and the texts still waiting (quiet hours, reminders) with "Send now" to try the flow at once.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { businessTime } from "@/components/leads/format";
import { Button, ErrorBanner, fieldErrorsFrom } from "@/components/ui/form";
import { ShowMore } from "@/components/ui/show-more";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { PURPOSE } from "./text-labels";
import { phoneLabel } from "@/server/leads/labels";

/** Seconds matter when several texts go out within a minute. */
const LOG_TIME: Intl.DateTimeFormatOptions = {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
};

export function DevMessages({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useParams<{ slug: string }>();
  const time = businessTime(timeZone);
  const list = useInfiniteQuery(
    trpc.messaging.devMessages.infiniteQueryOptions(
      {},
      { getNextPageParam: (p) => p.nextCursor, refetchInterval: 3000 },
    ),
  );
  const sendNow = useMutation(
    trpc.messaging.sendNow.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.messaging.devMessages.pathKey() }),
    }),
  );
  const first = list.data?.pages[0];
  const sent = list.data?.pages.flatMap((p) => p.sent) ?? [];

  return (
    <div className="max-w-5xl">
      <PageHeader
        title="Local text outbox"
        description={
          <>
            Every text this business “sent” through the local Twilio fake (in local mode nothing leaves this
            machine), newest first, and the texts waiting for their time.
            <span className="mt-1 block text-xs text-slate-500" data-testid="time-zone-note">
              {time.note()}
            </span>
          </>
        }
      />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <div className="space-y-4">
          {first?.mode !== "local" ? (
            <p
              role="status"
              className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              {first?.mode === "unavailable"
                ? "Twilio is not set up, so no text can be sent"
                : `Not in local mode (${first?.mode}): texts go to real Twilio`}
              , so this page only lists the waiting ones. Each lead&apos;s thread shows its texts and their
              statuses.
            </p>
          ) : null}
          <Card
            title={`Waiting (${first?.waiting.length ?? 0})`}
            description="Held for quiet hours or a reminder's time. Consent and the appointment are checked again when they go out."
          >
            <div aria-live="polite">
              {sendNow.error ? <ErrorBanner message={fieldErrorsFrom(sendNow.error).message} /> : null}
            </div>
            {!first?.waiting.length ? (
              <EmptyState title="Nothing waiting." />
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="waiting-messages">
                {first.waiting.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 py-2 text-sm">
                    <div className="min-w-0 flex-1">
                      <p className="text-xs text-slate-500">
                        {PURPOSE[m.purpose] ?? m.purpose} to {phoneLabel(m.toNumber)} · due{" "}
                        {time.dateTime(m.sendAfter)}
                        {m.leadId ? (
                          <>
                            {" · "}
                            <Link
                              className="text-brand-700 underline underline-offset-2"
                              href={`/t/${slug}/leads/${m.leadId}`}
                            >
                              Open lead
                            </Link>
                          </>
                        ) : null}
                      </p>
                      <p className="whitespace-pre-wrap break-words">{m.body}</p>
                    </div>
                    {first.mode === "local" ? (
                      <Button
                        variant="secondary"
                        busy={sendNow.isPending && sendNow.variables?.id === m.id}
                        onClick={() => sendNow.mutate({ id: m.id })}
                        aria-label={`Send the ${(PURPOSE[m.purpose] ?? m.purpose).toLowerCase()} to ${phoneLabel(m.toNumber)} now`}
                      >
                        Send now
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={`Sent through the fake (${first?.total ?? 0})`}>
            {sent.length === 0 ? (
              <EmptyState title="No texts sent yet.">
                Place a test call in Test your flow (turn on “Text back test calls” in Messaging) or wait for
                a missed call.
              </EmptyState>
            ) : (
              <ResponsiveTable
                caption="Texts sent through the local Twilio fake, newest first"
                testId="fake-messages"
                rows={sent}
                rowKey={(m) => m.sid}
                columns={[
                  {
                    header: "When",
                    nowrap: true,
                    cell: (m) => <span className="text-slate-600">{time.format(m.at, LOG_TIME)}</span>,
                  },
                  {
                    header: "From → To",
                    nowrap: true,
                    cell: (m) => `${phoneLabel(m.from)} → ${phoneLabel(m.to)}`,
                  },
                  {
                    header: "Message",
                    cell: (m) => <span className="whitespace-pre-wrap break-words">{m.body}</span>,
                  },
                  {
                    header: "Status",
                    cell: (m) => (
                      <>
                        {m.status}
                        {m.errorCode ? (
                          <span className="block text-xs text-red-700">error {m.errorCode}</span>
                        ) : null}
                      </>
                    ),
                  },
                ]}
              />
            )}
            <ShowMore list={list} />
          </Card>
        </div>
      )}
    </div>
  );
}
