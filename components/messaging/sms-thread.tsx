"use client";
// A lead's SMS thread (text-back, replies, reminders, the caller's texts) with each message's
// delivery status and error code, and a reply box for staff. Polls while something is in flight.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading } from "@/components/ui/layout";
import { useBusinessTime } from "@/components/leads/business-time";
import { phoneLabel } from "@/server/leads/labels";
import { PURPOSE } from "./text-labels";

const STATUS: Record<string, string> = {
  pending: "Waiting to send",
  sending: "Sending",
  queued: "Queued at Twilio",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Not delivered",
  failed: "Failed",
  received: "Received",
  canceled: "Not sent",
};

const IN_FLIGHT = new Set(["pending", "sending", "queued", "sent"]);

export function SmsThread({ leadId, canReply = true }: { leadId: string; canReply?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  // Times in the business's zone, like the rest of the lead page (which names the zone once).
  const time = useBusinessTime();
  const thread = useQuery(
    trpc.messaging.thread.queryOptions(
      { leadId },
      {
        refetchInterval: (q) =>
          q.state.data?.messages.some(
            (m) => IN_FLIGHT.has(m.status) && new Date(m.sendAfter).getTime() < Date.now() + 60_000,
          )
            ? 1500
            : 10_000,
      },
    ),
  );
  const reply = useMutation(
    trpc.messaging.reply.mutationOptions({
      onSuccess: () => {
        setBody("");
        void queryClient.invalidateQueries({ queryKey: trpc.messaging.thread.queryKey({ leadId }) });
      },
    }),
  );
  const errors = fieldErrorsFrom(reply.error);

  return (
    <Card
      title="Text messages"
      description="Texts with the caller: the missed-call text-back, appointment texts, their replies and yours."
    >
      {thread.isPending ? (
        <Loading label="Loading texts…" />
      ) : thread.error ? (
        <LoadError error={thread.error} retry={() => thread.refetch()} what="texts" />
      ) : (
        <>
          {thread.data.optedOut ? (
            <p
              role="status"
              className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              This caller replied STOP
              {thread.data.optedOutAt ? ` on ${time.dateTime(thread.data.optedOutAt)}` : ""}: no more texts go
              to {phoneLabel(thread.data.callerPhone)}. Call them instead.
            </p>
          ) : null}
          {thread.data.messages.length === 0 ? (
            <EmptyState title="No texts yet.">{thread.data.emptyNote}</EmptyState>
          ) : (
            <ol className="space-y-3" aria-label="Text messages, oldest first" data-testid="sms-thread">
              {thread.data.messages.map((m) => {
                const out = m.direction === "outbound";
                return (
                  <li
                    key={m.id}
                    className={`flex ${out ? "justify-end" : "justify-start"}`}
                    data-testid="sms-message"
                  >
                    <div
                      className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${out ? "bg-brand-50 text-slate-900 ring-1 ring-brand-100" : "bg-slate-100 text-slate-900"}`}
                    >
                      <p className="text-xs font-medium text-slate-500">
                        {out
                          ? m.author
                            ? `${m.author} · ${PURPOSE[m.purpose] ?? m.purpose}`
                            : (PURPOSE[m.purpose] ?? m.purpose)
                          : "Caller"}
                      </p>
                      <p className="whitespace-pre-wrap">{m.body}</p>
                      <p className="mt-1 text-xs text-slate-500">
                        <time dateTime={new Date(m.createdAt).toISOString()}>
                          {time.dateTime(m.createdAt)}
                        </time>
                        {out ? (
                          <>
                            {" · "}
                            <span
                              data-testid="sms-status"
                              className={
                                m.status === "failed" || m.status === "undelivered"
                                  ? "font-medium text-red-700"
                                  : undefined
                              }
                            >
                              {STATUS[m.status] ?? m.status}
                              {m.status === "pending" &&
                              new Date(m.sendAfter).getTime() > new Date(m.createdAt).getTime() + 60_000
                                ? ` until ${time.dateTime(m.sendAfter)}`
                                : ""}
                            </span>
                            {m.errorCode ? (
                              <span className="text-red-700"> · error {m.errorCode}</span>
                            ) : null}
                          </>
                        ) : null}
                      </p>
                      {m.error && m.status !== "pending" ? (
                        <p className="mt-0.5 text-xs text-red-700">{m.error}</p>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          {canReply ? (
            <form
              className="mt-4 space-y-2"
              onSubmit={(e) => {
                e.preventDefault();
                reply.mutate({ leadId, body });
              }}
            >
              <label htmlFor={`sms-reply-${leadId}`} className="block text-sm font-medium text-slate-700">
                Reply by text
              </label>
              <textarea
                id={`sms-reply-${leadId}`}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                rows={3}
                maxLength={640}
                disabled={thread.data.optedOut}
                aria-invalid={errors.fields.body ? true : undefined}
                aria-describedby={`sms-reply-${leadId}-help`}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                    e.preventDefault();
                    reply.mutate({ leadId, body });
                  }
                }}
                className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 disabled:bg-slate-50"
              />
              <p id={`sms-reply-${leadId}-help`} className="text-xs text-slate-500">
                Sent from the number the caller knows. {body.length}/640
                <span className="pointer-coarse:hidden"> · Ctrl+Enter sends</span>.
              </p>
              <div className="flex items-center gap-3">
                <Button type="submit" busy={reply.isPending} disabled={thread.data.optedOut || !body.trim()}>
                  Send text
                </Button>
                <div aria-live="polite">
                  {reply.error ? (
                    <ErrorBanner message={errors.message} />
                  ) : (
                    <SuccessNote message={reply.isSuccess ? "Text queued." : null} />
                  )}
                </div>
              </div>
            </form>
          ) : null}
        </>
      )}
    </Card>
  );
}
