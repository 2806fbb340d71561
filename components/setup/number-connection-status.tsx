"use client";
// Under each tracking number: does Twilio send its calls here ("Connected" / "Points elsewhere"),
// has a real call arrived ("Receiving calls"), and the one-click fix (server/setup/number-connection.ts).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner } from "@/components/ui/form";
import type { NumberConnection } from "@/server/setup/connection-summary";

const when = (d: Date | string) =>
  new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(d));

function Pill({ tone, children }: { tone: "good" | "bad" | "neutral"; children: React.ReactNode }) {
  const cls =
    tone === "good"
      ? "border-green-200 bg-green-50 text-green-800"
      : tone === "bad"
        ? "border-red-200 bg-red-50 text-red-800"
        : "border-slate-200 bg-slate-50 text-slate-700";
  return (
    <span className={`inline-flex rounded-full border px-2 py-0.5 text-xs font-medium ${cls}`}>
      {children}
    </span>
  );
}

export function NumberConnectionStatus({
  connection,
  editable,
}: {
  connection: NumberConnection | undefined;
  editable: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fix = useMutation(
    trpc.setup.connectNumber.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.setup.connection.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.setup.checklist.queryKey() }),
        ]),
    }),
  );
  if (!connection) return <p className="mt-1 text-xs text-slate-500">Checking the connection…</p>;
  const t = connection.twilio;
  return (
    <div className="mt-1 space-y-1 text-xs" data-testid="number-connection">
      <p className="flex flex-wrap items-center gap-1.5">
        {t.state === "connected" ? <Pill tone="good">Connected</Pill> : null}
        {t.state === "points_elsewhere" ? <Pill tone="bad">Points elsewhere</Pill> : null}
        {t.state === "not_in_account" ? <Pill tone="bad">Not in your Twilio account</Pill> : null}
        {t.state === "unreadable" ? <Pill tone="neutral">Twilio could not be asked</Pill> : null}
        {connection.receivingCallsAt ? (
          <Pill tone="good">Receiving calls</Pill>
        ) : (
          <Pill tone="neutral">No real call yet</Pill>
        )}
      </p>
      {t.state === "points_elsewhere" ? (
        <ul className="break-all text-slate-700">
          {!t.voiceOk ? <li>Calls go to: {t.voiceUrl || "nowhere (no URL set)"}</li> : null}
          {!t.smsOk ? <li>Texts go to: {t.smsUrl || "nowhere (no URL set)"}</li> : null}
        </ul>
      ) : null}
      {connection.receivingCallsAt ? (
        <p className="text-slate-600">First real call arrived {when(connection.receivingCallsAt)}.</p>
      ) : null}
      {t.state === "unreadable" ? (
        <p className="text-slate-600">Call the number once: the first call marks it “Receiving calls”.</p>
      ) : null}
      {t.state === "points_elsewhere" && editable ? (
        <div className="pt-1">
          <Button
            type="button"
            variant="secondary"
            busy={fix.isPending}
            onClick={() => fix.mutate({ id: connection.id })}
          >
            Point it at LeadRescue
          </Button>
        </div>
      ) : null}
      <div aria-live="polite">
        <ErrorBanner message={fix.error?.message} />
      </div>
    </div>
  );
}
