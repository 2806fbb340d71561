"use client";
// The agency's own Stripe account (Connect): connect it, or see that it is ready for charges.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner } from "@/components/ui/form";
import { Card, Loading } from "@/components/ui/layout";
import { money } from "@/server/billing/money";

export function ConnectCard() {
  const trpc = useTRPC();
  const back = useSearchParams().get("stripe");
  const status = useQuery(trpc.saas.connectStatus.queryOptions({ refresh: back === "return" }));
  const start = useMutation(
    trpc.saas.startConnect.mutationOptions({ onSuccess: (r) => window.location.assign(r.url) }),
  );
  const s = status.data;
  return (
    <Card
      title="Your Stripe account"
      description="Your businesses on your plans pay you, on your own Stripe account. LeadRescue's wholesale price is taken from each payment as a platform fee; the rest is yours."
    >
      {status.isPending ? <Loading label="Checking your Stripe account…" /> : null}
      <div aria-live="polite">
        {status.error ? <ErrorBanner message={status.error.message} /> : null}
        {s?.chargesEnabled ? (
          <p className="text-sm" data-testid="stripe-connected">
            <span className="mr-2 inline-block rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">
              Connected
            </span>
            Stripe is ready: businesses you put on a plan are billed on your account.
          </p>
        ) : s ? (
          <div className="space-y-3 text-sm">
            <p>
              {s.connected
                ? "Stripe still needs a few details before it can take payments for you."
                : "Not connected yet: until you connect, your businesses keep paying LeadRescue directly."}
            </p>
            <Button type="button" busy={start.isPending} onClick={() => start.mutate()}>
              {s.connected ? "Finish connecting Stripe" : "Connect Stripe"}
            </Button>
          </div>
        ) : null}
        <ErrorBanner message={start.error?.message} />
      </div>
      {s ? (
        <p className="mt-3 text-sm text-slate-600" data-testid="wholesale-price">
          LeadRescue&apos;s wholesale price: {money(s.wholesale.monthlyCents)} a business a month,{" "}
          {money(s.wholesale.perCallCents)} per billable AI-handled call and {money(s.wholesale.perTextCents)}{" "}
          per text to a caller. Your businesses never see it.
        </p>
      ) : null}
    </Card>
  );
}
