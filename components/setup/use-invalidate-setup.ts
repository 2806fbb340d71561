"use client";
// After a setup change: refetch every setup query (the checklist, numbers, hours, ZIPs).
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";

export function useInvalidateSetup() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
}
