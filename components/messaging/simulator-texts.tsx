"use client";
// The simulator's view of the texts a test call produced (the missed-call text-back, booking
// texts), live. Test calls are only texted when the owner turned on "Text back test calls".
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { sentTextNote } from "./text-labels";

const STATUS: Record<string, string> = {
  pending: "waiting",
  sending: "sending",
  queued: "queued",
  sent: "sent",
  delivered: "delivered",
  undelivered: "not delivered",
  failed: "failed",
  received: "received",
  canceled: "not sent",
};

export function SimulatorTexts({ leadId }: { leadId: string }) {
  const trpc = useTRPC();
  const { slug } = useParams<{ slug: string }>();
  const thread = useQuery(trpc.messaging.thread.queryOptions({ leadId }, { refetchInterval: 2000 }));
  const settings = useQuery(trpc.messaging.settings.queryOptions());
  const messages = thread.data?.messages ?? [];
  return (
    <section aria-label="Texts to the caller" className="mt-4" data-testid="simulator-texts">
      <h3 className="text-sm font-semibold">Texts to the caller</h3>
      {thread.error ? (
        <p className="text-sm text-red-700">Could not load the texts: {thread.error.message}</p>
      ) : messages.length === 0 ? (
        <p className="text-sm text-slate-500" aria-live="polite">
          {settings.data && !settings.data.textTestCalls ? (
            <>
              Test calls are not texted. Turn on “Text back test calls” in{" "}
              <Link
                href={`/t/${slug}/settings/messaging`}
                className="text-brand-700 underline underline-offset-2 hover:text-brand-600"
              >
                Messaging
              </Link>{" "}
              to see the text-back here.
            </>
          ) : (
            "No text yet: a missed call gets its text-back when the call ends."
          )}
        </p>
      ) : (
        <ul className="mt-1 space-y-2 text-sm" aria-live="polite">
          {messages.map((m) => (
            <li
              key={m.id}
              className={`rounded-md px-2 py-1.5 ${m.direction === "outbound" ? "bg-brand-50" : "bg-slate-100"}`}
            >
              <span className="block whitespace-pre-wrap">{m.body}</span>
              <span className="text-xs text-slate-500">
                {m.direction === "outbound" ? sentTextNote(m, STATUS) : "from the caller"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
