// The tRPC HTTP transport, in one place: what app/api/trpc serves and what the HTTP-level tests
// call, with the same options (the endpoint, every answer's headers, the batch limit).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "./root";
import { responseMeta, type TRPCContext } from "./init";
import { MAX_TRPC_BATCH } from "./batch-size";

export function serveTrpc(
  req: Request,
  context: () => TRPCContext | Promise<TRPCContext>,
): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: context,
    responseMeta,
    maxBatchSize: MAX_TRPC_BATCH,
    // Internal errors are logged once, with the reference the answer shows (server/trpc/init.ts).
  });
}
