"use client";
// The approval queue: every follow-up text waiting for a person, oldest first. Approve as written,
// edit then approve, skip, or approve them all; each source's auto-send switch is at the top.
import Link from "next/link";
import { useParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, SuccessNote } from "@/components/ui/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { QueryState } from "@/components/settings/access-states";
import { callerLabel } from "@/server/leads/labels";
import { queueEmptyText } from "./queue-empty-text";

type Queue = inferRouterOutputs<AppRouter>["followups"]["queue"];
type Item = Queue["items"][number];

function age(createdAt: Date | string): string {
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(createdAt).getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

export function ApprovalQueue() {
  const trpc = useTRPC();
  const q = useQuery(trpc.followups.queue.queryOptions(undefined, { refetchInterval: 15_000 }));
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Follow-ups to approve"
        description="Texts and emails the follow-up sequences wrote for leads who have not booked yet. Nothing is sent until you approve it, unless its sequence is set to send without approval. Quiet hours and STOP still apply to texts; emails go only to callers who gave an address and have not unsubscribed."
      />
      <QueryState query={q} what="approve follow-up texts">
        {() => (q.data ? <QueueBody data={q.data} /> : null)}
      </QueryState>
    </div>
  );
}

function QueueBody({ data }: { data: Queue }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useParams<{ slug: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.followups.queue.queryKey() });
  const approveAll = useMutation(trpc.followups.approveAll.mutationOptions({ onSettled: refresh }));
  const autoSend = useMutation(trpc.followups.saveSequence.mutationOptions({ onSettled: refresh }));
  const empty = queueEmptyText(data.autoSend);
  return (
    <div className="space-y-4">
      <Card
        title="Send without approval"
        description="Switch a sequence on to send its texts and emails as soon as they are written. Off = they wait here."
      >
        <ul className="divide-y divide-slate-100">
          {data.autoSend.map((s) => (
            <li key={s.key} className="flex items-center justify-between gap-3 py-2">
              <label htmlFor={`auto-${s.key}`} className="text-sm text-slate-700">
                {s.name}
                {!s.enabled ? <span className="ml-2 text-xs text-slate-500">(sequence off)</span> : null}
              </label>
              <input
                id={`auto-${s.key}`}
                type="checkbox"
                className="size-4"
                checked={s.autoSend}
                disabled={autoSend.isPending}
                onChange={(e) => autoSend.mutate({ key: s.key, autoSend: e.target.checked })}
              />
            </li>
          ))}
        </ul>
        {autoSend.error ? <ErrorBanner message={autoSend.error.message} /> : null}
        <p className="mt-2 text-xs text-slate-500">
          Change the steps and messages in{" "}
          <Link className="underline" href={`/t/${slug}/settings/follow-ups`}>
            Follow-up sequences
          </Link>
          .
        </p>
      </Card>
      {data.items.length > 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-600" data-testid="queue-summary">
            {`${data.items.length} waiting · oldest ${data.oldestMinutes !== null ? (data.oldestMinutes < 60 ? `${data.oldestMinutes} min` : `${Math.floor(data.oldestMinutes / 60)} h`) : "—"}`}
          </p>
          {data.items.length > 1 ? (
            <Button onClick={() => approveAll.mutate()} busy={approveAll.isPending}>
              Approve all ({data.items.length})
            </Button>
          ) : null}
        </div>
      ) : null}
      <div aria-live="polite">
        {approveAll.data ? (
          approveAll.data.failed.length ? (
            <ErrorBanner
              message={`${approveAll.data.approved} approved; ${approveAll.data.failed.length} could not be sent: ${approveAll.data.failed[0]!.message}`}
            />
          ) : (
            <SuccessNote message={`${approveAll.data.approved} approved.`} />
          )
        ) : null}
        {approveAll.error ? <ErrorBanner message={approveAll.error.message} /> : null}
      </div>
      {data.items.length === 0 ? (
        <EmptyState title={empty.title}>{empty.body}</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Follow-ups waiting for approval">
          {data.items.map((item) => (
            <DraftCard key={item.id} item={item} slug={slug} onDone={refresh} />
          ))}
        </ul>
      )}
    </div>
  );
}

function DraftCard({ item, slug, onDone }: { item: Item; slug: string; onDone: () => void }) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(item.body);
  const approve = useMutation(trpc.followups.approve.mutationOptions({ onSuccess: onDone }));
  const skip = useMutation(trpc.followups.skip.mutationOptions({ onSuccess: onDone }));
  const error = approve.error ?? skip.error;
  const who = callerLabel(item);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="followup-draft">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold">
          <Link href={`/t/${slug}/leads/${item.leadId}`} className="underline-offset-2 hover:underline">
            {who}
          </Link>
        </h2>
        <p className="text-xs text-slate-500">
          {item.channel === "email" ? "Email" : "Text"} · {item.sequence} · step {item.step} ·{" "}
          {item.sourceLabel} · temperature {item.temperature} · written {age(item.createdAt)}
        </p>
      </div>
      {editing ? (
        <div className="mt-2">
          <label htmlFor={`body-${item.id}`} className="block text-sm font-medium text-slate-700">
            {item.channel === "email"
              ? `Email to ${who} (${item.callerEmail ?? "no address"})`
              : `Text to ${who}`}
          </label>
          <textarea
            id={`body-${item.id}`}
            rows={item.channel === "email" ? 8 : 4}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
          />
          <p className="mt-1 text-xs text-slate-500">
            {item.channel === "email"
              ? `${body.length} characters. An unsubscribe link is added at the end.`
              : `${body.length} characters. "Reply STOP to opt out." is added when missing.`}
          </p>
        </div>
      ) : (
        <p className="mt-2 whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm">{item.body}</p>
      )}
      {item.refusedReason ? <p className="mt-2 text-xs text-amber-800">{item.refusedReason}</p> : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button
          onClick={() => approve.mutate({ id: item.id, ...(editing ? { body } : {}) })}
          busy={approve.isPending}
          disabled={skip.isPending}
        >
          {editing ? `Approve edited ${item.channel === "email" ? "email" : "text"}` : "Approve"}
        </Button>
        {editing ? (
          <Button
            variant="secondary"
            onClick={() => {
              setEditing(false);
              setBody(item.body);
            }}
          >
            Cancel edit
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )}
        <Button
          variant="secondary"
          onClick={() => skip.mutate({ id: item.id })}
          busy={skip.isPending}
          disabled={approve.isPending}
        >
          Skip
        </Button>
      </div>
      {error ? (
        <div className="mt-2">
          <ErrorBanner message={error.message} />
        </div>
      ) : null}
    </li>
  );
}
