"use client";
// The dev outbox: every SMS and email the app sent or, in local mode, would have sent.
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { Button, Select } from "@/components/ui/form";

const STATUS_TEXT = (n: { status: string; transport: string | null }) =>
  n.status === "sent" ? (n.transport === "local" ? "Would send (local mode)" : `Sent via ${n.transport}`) : n.status === "failed" ? "Failed" : "Queued";

export function DevOutbox() {
  const trpc = useTRPC();
  const { slug } = useParams<{ slug: string }>();
  const [channel, setChannel] = useState<"" | "sms" | "email">("");
  const list = useInfiniteQuery(trpc.notifications.outbox.infiniteQueryOptions({ channel: channel || null }, { getNextPageParam: (p) => p.nextCursor, refetchInterval: 10_000 }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="max-w-5xl">
      <PageHeader
        title="Dev outbox"
        description="Every SMS and email LeadRescue sent or would send. In local mode nothing leaves this machine: email goes out only when SMTP_URL is set, and SMS once Twilio SMS is configured."
      />
      <div className="mb-4 max-w-xs">
        <Select label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
          <option value="">SMS and email</option>
          <option value="sms">SMS</option>
          <option value="email">Email</option>
        </Select>
      </div>
      <Card>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <LoadError error={list.error} retry={() => list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="Nothing sent yet.">Escalations (e.g. an emergency not accepted within 5 minutes) put their SMS and email here.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Outgoing messages, newest first</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3">When</th>
                  <th scope="col" className="py-2 pr-3">Channel</th>
                  <th scope="col" className="py-2 pr-3">To</th>
                  <th scope="col" className="py-2 pr-3">Message</th>
                  <th scope="col" className="py-2">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {items.map((n) => (
                  <tr key={n.id}>
                    <td className="whitespace-nowrap py-2 pr-3 text-slate-600">{new Date(n.createdAt).toLocaleString()}</td>
                    <td className="py-2 pr-3 uppercase">{n.channel}</td>
                    <td className="py-2 pr-3">
                      {n.to ?? "—"}
                      <span className="block text-xs text-slate-500">{n.user.name}</span>
                    </td>
                    <td className="py-2 pr-3">
                      {n.subject ? <span className="block font-medium">{n.subject}</span> : null}
                      <span className="whitespace-pre-wrap">{n.body}</span>
                      <span className="block text-xs text-slate-500">
                        {n.purpose}
                        {n.leadId ? (
                          <>
                            {" · "}
                            <Link href={`/t/${slug}/leads/${n.leadId}`} className="text-brand-600 hover:underline">
                              lead
                            </Link>
                          </>
                        ) : null}
                      </span>
                    </td>
                    <td className="py-2">
                      {STATUS_TEXT(n)}
                      <span className="block text-xs text-slate-500">
                        {n.attempts} attempt{n.attempts === 1 ? "" : "s"}
                      </span>
                      {n.error ? <span className="block text-xs text-red-700">{n.error}</span> : null}
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
  );
}
