"use client";
// Dev messages (local mode): every SMS the local Twilio fake accepted from this business's numbers,
// and the texts still waiting (quiet hours, reminders) with "Send now" to try the flow at once.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";

export function DevMessages() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useParams<{ slug: string }>();
  const list = useInfiniteQuery(trpc.messaging.devMessages.infiniteQueryOptions({}, { getNextPageParam: (p) => p.nextCursor, refetchInterval: 3000 }));
  const sendNow = useMutation(trpc.messaging.sendNow.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.messaging.devMessages.pathKey() }) }));
  const first = list.data?.pages[0];
  const sent = list.data?.pages.flatMap((p) => p.sent) ?? [];

  return (
    <div className="max-w-5xl">
      <PageHeader
        title="Dev messages"
        description="Every text this business “sent” through the local Twilio fake (nothing leaves this machine in local mode), newest first, and the texts waiting for their time."
      />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <div className="space-y-4">
          {first?.mode !== "local" ? (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Not in local mode ({first?.mode}): texts go to real Twilio, so this page only lists the waiting ones. See each lead&apos;s thread for statuses.
            </p>
          ) : null}
          <Card title={`Waiting (${first?.waiting.length ?? 0})`} description="Held for quiet hours or a reminder's time. Consent and the appointment are checked again when they go out.">
            <div aria-live="polite">{sendNow.error ? <ErrorBanner message={fieldErrorsFrom(sendNow.error).message} /> : null}</div>
            {!first?.waiting.length ? (
              <EmptyState title="Nothing waiting." />
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="waiting-messages">
                {first.waiting.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 py-2 text-sm">
                    <div className="min-w-0 flex-1">
                      <p className="text-xs text-slate-500">
                        {m.purpose} to {m.toNumber} · due {new Date(m.sendAfter).toLocaleString()}
                        {m.leadId ? (
                          <>
                            {" · "}
                            <Link className="text-brand-600 hover:underline" href={`/t/${slug}/leads/${m.leadId}`}>
                              lead
                            </Link>
                          </>
                        ) : null}
                      </p>
                      <p className="whitespace-pre-wrap">{m.body}</p>
                    </div>
                    {first.mode === "local" ? (
                      <Button variant="secondary" busy={sendNow.isPending && sendNow.variables?.id === m.id} onClick={() => sendNow.mutate({ id: m.id })} aria-label={`Send ${m.purpose} to ${m.toNumber} now`}>
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
              <EmptyState title="No texts sent yet.">Place a test call in Test your flow (turn on “Text back test calls” in Messaging) or wait for a missed call.</EmptyState>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="fake-messages">
                  <caption className="sr-only">Texts sent through the local Twilio fake, newest first</caption>
                  <thead className="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="py-2 pr-3">When</th>
                      <th scope="col" className="py-2 pr-3">From → To</th>
                      <th scope="col" className="py-2 pr-3">Message</th>
                      <th scope="col" className="py-2">Status</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 align-top">
                    {sent.map((m) => (
                      <tr key={m.sid}>
                        <td className="whitespace-nowrap py-2 pr-3 text-slate-600">{new Date(m.at).toLocaleString()}</td>
                        <td className="whitespace-nowrap py-2 pr-3">
                          {m.from} → {m.to}
                        </td>
                        <td className="py-2 pr-3 whitespace-pre-wrap">{m.body}</td>
                        <td className="py-2">
                          {m.status}
                          {m.errorCode ? <span className="block text-xs text-red-700">error {m.errorCode}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {list.hasNextPage ? (
              <Button variant="secondary" className="mt-3" busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                Show more
              </Button>
            ) : null}
          </Card>
        </div>
      )}
    </div>
  );
}
