"use client";
// The tRPC + TanStack Query client. Every request names the tenant of the page the user is on
// (`x-tenant`, from /t/<slug>/…); the server's tenant gate decides whether that is allowed.
// Each tenant gets a fresh query cache and client, so moving between businesses without a page
// load can never show one business's cached answers on another business's pages.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import { MAX_TRPC_BATCH } from "@/server/trpc/batch-size";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { usePathname } from "next/navigation";
import { useMemo, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type Clients = { queryClient: QueryClient; trpcClient: TRPCClient<AppRouter> };

function tenantFromPath(pathname: string | null): string | null {
  return pathname ? (/^\/t\/([^/]+)/.exec(pathname)?.[1] ?? null) : null;
}

function makeClients(tenant: string | null): Clients {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (n, err) =>
          n < 2 &&
          !/UNAUTHORIZED|FORBIDDEN|NOT_FOUND/.test(String((err as { data?: { code?: string } }).data?.code)),
      },
    },
  });
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/api/trpc",
        transformer: superjson,
        // The server takes at most this many calls per request; a bigger group goes as several.
        maxItems: MAX_TRPC_BATCH,
        headers: () => (tenant ? { "x-tenant": tenant } : {}),
      }),
    ],
  });
  return { queryClient, trpcClient };
}

export function AppProviders({ children }: { children: ReactNode }) {
  const tenant = tenantFromPath(usePathname());
  const clients = useMemo(() => makeClients(tenant), [tenant]);
  return (
    <QueryClientProvider client={clients.queryClient}>
      <TRPCProvider trpcClient={clients.trpcClient} queryClient={clients.queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
