"use client";
// The dev outbox: every SMS and email the app sent or, in local mode, would have sent.
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { businessTime } from "@/components/leads/format";
import { ShowMore } from "@/components/ui/show-more";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { Select } from "@/components/ui/form";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { phoneLabel } from "@/server/leads/labels";

const STATUS_TEXT = (n: { status: string; transport: string | null }) =>
  n.status === "sent"
    ? n.transport === "local"
      ? "Would send (local mode)"
      : `Sent via ${n.transport}`
    : n.status === "failed"
      ? "Failed"
      : "Queued";

/** Seconds matter when several messages go out within a minute. */
const LOG_TIME: Intl.DateTimeFormatOptions = {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
};

export function DevOutbox({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const { slug } = useParams<{ slug: string }>();
  const time = businessTime(timeZone);
  const [channel, setChannel] = useState<"" | "sms" | "email">("");
  const list = useInfiniteQuery(
    trpc.notifications.outbox.infiniteQueryOptions(
      { channel: channel || null },
      { getNextPageParam: (p) => p.nextCursor, refetchInterval: 10_000 },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="max-w-5xl">
      <PageHeader
        title="Local outbox"
        description={
          <>
            Every SMS and email LeadRescue sent or would send. In local mode nothing leaves this machine:
            email goes out only when SMTP_URL is set, and SMS once Twilio SMS is configured.
            <span className="mt-1 block text-xs text-slate-500" data-testid="time-zone-note">
              {time.note()}
            </span>
          </>
        }
      />
      <div className="mb-4 max-w-xs">
        <Select
          label="Channel"
          value={channel}
          onChange={(e) => setChannel(e.target.value as typeof channel)}
        >
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
          <EmptyState
            title={channel ? `No ${channel === "sms" ? "SMS" : "email"} sent yet.` : "Nothing sent yet."}
          >
            Escalations (e.g. an emergency not accepted within 5 minutes) and end-of-day review lists put
            their SMS and email here.
          </EmptyState>
        ) : (
          <ResponsiveTable
            caption="Outgoing messages, newest first"
            rows={items}
            rowKey={(n) => n.id}
            columns={[
              {
                header: "When",
                nowrap: true,
                cell: (n) => <span className="text-slate-600">{time.format(n.createdAt, LOG_TIME)}</span>,
              },
              { header: "Channel", cell: (n) => <span className="uppercase">{n.channel}</span> },
              {
                header: "To",
                cell: (n) => (
                  <>
                    <span className="break-all">
                      {n.to ? (n.channel === "sms" ? phoneLabel(n.to) : n.to) : "—"}
                    </span>
                    <span className="block text-xs text-slate-500">{n.user?.name ?? "The caller"}</span>
                  </>
                ),
              },
              {
                header: "Message",
                cell: (n) => (
                  <>
                    {n.subject ? <span className="block font-medium">{n.subject}</span> : null}
                    <span className="whitespace-pre-wrap break-words">{n.body}</span>
                    <span className="block text-xs text-slate-500">
                      {n.purpose}
                      {n.leadId ? (
                        <>
                          {" · "}
                          <Link
                            href={`/t/${slug}/leads/${n.leadId}`}
                            className="text-brand-700 underline underline-offset-2"
                          >
                            Open lead
                          </Link>
                        </>
                      ) : null}
                    </span>
                  </>
                ),
              },
              {
                header: "Status",
                cell: (n) => (
                  <>
                    {STATUS_TEXT(n)}
                    <span className="block text-xs text-slate-500">
                      {n.attempts} attempt{n.attempts === 1 ? "" : "s"}
                    </span>
                    {n.error ? <span className="block text-xs text-red-700">{n.error}</span> : null}
                  </>
                ),
              },
            ]}
          />
        )}
        <ShowMore list={list} />
      </Card>
    </div>
  );
}
