"use client";
// What the billing page's buttons do: Checkout and the portal open Stripe's pages; cancelling and
// undoing it refresh the page and the banner above every page of the business.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc-provider";

export function useBillingActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  // refresh(): the cancellation banner above every page is rendered by the business's layout.
  const invalidate = () =>
    Promise.all([
      router.refresh(),
      queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.setup.checklist.pathKey() }),
    ]);
  const go = (r: { url: string }) => window.location.assign(r.url);
  return {
    checkout: useMutation(trpc.billing.startCheckout.mutationOptions({ onSuccess: go })),
    portal: useMutation(trpc.billing.openPortal.mutationOptions({ onSuccess: go })),
    cancel: useMutation(trpc.billing.requestCancellation.mutationOptions({ onSuccess: invalidate })),
    undo: useMutation(trpc.billing.undoCancellation.mutationOptions({ onSuccess: invalidate })),
  };
}
