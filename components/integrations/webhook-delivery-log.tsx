"use client";
// An endpoint's delivery log: each event sent, its state, when, the answer and how long it took,
// with "Resend" (same webhook-id, so the receiver can tell it already has it).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner } from "@/components/ui/form";
import { EmptyState } from "@/components/ui/layout";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { QueryState } from "@/components/settings/access-states";
import { dateTimeIn } from "@/components/leads/format";

const STATUS_WORDS: Record<string, string> = {
  pending: "Retrying",
  succeeded: "Delivered",
  failed: "Gave up",
  skipped: "Not sent",
};

export function DeliveryLog({ endpointId, timeZone }: { endpointId: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const log = useQuery(
    trpc.integrations.webhookDeliveries.queryOptions({ endpointId }, { refetchInterval: 10_000 }),
  );
  const resend = useMutation(
    trpc.integrations.resendWebhook.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({
          queryKey: trpc.integrations.webhookDeliveries.queryKey({ endpointId }),
        }),
    }),
  );
  return (
    <div className="mt-3">
      <QueryState query={log} what="read the delivery log">
        {() =>
          log.data!.length === 0 ? (
            <EmptyState title="Nothing sent yet">Deliveries appear here as events happen.</EmptyState>
          ) : (
            <ResponsiveTable
              caption="Delivery log"
              rowKey={(d) => d.id}
              rows={log.data!}
              columns={[
                { header: "Event", cell: (d) => <span className="font-mono text-xs">{d.eventType}</span> },
                {
                  header: "Status",
                  cell: (d) =>
                    `${STATUS_WORDS[d.status] ?? d.status}${d.attempts > 1 ? ` (${d.attempts} tries)` : ""}`,
                },
                {
                  header: "Time",
                  nowrap: true,
                  cell: (d) => dateTimeIn(timeZone, d.lastAttemptAt ?? d.createdAt),
                },
                {
                  header: "Answer",
                  cell: (d) => (d.responseStatus ? `HTTP ${d.responseStatus}` : (d.error ?? "—")),
                },
                {
                  header: "Took",
                  nowrap: true,
                  cell: (d) => (d.durationMs !== null ? `${d.durationMs} ms` : "—"),
                },
                {
                  header: "Actions",
                  hiddenHeader: true,
                  cell: (d) => (
                    <Button
                      type="button"
                      variant="secondary"
                      busy={resend.isPending && resend.variables?.id === d.id}
                      onClick={() => resend.mutate({ id: d.id })}
                      aria-label={`Resend ${d.eventType} ${d.id}`}
                    >
                      Resend
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </QueryState>
      <ErrorBanner message={resend.error?.message} />
    </div>
  );
}
